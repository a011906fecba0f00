// placeOrder, cancelOrder and orderStatus over the EA (docs/dialects.md "mql5-json-api"). A TRADE
// confirmation carries no request id and may be a stale copy, so it is only a hint: an order is
// filled, working or refused only on the trade event whose comment is its clientOrderId. Anything
// else leaves it unknown for reconciliation. Never resends a TRADE.
import type { Logger } from 'pino';
import type { HubOrder } from '../../../src-shared/domain/order';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { HubRequestError } from '../hub-client';
import { PlaceOrderArgs } from '../protocol';
import type { PlacedOrder } from '../protocol';
import type { RejectionLog } from '../rejection-log';
import type { Mql5Channel } from './mql5-channel';
import { MQL5_AUTHORITY_WINDOW_MS, MQL5_EVENT_WAIT_MS } from './mql5-dialect';
import { findOrder, orderFromEvent, orderFromPending } from './mql5-orders';
import type { Mql5Lists } from './mql5-orders';
import type { Mql5TradeEvents } from './mql5-trade-events';
import { Mql5TradeReply, isRefusal, isSuccess } from './mql5-wire';
import type { Mql5TradeEvent } from './mql5-wire';

export const CANNOT_TELL = 'the EA lists no comments and no trade event for it was seen, so the console cannot tell a never-received order from an executed one; check the terminal';

/** Reads the EA's lists (POSITIONS only when asked) through the channel. */
export type ListsReader = (timeoutMs: number, withPositions: boolean) => Promise<Mql5Lists>;

/** Sent-time entries kept at most (one per order sent by this run). */
const MAX_SENT = 10_000;
const TRADE = { shape: 'trade', schema: Mql5TradeReply } as const;

export class Mql5OrderOperations {
  /** When this console's TRADE for each clientOrderId left the socket. */
  private readonly sentAt = new Map<string, number>();
  /** Orders sent by an earlier run: their window closes by startedAt + the window. */
  private readonly startedAt: number;

  constructor(
    private readonly channel: Mql5Channel,
    private readonly events: Mql5TradeEvents,
    private readonly lists: ListsReader,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
    private readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  /** TRADE once, comment = clientOrderId; settled only by its trade event. Never retried. */
  async placeOrder(input: unknown, timeoutMs: number): Promise<PlacedOrder> {
    const parsed = PlaceOrderArgs.safeParse(input);
    if (!parsed.success) throw new HubRequestError('BAD_INPUT', `not an order ticket: ${parsed.error.issues[0]?.message ?? 'invalid'}; nothing was sent`, false);
    const ticket = parsed.data;
    const id = ticket.clientOrderId;
    if (ticket.type !== 'market' && !ticket.price) throw new HubRequestError('BAD_INPUT', `a ${ticket.type} order needs a price; nothing was sent`, false);
    const actionType = `ORDER_TYPE_${ticket.side.toUpperCase()}${ticket.type === 'market' ? '' : `_${ticket.type.toUpperCase()}`}`;
    const fields = { action: 'TRADE', actionType, symbol: ticket.symbol, volume: ticket.volume, price: ticket.type === 'market' ? 0 : (ticket.price ?? 0), stoploss: ticket.sl ?? 0, takeprofit: ticket.tp ?? 0, comment: id };
    const mark = this.events.mark();
    const { value: confirmation } = await this.channel.request(`TRADE ${id}`, fields, TRADE, timeoutMs, () => this.sent(id));
    const event = await this.events.waitUntil(() => settling(this.events.forComment(id, mark)), MQL5_EVENT_WAIT_MS);
    const said = `retcode ${confirmation.retcode}${confirmation.desription ? ` ${confirmation.desription.slice(0, 60)}` : ''}`;
    if (!event) {
      throw new HubRequestError('TIMEOUT', `the EA answered ${said}, but no trade event for ${id} followed within ${MQL5_EVENT_WAIT_MS} ms; without it the answer may be another order's, so this order's fate is unknown`, true);
    }
    if (isRefusal(event.result.retcode)) {
      throw new HubRequestError(refusalCode(event.result.retcode), `the trade server refused the order (retcode ${event.result.retcode}); nothing executed`, true);
    }
    if (confirmation.order !== event.result.order) {
      const detail = `TRADE ${id}: the confirmation names order ${confirmation.order}, its trade event order ${event.result.order}: a stale copy`;
      this.rejections.record('reply', { reason: 'late_reply', detail }, undefined);
    }
    const order = orderFromEvent(event, id, this.now());
    if (!order) throw new HubRequestError('INTERNAL', `the trade event for ${id} does not describe an order the console can show; its fate is unknown`, true);
    return order.status === 'filled' ? order : { ...order, status: 'working', filledVolume: 0, avgPrice: null };
  }

  /** ORDER_CANCEL by ticket; canceled on its removal event, or when the lists no longer show it. Not retried. */
  async cancelOrder(input: unknown, timeoutMs: number): Promise<HubOrder> {
    const wanted = input as { orderId?: string; clientOrderId?: string };
    const target = this.target(wanted, await this.lists(timeoutMs, false));
    if (!target) throw new HubRequestError('NOT_FOUND', `the EA lists no order ${wanted.clientOrderId ?? wanted.orderId ?? ''}; nothing was sent`, false);
    if (target.status !== 'working') return target;
    const ticket = Number(target.orderId);
    const { value } = await this.channel.request(`ORDER_CANCEL ${ticket}`, { action: 'TRADE', actionType: 'ORDER_CANCEL', symbol: target.symbol, id: ticket }, TRADE, timeoutMs);
    const canceled = { ...target, status: 'canceled' as const, updatedAt: Math.max(target.createdAt, this.now()) };
    if (await this.events.waitUntil(() => this.events.isRemoved(ticket) || undefined, MQL5_EVENT_WAIT_MS)) return canceled;
    // No removal event: the confirmation alone may be a stale copy, so the lists decide.
    const after = await this.lists(timeoutMs, false);
    if (after.orders.some((o) => o.id === target.orderId)) {
      throw new HubRequestError('REJECTED', `the EA did not cancel order ${ticket} (retcode ${value.retcode}); it is still working`, true);
    }
    const filled = findOrder(target.clientOrderId, after, this.events, this.now());
    return filled.kind === 'found' && filled.order.status === 'filled' ? filled.order : canceled;
  }

  private target(wanted: { orderId?: string; clientOrderId?: string }, lists: Mql5Lists): HubOrder | undefined {
    if (wanted.clientOrderId !== undefined) {
      const found = findOrder(wanted.clientOrderId, lists, this.events, this.now());
      return found.kind === 'found' ? found.order : undefined;
    }
    const pending = lists.orders.find((o) => o.id === wanted.orderId);
    const comment = pending && (pending.comment ?? this.events.commentOf(Number(pending.id)));
    return pending && comment ? orderFromPending(pending, comment) : undefined;
  }

  /**
   * The order by its comment in POSITIONS, ORDERS and HISTORY TRADES, then in the trade events.
   * Missing is NOT_FOUND only when the lists would show it (they carry comments, or hold nothing)
   * and the authority window has passed; with comment-less lists it is ABSENCE_UNPROVABLE.
   */
  async orderStatus(clientOrderId: string, timeoutMs: number): Promise<HubOrder> {
    const verdict = findOrder(clientOrderId, await this.lists(timeoutMs, true), this.events, this.now());
    if (verdict.kind === 'found') {
      if (verdict.executions > 1) this.logger.error({ clientOrderId, executions: verdict.executions }, 'deals carry the same clientOrderId more than once: executed more than once');
      return verdict.order;
    }
    const authorityAt = (this.sentAt.get(clientOrderId) ?? this.startedAt) + MQL5_AUTHORITY_WINDOW_MS;
    if (this.now() < authorityAt) {
      throw new HubRequestError('INVALID_STATE', `${clientOrderId} is not in the EA's lists yet, but it may still be executing until ${new Date(authorityAt).toISOString()}; ask again then`, true);
    }
    if (verdict.kind === 'refused') throw new HubRequestError('NOT_FOUND', `the trade server refused ${clientOrderId} (retcode ${verdict.retcode}); nothing executed`, true);
    if (verdict.kind === 'absent') throw new HubRequestError('NOT_FOUND', `no working order, deal or position carries ${clientOrderId}: nothing of it executed`, true);
    throw new HubRequestError('ABSENCE_UNPROVABLE', `Nothing the EA lists is known to carry ${clientOrderId}, but ${CANNOT_TELL}. Its fate is unknown; it will not be resent.`, true);
  }

  private sent(clientOrderId: string): void {
    this.sentAt.delete(clientOrderId);
    this.sentAt.set(clientOrderId, this.now());
    for (const key of this.sentAt.keys()) {
      if (this.sentAt.size <= MAX_SENT) break;
      this.sentAt.delete(key);
    }
  }
}

/**
 * The event that settles an order: a placement (ticket > 0) first, else a refusal. Any other code
 * (a timeout, an unknown one) settles nothing: the order stays unknown for reconciliation.
 */
function settling(events: readonly Mql5TradeEvent[]): Mql5TradeEvent | undefined {
  return events.find((e) => isSuccess(e.result.retcode) && e.result.order > 0) ?? events.find((e) => isRefusal(e.result.retcode));
}

/** MT5 retcodes the trade server gives for refusals, as the console's codes. */
function refusalCode(retcode: number): ErrorCode {
  if (retcode === 10014) return 'INVALID_VOLUME';
  if (retcode === 10015 || retcode === 10016) return 'INVALID_PRICE';
  return 'REJECTED';
}

// The v1 operations the console uses, each as origin gateway actions (docs/dialects.md): one
// attempt each; retries and connection state are the client's. An order missing from GET_POSITIONS
// is never NOT_FOUND: the dialect has no history, so a closed position looks the same as no order.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import type { Timing } from '../../../src-shared/ipc/contract';
import { HubRequestError } from '../hub-client';
import { MAX_FRAME_BYTES, MAX_REPLY_BYTES, PlaceOrderArgs } from '../protocol';
import type { HubOp, OpArgs, OpResult, PlacedOrder } from '../protocol';
import { ORIGIN_AUTHORITY_WINDOW_MS, ORIGIN_MAGIC, ORIGIN_MAX_COMMENT } from './origin-dialect';
import type { RejectionLog } from '../rejection-log';
import type { OriginRequestChannel } from './origin-request-channel';
import { toAccount } from '../mt5-account';
import { OriginAccount, OriginPositions, orderOutcome, orderSendPayload, ordersFromPositions, originPositions, originRequest } from './origin-wire';
import type { OriginEnvelopeAction, OriginPosition } from './origin-wire';
import type { z } from 'zod';

export const MARKET_ONLY = 'the origin gateway takes market orders only; nothing was sent';
export const CANNOT_TELL = 'the origin gateway cannot tell a never-received order from a closed position; check the terminal';

export class OriginOperations {
  /** When this console last sent ORDER_SEND for each clientOrderId. */
  private readonly sentAt = new Map<string, number>();
  /** Orders sent by an earlier run left before this: their window closes by startedAt + the window. */
  private readonly startedAt: number;

  constructor(
    private readonly channel: OriginRequestChannel,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now();
  }

  heartbeat(timeoutMs: number): Promise<unknown> {
    return this.envelope('HEARTBEAT', timeoutMs);
  }

  async run<O extends HubOp>(op: O, args: OpArgs<O>, timing: Timing): Promise<OpResult<O>> {
    const timeoutMs = timing.attemptTimeoutMs;
    return (await this.dispatch(op, args, timeoutMs)) as OpResult<O>;
  }

  private async dispatch(op: HubOp, args: unknown, timeoutMs: number): Promise<unknown> {
    switch (op) {
      case 'ping':
        await this.envelope('HEARTBEAT', timeoutMs);
        return { ts: this.now() };
      case 'account':
        return toAccount(this.parseData(OriginAccount, await this.envelope('GET_ACCOUNT_INFO', timeoutMs), op));
      case 'positions':
        return originPositions(await this.positions(timeoutMs));
      case 'orders': {
        const { orders, repeated } = ordersFromPositions(await this.positions(timeoutMs));
        if (repeated.length > 0) this.logger.error({ repeated }, 'positions carry the same clientOrderId more than once: executed more than once');
        return orders;
      }
      case 'orderStatus':
        return this.orderStatus((args as { clientOrderId: string }).clientOrderId, timeoutMs);
      case 'placeOrder':
        return this.placeOrder(args, timeoutMs);
      case 'cancelOrder':
        throw new HubRequestError('REJECTED', 'the origin gateway cannot cancel orders (market orders fill at once; closing a position is done in the terminal); nothing was sent', false);
      default:
        throw new HubRequestError('UNKNOWN_OP', `${op} has no origin gateway action; nothing was sent`, false);
    }
  }

  /** ORDER_SEND once, with req_id and comment = clientOrderId. Never retried, here or above. */
  private async placeOrder(input: unknown, timeoutMs: number): Promise<PlacedOrder> {
    const parsed = PlaceOrderArgs.safeParse(input);
    if (!parsed.success) throw new HubRequestError('BAD_INPUT', `not an order ticket: ${parsed.error.issues[0]?.message ?? 'invalid'}; nothing was sent`, false);
    const ticket = parsed.data;
    if (ticket.type !== 'market') throw new HubRequestError('REJECTED', MARKET_ONLY, false);
    if (ticket.clientOrderId.length > ORIGIN_MAX_COMMENT) throw new HubRequestError('BAD_INPUT', `clientOrderId is over ${ORIGIN_MAX_COMMENT} characters; nothing was sent`, false);
    const body = originRequest('ORDER_SEND', ticket.clientOrderId, orderSendPayload(ticket, ORIGIN_MAGIC), this.now());
    // Recorded before it leaves: the authority window runs from here, even if the send fails.
    this.sentAt.set(ticket.clientOrderId, this.now());
    const { reply } = await this.channel.request('ORDER_SEND', body, { kind: 'order' }, timeoutMs);
    if (!('retcode' in reply)) throw new HubRequestError('INTERNAL', 'ORDER_SEND answered with an envelope', true);
    const outcome = orderOutcome(ticket, reply, this.now());
    if (outcome.kind !== 'filled') throw new HubRequestError(outcome.code, outcome.message, true);
    return { ...outcome.order, avgPrice: await this.fillPrice(outcome.order.orderId, timeoutMs) };
  }

  /** The fill price from the position the order opened; the reply does not carry one. Best effort. */
  private async fillPrice(ticket: string, timeoutMs: number): Promise<number | null> {
    try {
      return (await this.positions(timeoutMs)).find((p) => String(p.ticket) === ticket)?.price_open ?? null;
    } catch (error) {
      this.logger.debug({ err: error, ticket }, 'fill price not read; the order stays filled without it');
      return null;
    }
  }

  /**
   * The order by its comment in GET_POSITIONS. Missing is never NOT_FOUND ("not received"): the
   * dialect has no history, so a position closed in the terminal or by KILL_SWITCH is missing too
   * (docs/dialects.md). Before the authority window it may still be executing: ask again then.
   * After it, ABSENCE_UNPROVABLE: the order stays unknown for a person, and is never resent.
   */
  private async orderStatus(clientOrderId: string, timeoutMs: number): Promise<unknown> {
    const { orders } = ordersFromPositions(await this.positions(timeoutMs));
    const found = orders.find((order) => order.clientOrderId === clientOrderId);
    if (found) return found;
    const authorityAt = (this.sentAt.get(clientOrderId) ?? this.startedAt) + ORIGIN_AUTHORITY_WINDOW_MS;
    if (this.now() < authorityAt) {
      throw new HubRequestError(
        'INVALID_STATE',
        `${clientOrderId} is not in the origin gateway's positions yet, but it may still be executing until ${new Date(authorityAt).toISOString()}; ask again then`,
        true,
      );
    }
    throw new HubRequestError('ABSENCE_UNPROVABLE', `No open position carries ${clientOrderId}, but ${CANNOT_TELL}. Its fate is unknown; it will not be resent.`, true);
  }

  private async positions(timeoutMs: number): Promise<OriginPosition[]> {
    return this.parseData(OriginPositions, await this.envelope('GET_POSITIONS', timeoutMs), 'positions');
  }

  /** One envelope action; its `data` on SUCCESS, its error as a coded failure otherwise. */
  private async envelope(action: OriginEnvelopeAction, timeoutMs: number): Promise<unknown> {
    const reqId = randomUUID();
    const capBytes = action === 'GET_POSITIONS' ? MAX_REPLY_BYTES : MAX_FRAME_BYTES;
    const { reply } = await this.channel.request(action, originRequest(action, reqId, {}, this.now()), { kind: 'envelope', reqId, capBytes }, timeoutMs);
    if (!('status' in reply)) throw new HubRequestError('INTERNAL', `${action} answered without an envelope`, true);
    if (reply.status === 'SUCCESS') return reply.data;
    if (reply.status === 'PENDING') throw new HubRequestError('HUB_BUSY', `${action} is pending at the origin gateway`, true);
    const message = (reply.error ?? 'error').slice(0, 1000);
    // "Timeout: …" is the gateway's own deadline (not run), safe to ask again; anything else is an answer.
    const code: ErrorCode = message.startsWith('Timeout') ? 'HUB_TIMEOUT' : 'BAD_REQUEST';
    throw new HubRequestError(code, `origin gateway ${action}: ${message}`, true);
  }

  /** A SUCCESS whose data breaks its schema is refused (bad_result): counted, logged, never applied. */
  private parseData<T extends z.ZodType>(schema: T, data: unknown, op: string): z.infer<T> {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const detail = `${op}: ${issue ? `${issue.path.map(String).join('.') || 'value'}: ${issue.message}` : 'invalid'}`;
    this.rejections.record('reply', { reason: 'bad_result', detail }, undefined);
    throw new HubRequestError('INTERNAL', `protocol error: the origin gateway's reply was refused (bad_result: ${detail})`, true);
  }
}

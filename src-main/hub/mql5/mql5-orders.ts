// The console's orders as the EA's lists and trade events show them (docs/dialects.md
// "mql5-json-api"): pending orders are working, deals are fills, removed placements are canceled,
// and whether an order missing from all of it is provably absent. Pure; never throws on input.
import type { Side } from '../../../src-shared/domain/account';
import type { HubOrder, OrderType } from '../../../src-shared/domain/order';
import { isOurComment } from '../origin/origin-wire';
import { WireOrder } from '../protocol';
import { isRefusal, isSuccess } from './mql5-wire';
import type { Mql5Deal, Mql5Order, Mql5Position, Mql5TradeEvent } from './mql5-wire';

export interface Mql5Lists {
  readonly positions: readonly Mql5Position[];
  readonly orders: readonly Mql5Order[];
  readonly deals: readonly Mql5Deal[];
}

/** What this console saw on the Streaming socket (mql5-trade-events.ts). */
export interface EventFacts {
  forComment(comment: string): readonly Mql5TradeEvent[];
  commentOf(ticket: number): string | undefined;
  /** Placements seen whose ticket a TRADE_ACTION_REMOVE took away since. */
  removedOrders(): ReadonlyArray<{ ticket: number; comment: string }>;
}

export type StatusVerdict =
  | { kind: 'found'; order: HubOrder; executions: number }
  /** The trade server refused every request with this comment: nothing executed. */
  | { kind: 'refused'; retcode: number }
  /** Absent from lists that would show it: never received, or nothing of it executed. */
  | { kind: 'absent' }
  /** Absent, but the lists carry no comments: an executed order could be hiding among them. */
  | { kind: 'unprovable' };

export function parseOrderType(name: string): { side: Side; type: OrderType } | undefined {
  const match = /^ORDER_TYPE_(BUY|SELL)(?:_(LIMIT|STOP))?$/.exec(name);
  if (!match) return undefined;
  const type: OrderType = match[2] === 'LIMIT' ? 'limit' : match[2] === 'STOP' ? 'stop' : 'market';
  return { side: match[1] === 'BUY' ? 'buy' : 'sell', type };
}

const positive = (value: number | undefined): number | null => (value !== undefined && value > 0 ? value : null);
const ms = (seconds: number): number => seconds * 1000;

/** A HubOrder the console accepts (WireOrder), or undefined. */
function valid(order: HubOrder): HubOrder | undefined {
  const parsed = WireOrder.safeParse(order);
  return parsed.success ? parsed.data : undefined;
}

function placement(events: readonly Mql5TradeEvent[], ticket?: number): Mql5TradeEvent | undefined {
  return events.find((e) => isSuccess(e.result.retcode) && e.result.order > 0 && (ticket === undefined || e.result.order === ticket));
}

export function orderFromPending(o: Mql5Order, clientOrderId: string): HubOrder | undefined {
  const kind = parseOrderType(o.type);
  if (!kind || kind.type === 'market') return undefined;
  const at = ms(o.time_setup);
  return valid({
    orderId: o.id, clientOrderId, symbol: o.symbol, side: kind.side, type: kind.type, volume: o.volume,
    price: positive(o.open), sl: positive(o.stoploss), tp: positive(o.takeprofit),
    status: 'working', filledVolume: 0, avgPrice: null, rejectReason: null, createdAt: at, updatedAt: at,
  });
}

/** A deal as the filled order it was; its type and prices from the placement event, when seen. */
export function orderFromDeal(d: Mql5Deal, clientOrderId: string, facts: EventFacts): HubOrder | undefined {
  const side: Side | undefined = d.type === 'Buy' ? 'buy' : d.type === 'Sell' ? 'sell' : undefined;
  if (!side) return undefined;
  const placed = placement(facts.forComment(clientOrderId), d.ticket);
  const type = (placed && parseOrderType(placed.request.type)?.type) ?? 'market';
  const at = ms(d.time);
  return valid({
    orderId: String(d.ticket), clientOrderId, symbol: d.symbol, side, type, volume: d.volume,
    price: type === 'market' ? null : positive(placed?.request.price), sl: positive(placed?.request.sl), tp: positive(placed?.request.tp),
    status: 'filled', filledVolume: d.volume, avgPrice: positive(d.price), rejectReason: null, createdAt: at, updatedAt: at,
  });
}

/** What a successful placement event alone says: filled (a deal), else canceled (placed, gone, no deal). */
export function orderFromEvent(event: Mql5TradeEvent, clientOrderId: string, now: number): HubOrder | undefined {
  const kind = parseOrderType(event.request.type);
  if (!kind) return undefined;
  const deal = event.request.action === 'TRADE_ACTION_DEAL';
  const volume = event.result.volume > 0 ? event.result.volume : event.request.volume;
  return valid({
    orderId: String(event.result.order), clientOrderId, symbol: event.request.symbol, side: kind.side, type: kind.type, volume,
    price: kind.type === 'market' ? null : positive(event.request.price), sl: positive(event.request.sl), tp: positive(event.request.tp),
    status: deal ? 'filled' : 'canceled', filledVolume: deal ? volume : 0, avgPrice: deal ? positive(event.result.price) : null,
    rejectReason: null, createdAt: now, updatedAt: now,
  });
}

/**
 * The console's orders the lists show: working (ORDERS), filled (one per deal: a comment on two
 * deals was executed twice, and is listed twice so verify flags it), and canceled (removals seen).
 */
export function listOrders(lists: Mql5Lists, facts: EventFacts, now: number): { orders: HubOrder[]; repeated: string[] } {
  const orders: HubOrder[] = [];
  const fills = new Map<string, number>();
  for (const o of lists.orders) {
    const comment = o.comment ?? facts.commentOf(Number(o.id));
    const order = comment && isOurComment(comment) ? orderFromPending(o, comment) : undefined;
    if (order) orders.push(order);
  }
  for (const d of lists.deals) {
    const comment = d.comment ?? facts.commentOf(d.ticket);
    const order = comment && isOurComment(comment) ? orderFromDeal(d, comment, facts) : undefined;
    if (!order) continue;
    orders.push(order);
    fills.set(comment as string, (fills.get(comment as string) ?? 0) + 1);
  }
  const listed = new Set(orders.map((o) => o.orderId));
  for (const d of lists.deals) listed.add(String(d.ticket));
  for (const o of lists.orders) listed.add(o.id);
  for (const { ticket, comment } of facts.removedOrders()) {
    const event = isOurComment(comment) && !listed.has(String(ticket)) ? placement(facts.forComment(comment), ticket) : undefined;
    const order = event && orderFromEvent(event, comment, now);
    if (order) orders.push({ ...order, status: 'canceled', filledVolume: 0, avgPrice: null });
  }
  return { orders, repeated: [...fills].filter(([, count]) => count > 1).map(([comment]) => comment) };
}

/** Lists a patched EA sends carry `comment`; lists with no entry at all hide nothing either. */
export function listsProveAbsence(lists: Mql5Lists): boolean {
  const entries = [...lists.positions, ...lists.orders, ...lists.deals];
  return entries.length === 0 || entries.some((entry) => entry.comment !== undefined);
}

/** Where the order with this comment is, by the lists first and the trade events after. */
export function findOrder(clientOrderId: string, lists: Mql5Lists, facts: EventFacts, now: number): StatusVerdict {
  const mine = listOrders(lists, facts, now).orders.filter((o) => o.clientOrderId === clientOrderId);
  const executions = mine.filter((o) => o.status === 'filled').length;
  const best = mine.find((o) => o.status === 'working') ?? mine.find((o) => o.status === 'filled') ?? mine[0];
  if (best) return { kind: 'found', order: best, executions };
  const position = lists.positions.find((p) => p.comment === clientOrderId);
  if (position) {
    const at = ms(position.time_setup);
    const order = valid({
      orderId: String(position.id), clientOrderId, symbol: position.symbol, side: position.type === 'POSITION_TYPE_BUY' ? 'buy' : 'sell', type: 'market',
      volume: position.volume, price: null, sl: positive(position.stoploss), tp: positive(position.takeprofit),
      status: 'filled', filledVolume: position.volume, avgPrice: position.open, rejectReason: null, createdAt: at, updatedAt: at,
    });
    if (order) return { kind: 'found', order, executions: 1 };
  }
  const events = facts.forComment(clientOrderId);
  const placed = placement(events);
  const fromEvent = placed && orderFromEvent(placed, clientOrderId, now);
  if (fromEvent) return { kind: 'found', order: fromEvent, executions: fromEvent.status === 'filled' ? 1 : 0 };
  // A refusal event proves nothing executed only where the lists would show an execution: with
  // comment-less lists it may be an earlier send's, and this (resubmitted) one may have executed.
  if (!listsProveAbsence(lists)) return { kind: 'unprovable' };
  const refusal = events.find((e) => isRefusal(e.result.retcode));
  return refusal ? { kind: 'refused', retcode: refusal.result.retcode } : { kind: 'absent' };
}

// The origin gateway's wire as the console reads it (docs/dialects.md "origin"): request bodies,
// zod schemas for its replies and ticks, and their mapping onto the console's shapes (netted
// Position, Quote, HubOrder). Pure: no sockets, no clock of its own; never throws on input.
import { z } from 'zod';
import type { Position } from '../../../src-shared/domain/account';
import { SymbolName } from '../../../src-shared/domain/market';
import type { Quote } from '../../../src-shared/domain/market';
import { CLIENT_ORDER_ID_PATTERN } from '../../../src-shared/domain/order';
import type { HubOrder } from '../../../src-shared/domain/order';
import type { ErrorCode } from '../../../src-shared/ipc/errors';
import { netPositions } from '../mt5-account';
import { WireQuote } from '../protocol';
import type { PlaceOrderArgs, PlacedOrder } from '../protocol';

export type OriginEnvelopeAction = 'HEARTBEAT' | 'GET_ACCOUNT_INFO' | 'GET_POSITIONS';

const finite = z.number().finite();

/** protocol.py create_response. */
export const OriginEnvelope = z.object({
  req_id: z.string().max(128),
  status: z.enum(['SUCCESS', 'ERROR', 'PENDING']),
  timestamp: finite,
  data: z.unknown(),
  error: z.string().nullable(),
});
export type OriginEnvelope = z.infer<typeof OriginEnvelope>;

/** json_gateway.py's reply to ORDER_SEND: the whole body, no envelope, no req_id. */
export const OriginOrderReply = z.object({
  error: z.boolean(),
  ticket: z.number().int().nonnegative(),
  msg: z.string().transform((msg) => msg.slice(0, 1000)),
  retcode: z.number().int(),
});
export type OriginOrderReply = z.infer<typeof OriginOrderReply>;

/** MetaTrader5 account_info() names, those the console shows. */
export const OriginAccount = z.object({
  currency: z.string().min(1).max(8),
  balance: finite,
  equity: finite,
  margin: finite.nonnegative(),
  margin_free: finite,
});

/** MetaTrader5 positions_get() names: one position per ticket (a hedging account). */
export const OriginPosition = z.object({
  ticket: z.number().int().positive(),
  time: z.number().int().nonnegative(),
  time_update: z.number().int().nonnegative().optional(),
  type: z.union([z.literal(0), z.literal(1)]),
  volume: z.number().positive().finite(),
  price_open: z.number().positive().finite(),
  sl: finite.nonnegative(),
  tp: finite.nonnegative(),
  profit: finite,
  symbol: SymbolName,
  comment: z.string().max(64),
});
export type OriginPosition = z.infer<typeof OriginPosition>;
export const OriginPositions = z.array(OriginPosition);

/** zmq_service.py publish_tick: one frame, no topic; timestamp is time.time() in seconds. */
export const OriginTick = z.object({ symbol: SymbolName, bid: z.number().positive().finite(), ask: z.number().positive().finite(), timestamp: finite.nonnegative() });

/** protocol.py create_request. */
export function originRequest(action: string, reqId: string, payload: Record<string, unknown>, now: number): string {
  return JSON.stringify({ action, req_id: reqId, timestamp: now / 1000, payload });
}

/** ORDER_SEND's payload for a market ticket; the clientOrderId is the comment (and the req_id). */
export function orderSendPayload(ticket: PlaceOrderArgs, magic: number): Record<string, unknown> {
  return {
    symbol: ticket.symbol,
    type: ticket.side === 'buy' ? 'OP_BUY' : 'OP_SELL',
    volume: ticket.volume,
    magic,
    comment: ticket.clientOrderId,
    sl: ticket.sl ?? 0,
    tp: ticket.tp ?? 0,
  };
}

export function toQuote(tick: z.infer<typeof OriginTick>): Quote | undefined {
  const quote = WireQuote.safeParse({ symbol: tick.symbol, bid: tick.bid, ask: tick.ask, ts: Math.round(tick.timestamp * 1000) });
  return quote.success ? quote.data : undefined;
}

/** The console shows one netted position per symbol (mt5-account.ts); the gateway reports one per ticket. */
export function originPositions(positions: readonly OriginPosition[]): Position[] {
  return netPositions(positions.map((p) => ({ symbol: p.symbol, side: p.type === 0 ? 'buy' : 'sell', volume: p.volume, openPrice: p.price_open, pnl: p.profit })));
}

/** hubdesk's own clientOrderIds (orders/ticket-ids.ts); other comments are other tools' orders. */
const OUR_COMMENT = /^HD-/;

export function isOurComment(comment: string): boolean {
  return OUR_COMMENT.test(comment) && CLIENT_ORDER_ID_PATTERN.test(comment);
}

/** A position the console's order opened, as the filled order it was. */
export function orderFromPosition(p: OriginPosition): HubOrder {
  const createdAt = p.time * 1000;
  return {
    orderId: String(p.ticket),
    clientOrderId: p.comment,
    symbol: p.symbol,
    side: p.type === 0 ? 'buy' : 'sell',
    type: 'market',
    volume: p.volume,
    price: null,
    sl: p.sl > 0 ? p.sl : null,
    tp: p.tp > 0 ? p.tp : null,
    status: 'filled',
    filledVolume: p.volume,
    avgPrice: p.price_open,
    rejectReason: null,
    createdAt,
    updatedAt: Math.max(createdAt, (p.time_update ?? p.time) * 1000),
  };
}

/**
 * The console's orders still open as positions, one per comment. A comment on more than one
 * position was executed more than once: the first is the order, the rest are named in `repeated`.
 */
export function ordersFromPositions(positions: readonly OriginPosition[]): { orders: HubOrder[]; repeated: string[] } {
  const orders = new Map<string, HubOrder>();
  const repeated = new Set<string>();
  for (const p of positions) {
    if (!isOurComment(p.comment)) continue;
    if (orders.has(p.comment)) repeated.add(p.comment);
    else orders.set(p.comment, orderFromPosition(p));
  }
  return { orders: [...orders.values()], repeated: [...repeated] };
}

/** MT5 TRADE_RETCODE_DONE. */
export const RETCODE_DONE = 10009;

export type OrderOutcome =
  | { kind: 'filled'; order: PlacedOrder }
  /** The gateway refused it: nothing executed. */
  | { kind: 'refused'; code: ErrorCode; message: string }
  /** -1 ("status unknown"), -4 or anything unexpected: it may have executed. */
  | { kind: 'unknown'; code: 'TIMEOUT' | 'INTERNAL'; message: string };

/** MT5 and json_gateway.py retcodes that mean "not executed", as the console's codes. */
const REFUSED: ReadonlyMap<number, ErrorCode> = new Map([
  [-3, 'BAD_REQUEST'],
  [-2, 'BAD_REQUEST'],
  [10006, 'REJECTED'],
  [10013, 'UNKNOWN_SYMBOL'],
  [10014, 'INVALID_VOLUME'],
  [10015, 'INVALID_PRICE'],
  [10016, 'INVALID_PRICE'],
  [10017, 'REJECTED'],
  [10018, 'REJECTED'],
  [10019, 'REJECTED'],
]);

/** MT5's TRADE_RETCODE_* from 10004 on, except PLACED (10008) and DONE_PARTIAL (10010), executed nothing. */
function isMt5Refusal(retcode: number): boolean {
  return retcode >= 10004 && retcode < 10100 && retcode !== 10008 && retcode !== 10010 && retcode !== RETCODE_DONE;
}

/** What ORDER_SEND's reply says about the order. `now` stamps the filled order. */
export function orderOutcome(ticket: PlaceOrderArgs, reply: OriginOrderReply, now: number): OrderOutcome {
  const said = `retcode ${reply.retcode}: ${reply.msg}`;
  if (!reply.error && reply.retcode === RETCODE_DONE && reply.ticket > 0) {
    return {
      kind: 'filled',
      order: {
        orderId: String(reply.ticket),
        clientOrderId: ticket.clientOrderId,
        symbol: ticket.symbol,
        side: ticket.side,
        type: 'market',
        volume: ticket.volume,
        price: null,
        sl: ticket.sl ?? null,
        tp: ticket.tp ?? null,
        status: 'filled',
        filledVolume: ticket.volume,
        avgPrice: null,
        rejectReason: null,
        createdAt: now,
        updatedAt: now,
        duplicate: reply.msg.startsWith('Cached result'),
      },
    };
  }
  if (reply.retcode === -1) return { kind: 'unknown', code: 'TIMEOUT', message: `the origin gateway's ${said}` };
  const code = reply.error ? (REFUSED.get(reply.retcode) ?? (isMt5Refusal(reply.retcode) ? 'REJECTED' : undefined)) : undefined;
  // A refusal is a retcode that means "not executed"; -4 and anything unexpected may hide a fill.
  if (code) return { kind: 'refused', code, message: `the origin gateway refused the order (${said})` };
  return { kind: 'unknown', code: 'INTERNAL', message: `the origin gateway answered ${said}; its fate is not known from this` };
}

// Hub protocol v1 (../shared/hub-protocol.md) as zod schemas: envelopes, per-operation arguments
// and results, events. Used by the console's client and by the simulated hub; no I/O here.
import { z } from 'zod';
import { Account, Position } from '../../src-shared/domain/account';
import { Quote, SymbolName, SymbolSpec } from '../../src-shared/domain/market';
import { ClientOrderId, HubOrder, OrderTicket } from '../../src-shared/domain/order';
import { HUB_ERROR_CODES } from '../../src-shared/ipc/errors';

export const PROTOCOL_VERSION = 1;
/** Request and event frames over this size are dropped and counted. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** The console accepts replies up to this size (busy hubs answer `orders` in megabytes). */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;

export const HubErrorCode = z.enum(HUB_ERROR_CODES);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const RequestId = z.string().min(1).max(64);

export const RequestEnvelope = z.object({
  v: z.literal(PROTOCOL_VERSION),
  id: RequestId,
  op: z.string().min(1).max(64),
  args: z.record(z.string(), z.unknown()).optional(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

export const HubErrorBody = z.object({ code: HubErrorCode, message: z.string() });

export const ReplyEnvelope = z.discriminatedUnion('ok', [
  z.object({ v: z.literal(PROTOCOL_VERSION), id: RequestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), id: RequestId.nullable(), ok: z.literal(false), error: HubErrorBody }),
]);
export type ReplyEnvelope = z.infer<typeof ReplyEnvelope>;

export const HelloResult = z.object({
  hubId: z.string().min(1),
  epoch: z.number().int().nonnegative(),
  protocol: z.literal(PROTOCOL_VERSION),
  // Bounded, so a hub announcing absurd timing is refused rather than obeyed (timers overflow).
  requestTimeoutMs: z.number().int().positive().max(600_000),
  maxBackoffMs: z.number().int().nonnegative().max(600_000),
  maxRetries: z.number().int().nonnegative().max(100),
  heartbeatMs: z.number().int().positive().max(60_000),
  eventsPort: z.number().int().min(1).max(65535),
  symbols: z.array(SymbolName),
});
export type HelloResult = z.infer<typeof HelloResult>;

/** The ticket's fields; the optional prices may also be null on the wire. */
export const PlaceOrderArgs = OrderTicket.extend({
  price: z.number().positive().nullish(),
  sl: z.number().positive().nullish(),
  tp: z.number().positive().nullish(),
});
export type PlaceOrderArgs = z.infer<typeof PlaceOrderArgs>;

export const PlacedOrder = HubOrder.extend({ duplicate: z.boolean().optional() });
export type PlacedOrder = z.infer<typeof PlacedOrder>;

export const HubStats = z.object({
  hubId: z.string(),
  epoch: z.number().int(),
  startedAt: z.number().int(),
  requests: z.number().int(),
  badRequests: z.number().int(),
  placeOrders: z.number().int(),
  ordersCreated: z.number().int(),
  duplicatesAbsorbed: z.number().int(),
  droppedRequests: z.number().int(),
  droppedReplies: z.number().int(),
  hubTimeouts: z.number().int(),
});
export type HubStats = z.infer<typeof HubStats>;

const Empty = z.object({}).optional();

/** Every operation: its arguments and its result, as the console and the simulated hub see them. */
export const operations = {
  // Optional args, so a plain REQ script can say hello with nothing but the envelope.
  hello: { args: z.object({ client: z.string().max(64).optional(), version: z.string().max(32).optional() }).optional(), result: HelloResult },
  ping: { args: Empty, result: z.object({ ts: z.number().int() }) },
  account: { args: Empty, result: Account },
  symbols: { args: Empty, result: z.array(SymbolSpec) },
  quotes: { args: z.object({ symbols: z.array(SymbolName).max(1000).optional() }).optional(), result: z.array(Quote) },
  positions: { args: Empty, result: z.array(Position) },
  orders: { args: z.object({ status: z.enum(['open', 'all']).optional() }).optional(), result: z.array(HubOrder) },
  placeOrder: { args: PlaceOrderArgs, result: PlacedOrder },
  cancelOrder: {
    args: z.union([z.object({ orderId: z.string().min(1).max(64) }), z.object({ clientOrderId: ClientOrderId })]),
    result: HubOrder,
  },
  orderStatus: { args: z.object({ clientOrderId: ClientOrderId }), result: HubOrder },
  'admin.stats': { args: Empty, result: HubStats },
  'admin.orders': { args: Empty, result: z.array(HubOrder) },
  // Extension of the simulated hub (docs/hub-protocol.md): set a symbol's price, so tests and
  // demos can make resting orders trigger on purpose.
  'admin.setQuote': { args: z.object({ symbol: SymbolName, bid: z.number().positive(), ask: z.number().positive() }), result: Quote },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type HubOp = keyof typeof operations;
export type OpArgs<O extends HubOp> = z.input<(typeof operations)[O]['args']>;
export type OpResult<O extends HubOp> = z.infer<(typeof operations)[O]['result']>;

export function isHubOp(op: string): op is HubOp {
  return Object.hasOwn(operations, op);
}

export const HeartbeatEvent = z.object({
  hubId: z.string(),
  epoch: z.number().int(),
  seq: z.number().int().nonnegative(),
  ts: z.number().int(),
});
export type HeartbeatEvent = z.infer<typeof HeartbeatEvent>;

export const EVENT_TOPIC = { heartbeat: 'hb', order: 'order', quotePrefix: 'quote.' } as const;

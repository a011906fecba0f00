// Hub protocol v1 (../shared/hub-protocol.md) as zod schemas: envelopes, per-operation arguments
// and results, events. Used by the console's client and by the simulated hub; no I/O here.
import { z } from 'zod';
import { Account, Position } from '../../src-shared/domain/account';
import { Quote, SymbolName, SymbolSpec } from '../../src-shared/domain/market';
import { ClientOrderId, HubOrder, OrderTicket } from '../../src-shared/domain/order';
import { HUB_ERROR_CODES } from '../../src-shared/ipc/errors';

export const PROTOCOL_VERSION = 1;
/** Request and event frames over this size are dropped and counted, and so is any reply but a listing's. */
export const MAX_FRAME_BYTES = 1024 * 1024;
export const MAX_REQUEST_BYTES = MAX_FRAME_BYTES;
/**
 * The console accepts replies to the listings up to this size (busy hubs answer `orders` in
 * megabytes). It is also libzmq's hard ceiling on the console's receiving sockets.
 */
export const MAX_REPLY_BYTES = 64 * 1024 * 1024;
/** The operations whose replies may exceed MAX_FRAME_BYTES. */
const LISTING_OPS: ReadonlySet<string> = new Set(['orders', 'admin.orders']);

/** The largest reply the console reads for an operation; a larger one is refused unread. */
export function replyCap(op: string): number {
  return LISTING_OPS.has(op) ? MAX_REPLY_BYTES : MAX_FRAME_BYTES;
}

export const HubErrorCode = z.enum(HUB_ERROR_CODES);
export type HubErrorCode = z.infer<typeof HubErrorCode>;

export const RequestId = z.string().min(1).max(64);
const HubId = z.string().min(1).max(64);

export const RequestEnvelope = z.object({
  v: z.literal(PROTOCOL_VERSION),
  id: RequestId,
  op: z.string().min(1).max(64),
  args: z.record(z.string(), z.unknown()).optional(),
});
export type RequestEnvelope = z.infer<typeof RequestEnvelope>;

/** Longest error message kept from a hub: the code is what the console acts on. */
const MAX_HUB_MESSAGE = 1000;

export const HubErrorBody = z.object({ code: HubErrorCode, message: z.string().transform((message) => message.slice(0, MAX_HUB_MESSAGE)) });

export const ReplyEnvelope = z.discriminatedUnion('ok', [
  z.object({ v: z.literal(PROTOCOL_VERSION), id: RequestId, ok: z.literal(true), result: z.unknown() }),
  z.object({ v: z.literal(PROTOCOL_VERSION), id: RequestId.nullable(), ok: z.literal(false), error: HubErrorBody }),
]);
export type ReplyEnvelope = z.infer<typeof ReplyEnvelope>;

export const HelloResult = z.object({
  hubId: HubId,
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

/**
 * Rules between fields that the shared shapes leave out, checked on everything a hub sends: an
 * order never fills more than its volume nor changes before it was made, a quote is never crossed,
 * a symbol's volume range is not inverted. A hub breaking one is refused like any malformed message.
 */
const MAX_REJECT_REASON = 1000;
const VOLUME_SLACK = 1e-9;
const orderRules = (order: HubOrder, ctx: z.RefinementCtx): void => {
  if (order.filledVolume > order.volume * (1 + VOLUME_SLACK)) ctx.addIssue({ code: 'custom', path: ['filledVolume'], message: 'filledVolume is above volume' });
  if (order.updatedAt < order.createdAt) ctx.addIssue({ code: 'custom', path: ['updatedAt'], message: 'updatedAt is before createdAt' });
  if ((order.rejectReason?.length ?? 0) > MAX_REJECT_REASON) ctx.addIssue({ code: 'custom', path: ['rejectReason'], message: `rejectReason is over ${MAX_REJECT_REASON} characters` });
};

/** An order as the console accepts it from a hub (reply or event). */
export const WireOrder = HubOrder.superRefine(orderRules);
export const WireQuote = Quote.refine((quote) => quote.bid <= quote.ask, { path: ['bid'], message: 'bid is above ask' });
export const WireSymbolSpec = SymbolSpec.refine((spec) => spec.minVolume <= spec.maxVolume, { path: ['minVolume'], message: 'minVolume is above maxVolume' });

export const PlacedOrder = HubOrder.extend({ duplicate: z.boolean().optional() }).superRefine(orderRules);
export type PlacedOrder = z.infer<typeof PlacedOrder>;

const Count = z.number().int().nonnegative();

export const HubStats = z.object({
  hubId: z.string(),
  epoch: Count,
  startedAt: Count,
  requests: Count,
  badRequests: Count,
  placeOrders: Count,
  ordersCreated: Count,
  duplicatesAbsorbed: Count,
  droppedRequests: Count,
  droppedReplies: Count,
  hubTimeouts: Count,
});
export type HubStats = z.infer<typeof HubStats>;

const Empty = z.object({}).optional();

/** Every operation: its arguments and its result, as the console and the simulated hub see them. */
export const operations = {
  // Optional args, so a plain REQ script can say hello with nothing but the envelope.
  hello: { args: z.object({ client: z.string().max(64).optional(), version: z.string().max(32).optional() }).optional(), result: HelloResult },
  ping: { args: Empty, result: z.object({ ts: Count }) },
  account: { args: Empty, result: Account },
  symbols: { args: Empty, result: z.array(WireSymbolSpec) },
  quotes: { args: z.object({ symbols: z.array(SymbolName).max(1000).optional() }).optional(), result: z.array(WireQuote) },
  positions: { args: Empty, result: z.array(Position) },
  orders: { args: z.object({ status: z.enum(['open', 'all']).optional() }).optional(), result: z.array(WireOrder) },
  placeOrder: { args: PlaceOrderArgs, result: PlacedOrder },
  cancelOrder: {
    args: z.union([z.object({ orderId: z.string().min(1).max(64) }), z.object({ clientOrderId: ClientOrderId })]),
    result: WireOrder,
  },
  orderStatus: { args: z.object({ clientOrderId: ClientOrderId }), result: WireOrder },
  'admin.stats': { args: Empty, result: HubStats },
  'admin.orders': { args: Empty, result: z.array(WireOrder) },
  // Extension of the simulated hub (docs/hub-protocol.md): set a symbol's price, so tests and
  // demos can make resting orders trigger on purpose.
  'admin.setQuote': { args: z.object({ symbol: SymbolName, bid: z.number().positive(), ask: z.number().positive() }), result: WireQuote },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export type HubOp = keyof typeof operations;
export type OpArgs<O extends HubOp> = z.input<(typeof operations)[O]['args']>;
export type OpResult<O extends HubOp> = z.infer<(typeof operations)[O]['result']>;

export function isHubOp(op: string): op is HubOp {
  return Object.hasOwn(operations, op);
}

export const HeartbeatEvent = z.object({
  hubId: HubId,
  epoch: Count,
  seq: Count,
  ts: Count,
});
export type HeartbeatEvent = z.infer<typeof HeartbeatEvent>;

export const EVENT_TOPIC = { heartbeat: 'hb', order: 'order', quotePrefix: 'quote.' } as const;

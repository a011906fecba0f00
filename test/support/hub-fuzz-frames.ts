// What a hub can send, good and bad, for the boundary's fuzz tests: valid replies and events for
// every operation and topic, fast-check arbitraries for garbage (random bytes, random JSON, valid
// messages with one field broken, 1 MiB+ frames, unknown ids), and the invariants an accepted value keeps.
import fc from 'fast-check';
import { HubOrderStatus, OrderType, CLIENT_ORDER_ID_PATTERN } from '../../src-shared/domain/order';
import { Side } from '../../src-shared/domain/account';
import { MAX_FRAME_BYTES, PROTOCOL_VERSION } from '../../src-main/hub/protocol';

/** A stand-in for ±Infinity: JSON cannot say it, but `1e400` parses to it (toJson writes that). */
export const HUGE = '\u0000HUGE';
const NEG_HUGE = '\u0000-HUGE';

/** JSON text of a value, with the stand-ins written as numbers that overflow to ±Infinity. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replaceAll(JSON.stringify(HUGE), '1e400').replaceAll(JSON.stringify(NEG_HUGE), '-1e400');
}

export const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

export function sampleOrder(patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    orderId: 'h-1',
    clientOrderId: 'T-20250301-0001',
    symbol: 'EURUSD',
    side: 'buy',
    type: 'limit',
    volume: 0.1,
    price: 1.085,
    sl: null,
    tp: 1.09,
    status: 'filled',
    filledVolume: 0.1,
    avgPrice: 1.08512,
    rejectReason: null,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_050,
    ...patch,
  };
}

export const sampleQuote = (symbol = 'EURUSD'): Record<string, unknown> => ({ symbol, bid: 1.085, ask: 1.0851, ts: 1_700_000_000_000 });

export function sampleHello(eventsPort: number, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return { hubId: 'rogue-1', epoch: 1, protocol: 1, requestTimeoutMs: 500, maxBackoffMs: 50, maxRetries: 2, heartbeatMs: 1000, eventsPort, symbols: ['EURUSD'], ...patch };
}

export const replyJson = (id: string, result: unknown): string => toJson({ v: PROTOCOL_VERSION, id, ok: true, result });

/** A field, values it must never take, and whether it may be left out. */
type Broken = readonly [key: string, values: readonly unknown[], optional?: true];

/** Values each field of an Order must never take: every one of them breaks the Order. */
const BAD_ORDER_FIELDS: readonly Broken[] = [
  ['volume', [0, -1, -0.01, HUGE, NEG_HUGE, '0.1', null]],
  ['filledVolume', [-1, 5, HUGE]],
  ['price', [0, -1.085, HUGE, '1.085']],
  ['avgPrice', [0, -2, NEG_HUGE]],
  ['sl', [-1, HUGE]],
  ['tp', [0]],
  ['status', ['partially_filled', 'FILLED', '', 1, null]],
  ['side', ['long', 'BUY', null]],
  ['type', ['market_if_touched', 'Market', 0]],
  ['clientOrderId', ['', 'x'.repeat(32), 'has space', 'ü-id', 42, null]],
  ['symbol', ['eurusd', '', 'X'.repeat(21)]],
  ['createdAt', [-1, 1.5, HUGE]],
  ['updatedAt', [5]],
  ['orderId', ['', 'o'.repeat(65), 7]],
  ['rejectReason', ['r'.repeat(1001), 5]],
];
const BAD_QUOTE_FIELDS: readonly Broken[] = [
  ['bid', [0, -1, HUGE, NEG_HUGE, '1.085', null, 2]],
  ['ask', [0, -1, HUGE, 1]],
  ['symbol', ['eurusd', '', 7]],
  ['ts', [-1, 1.5, HUGE]],
];

/** Per operation: a valid result (one item of it, for a list) and values that break each field. */
const BREAKABLE: Record<string, { item: Record<string, unknown>; fields: readonly Broken[]; list: boolean }> = {
  hello: {
    item: sampleHello(5556),
    list: false,
    fields: [
      ['protocol', [2, '1', 0]],
      ['requestTimeoutMs', [0, -1, 1e9, HUGE, 1.5]],
      ['heartbeatMs', [0, -5, HUGE]],
      ['eventsPort', [0, 70_000, '5556']],
      ['symbols', ['EURUSD', ['eur usd'], null]],
      ['hubId', ['', 5]],
    ],
  },
  ping: { item: { ts: 1_700_000_000_000 }, list: false, fields: [['ts', [-1, 1.5, 'now', null, HUGE]]] },
  account: {
    item: { currency: 'USD', balance: 10_000, equity: 10_010, margin: 100, freeMargin: 9_910 },
    list: false,
    fields: [['currency', ['', 'DOLLARSXX', 5]], ['balance', [HUGE, '1']], ['margin', [-1, NEG_HUGE]], ['equity', [null]]],
  },
  symbols: {
    item: { symbol: 'EURUSD', digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
    list: true,
    fields: [['minVolume', [0, -1, 1000]], ['volumeStep', [0, HUGE]], ['digits', [9, -1, 1.5]], ['contractSize', [0]], ['symbol', ['eur/usd']]],
  },
  quotes: { item: sampleQuote(), list: true, fields: BAD_QUOTE_FIELDS },
  positions: {
    item: { symbol: 'EURUSD', side: 'buy', volume: 0.1, avgPrice: 1.085, unrealizedPnl: -1.5 },
    list: true,
    fields: [['volume', [0, -0.1, HUGE]], ['avgPrice', [0, NEG_HUGE]], ['side', ['flat']], ['unrealizedPnl', [HUGE, '1']]],
  },
  orders: { item: sampleOrder(), list: true, fields: BAD_ORDER_FIELDS },
  'admin.orders': { item: sampleOrder(), list: true, fields: BAD_ORDER_FIELDS },
  placeOrder: { item: { ...sampleOrder(), duplicate: false }, list: false, fields: [...BAD_ORDER_FIELDS, ['duplicate', ['yes', 1], true]] },
  cancelOrder: { item: sampleOrder({ status: 'canceled', filledVolume: 0, avgPrice: null }), list: false, fields: BAD_ORDER_FIELDS },
  orderStatus: { item: sampleOrder(), list: false, fields: BAD_ORDER_FIELDS },
  'admin.stats': {
    item: { hubId: 'rogue-1', epoch: 1, startedAt: 1, requests: 5, badRequests: 0, placeOrders: 1, ordersCreated: 1, duplicatesAbsorbed: 0, droppedRequests: 0, droppedReplies: 0, hubTimeouts: 0 },
    list: false,
    fields: [['requests', [-1, 1.5, HUGE]], ['hubId', [5, null]]],
  },
};

export const FUZZ_OPS = Object.keys(BREAKABLE);

/** A valid result of an operation. */
export function sampleResult(op: string): unknown {
  const entry = BREAKABLE[op];
  if (!entry) throw new Error(`no sample result for ${op}`);
  return entry.list ? [entry.item] : entry.item;
}

const brokenField = (fields: readonly Broken[]): fc.Arbitrary<{ key: string; value: unknown; drop: boolean }> =>
  fc.constantFrom(...fields).chain(([key, values, optional]) => {
    const set = fc.constantFrom(...values).map((value) => ({ key, value, drop: false }));
    return optional ? set : fc.oneof({ weight: 5, arbitrary: set }, { weight: 1, arbitrary: fc.constant({ key, value: undefined, drop: true }) });
  });

function broken(base: Record<string, unknown>, change: { key: string; value: unknown; drop: boolean }): Record<string, unknown> {
  const copy = { ...base };
  if (change.drop) delete copy[change.key];
  else copy[change.key] = change.value;
  return copy;
}

export const brokenOrder = brokenField(BAD_ORDER_FIELDS).map((change) => broken(sampleOrder(), change));
export const brokenQuote = brokenField(BAD_QUOTE_FIELDS).map((change) => broken(sampleQuote(), change));

/** A result that breaks the operation's schema: one field of one item broken, or the wrong JSON type. */
function brokenResultFor(op: string): fc.Arbitrary<unknown> {
  const entry = BREAKABLE[op];
  if (!entry) throw new Error(`no broken results for ${op}`);
  const wrongType = fc.constant(entry.list ? { items: [] } : []);
  const item = brokenField(entry.fields).map((change) => broken(entry.item, change));
  const result = entry.list ? fc.tuple(item, fc.nat(3)).map(([bad, valid]) => [...Array.from({ length: valid }, () => entry.item), bad]) : item;
  return fc.oneof({ weight: 6, arbitrary: result }, { weight: 1, arbitrary: wrongType });
}

/** A reply to `id` that must be refused whatever the op: the envelope or its result is broken. */
export const brokenReplyTo = (id: string, op: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(2, 0, '1', null).map((v) => toJson({ v, id, ok: true, result: sampleResult(op) })),
    fc.constantFrom('true', 1, null).map((ok) => toJson({ v: 1, id, ok, result: sampleResult(op) })),
    fc.constantFrom({ code: 'NOPE', message: 'x' }, { code: 'REJECTED' }, null, 'REJECTED').map((error) => toJson({ v: 1, id, ok: false, error })),
    fc.constant(`{"v":1,"id":${JSON.stringify(id)},"ok":true,"result":{"ts":NaN}}`),
    fc.constant(`{"v":1,"id":${JSON.stringify(id)},"ok":true,"result":`),
    { weight: 4, arbitrary: brokenResultFor(op).map((result) => replyJson(id, result)) },
  );

/** Any bytes at all, any JSON value at all, or text that is almost JSON. */
export const garbage: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((array) => Buffer.from(array)),
  fc.jsonValue({ maxDepth: 4 }).map((value) => bytes(JSON.stringify(value) ?? 'null')),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => bytes(`{"v":1,"id":${text}`)),
  fc.constantFrom('', 'null', '[]', '{}', '"v"', 'NaN', 'Infinity', '{"v":1}', '\u2028', '[[[[[[[[[[').map(bytes),
  fc.nat(200_000).map((depth) => bytes('['.repeat(depth) + ']'.repeat(depth))),
);

/** A frame just over the 1 MiB cap that starts as a reply to `id` would. */
export const oversizedReplyTo = (id: string, extra = 1): Buffer =>
  Buffer.concat([bytes(`{"v":1,"id":${JSON.stringify(id)},"ok":true,"result":"`), Buffer.alloc(MAX_FRAME_BYTES + extra, 0x61), bytes('"}')]);

/** Every number finite, volumes and prices positive, enums known, ids well formed, fills within volume. */
export function domainViolations(value: unknown, path = 'result'): string[] {
  if (typeof value === 'number') return Number.isFinite(value) ? [] : [`${path} is ${value}`];
  if (Array.isArray(value)) return value.flatMap((item, index) => domainViolations(item, `${path}.${index}`));
  if (typeof value !== 'object' || value === null) return [];
  const fields = value as Record<string, unknown>;
  const found = Object.entries(fields).flatMap(([key, item]) => domainViolations(item, `${path}.${key}`));
  const positive = ['volume', 'minVolume', 'maxVolume', 'volumeStep', 'contractSize', 'bid', 'ask', 'price', 'sl', 'tp', 'avgPrice'];
  for (const key of positive) if (key in fields && fields[key] !== null && !((fields[key] as number) > 0)) found.push(`${path}.${key} is ${String(fields[key])}`);
  if ('filledVolume' in fields && !((fields.filledVolume as number) >= 0 && (fields.filledVolume as number) <= (fields.volume as number) * (1 + 1e-9))) found.push(`${path}.filledVolume out of range`);
  if ('status' in fields && !HubOrderStatus.safeParse(fields.status).success) found.push(`${path}.status ${String(fields.status)}`);
  if ('side' in fields && !Side.safeParse(fields.side).success) found.push(`${path}.side ${String(fields.side)}`);
  if ('clientOrderId' in fields && (typeof fields.clientOrderId !== 'string' || !CLIENT_ORDER_ID_PATTERN.test(fields.clientOrderId))) found.push(`${path}.clientOrderId`);
  if ('clientOrderId' in fields && !OrderType.safeParse(fields.type).success) found.push(`${path}.type ${String(fields.type)}`);
  return found;
}

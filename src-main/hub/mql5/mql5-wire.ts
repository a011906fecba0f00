// The MQL5-JSON-API wire as the console reads it (docs/dialects.md "mql5-json-api"): the request
// dictionary, zod schemas for every Data, Live and Streaming message, and the shape test that tells
// which action a Data message answers (replies carry no request id). Pure; never throws on input.
import { z } from 'zod';
import { SymbolName } from '../../../src-shared/domain/market';

const finite = z.number().finite();
const price = finite.nonnegative();
const volume = z.number().positive().finite();
const comment = z.string().max(64);

/** The README's "default JSON dictionary": every key, null unless set. */
const REQUEST_KEYS = ['action', 'actionType', 'symbol', 'chartTF', 'fromDate', 'toDate', 'id', 'magic', 'volume', 'price', 'stoploss', 'takeprofit', 'expiration', 'deviation', 'comment'] as const;
export type Mql5RequestFields = Partial<Record<(typeof REQUEST_KEYS)[number], string | number>>;

export function mql5Request(fields: Mql5RequestFields): string {
  return JSON.stringify(Object.fromEntries(REQUEST_KEYS.map((key) => [key, fields[key] ?? null])));
}

/** ActionDoneOrError: `lastError` is a string; 0 is success. */
export const Mql5ActionReply = z.object({ error: z.boolean(), lastError: z.string().max(32), description: z.string().max(200), function: z.string().max(100) });
export type Mql5ActionReply = z.infer<typeof Mql5ActionReply>;

/** The only answer to an unknown action (EA RequestHandler): what a fence gets back. */
export function isFenceReply(reply: Mql5ActionReply): boolean {
  return reply.lastError === '65538' && reply.function === 'RequestHandler';
}

export const Mql5Account = z.object({
  broker: z.string().max(200),
  currency: z.string().min(1).max(8),
  balance: finite,
  equity: finite,
  margin: price,
  margin_free: finite,
});

export const Mql5Balance = z.object({ balance: finite, equity: finite, margin: price, margin_free: finite });

/** What POSITIONS and ORDERS list alike; each adds its own id, type and open price. */
const Mql5Listed = z.object({
  symbol: SymbolName,
  time_setup: z.number().int().nonnegative(),
  stoploss: price,
  takeprofit: price,
  volume,
  /** Only from an EA patched to list it (the emulator's default, docs/dialects.md). */
  comment: comment.optional(),
});

export const Mql5Position = Mql5Listed.extend({
  /** POSITION_IDENTIFIER: the opening order's ticket (0 if the terminal lost track of it). */
  id: z.number().int().nonnegative(),
  type: z.enum(['POSITION_TYPE_BUY', 'POSITION_TYPE_SELL']),
  open: z.number().positive().finite(),
});
export type Mql5Position = z.infer<typeof Mql5Position>;
export const Mql5Positions = z.object({ positions: z.array(Mql5Position) });

/** ENUM_ORDER_TYPE of a pending order; a string id, unlike a position's. */
export const Mql5Order = Mql5Listed.extend({
  id: z.string().regex(/^[1-9]\d{0,19}$/),
  type: z.string().regex(/^ORDER_TYPE_(BUY|SELL)(_LIMIT|_STOP|_STOP_LIMIT)?$/),
  open: price,
});
export type Mql5Order = z.infer<typeof Mql5Order>;
export const Mql5Orders = z.object({ orders: z.array(Mql5Order) });

/** A deal of HISTORY TRADES: `type` is CDealInfo::TypeDescription ("Buy", "Sell", "Balance" …), `entry` ENUM_DEAL_ENTRY. */
export const Mql5Deal = z.object({
  ticket: z.number().int().positive(),
  time: z.number().int().nonnegative(),
  price,
  volume: finite.nonnegative(),
  symbol: z.string().max(20),
  type: z.string().max(40),
  entry: z.number().int().min(0).max(3),
  profit: finite,
  comment: comment.optional(),
});
export type Mql5Deal = z.infer<typeof Mql5Deal>;
/** `{}` when the account has no deals: the EA never creates the key then. */
export const Mql5Trades = z.object({ trades: z.array(Mql5Deal).optional() });

/** OrderDoneOrError (the EA's own spelling `desription`). */
export const Mql5TradeReply = z.object({
  error: z.boolean(),
  retcode: z.number().int(),
  desription: z.string().max(200).optional(),
  order: z.number().int().nonnegative(),
  volume: price,
  price,
});
export type Mql5TradeReply = z.infer<typeof Mql5TradeReply>;

/** OnTradeTransaction, TRADE_TRANSACTION_REQUEST: the only place the stock EA reports the comment. */
export const Mql5TradeEvent = z.object({
  request: z.object({ action: z.string().max(40), order: z.number().int().nonnegative(), symbol: z.string().max(20), volume: price, price, sl: price, tp: price, type: z.string().max(40), comment }),
  result: z.object({ retcode: z.number().int(), order: z.number().int().nonnegative(), volume: price, price }),
});
export type Mql5TradeEvent = z.infer<typeof Mql5TradeEvent>;

/** A Live tick for a CONFIG subscription with chartTF TICK: data is [time_msc, bid, ask]. */
export const Mql5Tick = z.object({
  status: z.literal('CONNECTED'),
  symbol: SymbolName,
  timeframe: z.literal('TICK'),
  data: z.tuple([z.number().int().nonnegative(), z.number().positive().finite(), z.number().positive().finite()]),
});

/** Which answer a Data message is, from its keys alone (docs/dialects.md "Data replies"). */
export type Mql5Shape = 'trade' | 'action' | 'account' | 'positions' | 'orders' | 'trades' | 'balance' | 'candles';

export function shapeOf(value: unknown): Mql5Shape | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const has = (key: string): boolean => Object.hasOwn(value, key);
  if (has('retcode')) return 'trade';
  if (has('lastError')) return 'action';
  if (has('broker')) return 'account';
  if (has('positions')) return 'positions';
  if (has('orders')) return 'orders';
  if (has('trades') || Object.keys(value).length === 0) return 'trades';
  if (has('balance')) return 'balance';
  if (has('data') && has('timeframe')) return 'candles';
  return undefined;
}

/** MT5 TRADE_RETCODE_DONE, TRADE_RETCODE_PLACED and TRADE_RETCODE_DONE_PARTIAL (something executed). */
export const RETCODE_DONE = 10009;
export const RETCODE_PLACED = 10008;
export const RETCODE_DONE_PARTIAL = 10010;

export function isSuccess(retcode: number): boolean {
  return retcode === RETCODE_DONE || retcode === RETCODE_PLACED || retcode === RETCODE_DONE_PARTIAL;
}

/**
 * MT5 retcodes that say the trade server refused the request and nothing executed: reject, invalid
 * request/volume/price/stops, trade disabled, market closed, no money, limits reached. Any other
 * code that is not a success (a timeout 10012, an unknown code) says nothing about the outcome.
 */
const REFUSALS: ReadonlySet<number> = new Set([10006, 10013, 10014, 10015, 10016, 10017, 10018, 10019, 10030, 10033, 10034, 10040]);

export function isRefusal(retcode: number): boolean {
  return REFUSALS.has(retcode);
}

// The MQL5-JSON-API wire as the emulator speaks it: decodes a system-socket request (never throws)
// and builds the data-socket replies the expert advisor pushes (action errors, trade confirmations).
// Pure; field names and codes follow the EA's source, see docs/dialects.md "mql5-json-api".
import { z } from 'zod';

/** The actions the EA's RequestHandler dispatches (README table; INDICATOR and CHART are optional builds). */
export const MQL5_ACTIONS = ['CONFIG', 'RESET', 'ACCOUNT', 'BALANCE', 'POSITIONS', 'ORDERS', 'HISTORY', 'TRADE'] as const;
export type Mql5Action = (typeof MQL5_ACTIONS)[number];

/** The EA reads absent and null numbers as 0 (CJAVal ToDbl/ToInt); we do the same. */
const num = z.number().nullish().transform((value) => value ?? 0);
const text = z.string().nullish().transform((value) => value ?? '');

/** The README's "default JSON dictionary"; unknown keys are ignored. */
export const Mql5Request = z.object({
  action: text,
  actionType: text,
  symbol: text,
  chartTF: text,
  fromDate: num,
  toDate: num,
  id: num,
  magic: num,
  volume: num,
  price: num,
  stoploss: num,
  takeprofit: num,
  expiration: num,
  deviation: num,
  comment: text,
});
export type Mql5Request = z.output<typeof Mql5Request>;

export type DecodedMql5 =
  | { readonly kind: 'request'; readonly request: Mql5Request }
  /** Not UTF-8 JSON of an object (the EA's ERR_DESERIALIZATION), or a field of the wrong type. */
  | { readonly kind: 'invalid'; readonly action: string | undefined };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeMql5(body: Uint8Array): DecodedMql5 {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch {
    return { kind: 'invalid', action: undefined };
  }
  const parsed = Mql5Request.safeParse(value);
  if (parsed.success) return { kind: 'request', request: parsed.data };
  const action = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)['action'] : undefined;
  return { kind: 'invalid', action: typeof action === 'string' ? action : undefined };
}

export function isMql5Action(action: string): action is Mql5Action {
  return (MQL5_ACTIONS as readonly string[]).includes(action);
}

/** GetErrorID in JsonAPI.mq5 (custom codes from 65537) and the MQL5 runtime codes the EA reports. */
export const MQL5_ERROR = {
  success: 0,
  unknownSymbol: 4301,
  deserialization: 65537,
  wrongAction: 65538,
  wrongActionType: 65539,
  retrieveDataFailed: 65541,
  fileCreationFailed: 65542,
} as const;
export type Mql5ErrorCode = (typeof MQL5_ERROR)[keyof typeof MQL5_ERROR];

const ERROR_NAMES: Readonly<Record<Mql5ErrorCode, string>> = {
  0: 'ERR_SUCCESS',
  4301: 'ERR_MARKET_UNKNOWN_SYMBOL',
  65537: 'ERR_DESERIALIZATION',
  65538: 'ERR_WRONG_ACTION',
  65539: 'ERR_WRONG_ACTION_TYPE',
  65541: 'ERR_RETRIEVE_DATA_FAILED',
  65542: 'ERR_CVS_FILE_CREATION_FAILED',
};

/** ActionDoneOrError: `lastError` is a string; `error` is false only for ERR_SUCCESS. */
export function actionReply(code: Mql5ErrorCode, fn: string): Record<string, unknown> {
  return { error: code !== MQL5_ERROR.success, lastError: String(code), description: ERROR_NAMES[code], function: fn };
}

/** The MT5 trade server return codes the emulator gives (MqlTradeResult.retcode). */
export const RETCODE = {
  reject: 10006,
  done: 10009,
  invalid: 10013,
  invalidVolume: 10014,
  invalidPrice: 10015,
  invalidStops: 10016,
  noMoney: 10019,
  invalidCloseVolume: 10038,
} as const;

const RETCODE_NAMES: Readonly<Record<number, string>> = {
  10006: 'TRADE_RETCODE_REJECT',
  10009: 'TRADE_RETCODE_DONE',
  10013: 'TRADE_RETCODE_INVALID',
  10014: 'TRADE_RETCODE_INVALID_VOLUME',
  10015: 'TRADE_RETCODE_INVALID_PRICE',
  10016: 'TRADE_RETCODE_INVALID_STOPS',
  10019: 'TRADE_RETCODE_NO_MONEY',
  10038: 'TRADE_RETCODE_INVALID_CLOSE_VOLUME',
};

/** GetRetcodeID: unknown codes read `TRADE_RETCODE_UNKNOWN=<n>` (0 when nothing reached the server). */
export function retcodeName(retcode: number): string {
  return RETCODE_NAMES[retcode] ?? `TRADE_RETCODE_UNKNOWN=${retcode}`;
}

export interface TradeResult {
  readonly retcode: number;
  readonly order: number;
  readonly volume: number;
  readonly price: number;
  readonly bid: number;
  readonly ask: number;
}

export const NO_RESULT: TradeResult = Object.freeze({ retcode: 0, order: 0, volume: 0, price: 0, bid: 0, ask: 0 });

/** OrderDoneOrError: the EA's own spelling `desription` is kept, since clients read that key. */
export function tradeReply(error: boolean, result: TradeResult): Record<string, unknown> {
  const { retcode, order, volume, price, bid, ask } = result;
  return { error, retcode, desription: retcodeName(retcode), order, volume, price, bid, ask, function: 'TradingModule' };
}

/** MT5 datetime: whole seconds. */
export function mt5Time(ms: number): number {
  return Math.floor(ms / 1000);
}

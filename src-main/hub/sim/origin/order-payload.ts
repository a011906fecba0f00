// The checks the origin gateway runs on an order payload before it reaches MT5, in
// json_gateway.py's order (missing fields -2, then volume range, comment length and type -3), for
// ORDER_SEND ({type: OP_BUY|OP_SELL}) and OPEN_ORDER ({side: BUY|SELL}). Pure.
import type { Side } from '../../../../src-shared/domain/account';
import { DEFAULT_COMMENT, DEFAULT_MAGIC, MAX_COMMENT_CHARS, MAX_VOLUME, MIN_VOLUME, RETCODE, orderFailure, type OrderReply } from './wire';

export interface OriginOrder {
  readonly symbol: string;
  readonly side: Side;
  readonly volume: number;
  /** null: none (the wire's 0). */
  readonly sl: number | null;
  readonly tp: number | null;
  readonly magic: number;
  readonly comment: string;
}

export type ParsedOrder = { readonly ok: true; readonly order: OriginOrder } | { readonly ok: false; readonly failure: OrderReply };

const SIDES: Readonly<Record<'type' | 'side', Readonly<Record<string, Side>>>> = {
  type: { OP_BUY: 'buy', OP_SELL: 'sell' },
  side: { BUY: 'buy', SELL: 'sell' },
};

/** `sideField`: "type" for ORDER_SEND, "side" for OPEN_ORDER. */
export function parseOrderPayload(payload: Record<string, unknown>, sideField: 'type' | 'side'): ParsedOrder {
  const missing = (field: string): ParsedOrder => refuse(RETCODE.missingField, `Missing required field: ${field}`);
  const invalid = (msg: string): ParsedOrder => refuse(RETCODE.invalidField, msg);
  const { symbol, volume } = payload;
  const sideText = payload[sideField];
  if (!symbol) return missing('symbol');
  if (!sideText) return missing(sideField);
  if (volume === undefined || volume === null) return missing('volume');
  const magic = payload['magic'] ?? DEFAULT_MAGIC;
  const comment = payload['comment'] ?? DEFAULT_COMMENT;
  if (typeof volume !== 'number' || !Number.isFinite(volume) || volume < MIN_VOLUME || volume > MAX_VOLUME) {
    return invalid(`Invalid volume: ${String(volume)}. Valid range: ${MIN_VOLUME}-${MAX_VOLUME.toFixed(1)}`);
  }
  if (typeof comment !== 'string') return invalid('comment must be a string');
  if (comment.length > MAX_COMMENT_CHARS) return invalid(`Comment too long: ${comment.length} chars. Max ${MAX_COMMENT_CHARS}`);
  const side = typeof sideText === 'string' ? SIDES[sideField][sideText] : undefined;
  if (!side) {
    const allowed = Object.keys(SIDES[sideField]).join(' or ');
    return invalid(`Invalid order ${sideField}: ${String(sideText)}. Must be ${allowed}`);
  }
  if (typeof symbol !== 'string') return invalid('symbol must be a string');
  if (typeof magic !== 'number' || !Number.isInteger(magic) || magic < 0 || magic > 2_147_483_647) {
    return invalid('magic must be an integer from 0 to 2147483647');
  }
  const sl = stop(payload['sl']);
  const tp = stop(payload['tp']);
  if (sl === undefined || tp === undefined) return invalid('sl and tp must be 0 (none) or positive prices');
  return { ok: true, order: { symbol, side, volume, sl, tp, magic, comment } };
}

/** 0 or absent: no stop; a positive price; anything else undefined. */
function stop(value: unknown): number | null | undefined {
  if (value === undefined || value === null || value === 0) return null;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

function refuse(retcode: number, msg: string): ParsedOrder {
  return { ok: false, failure: orderFailure(retcode, msg) };
}

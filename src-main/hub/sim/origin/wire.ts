// The origin gateway's wire (docs/dialects.md, section "origin"): decodes a request body (never
// throws on any input) and builds its two reply shapes, the envelope reply and ORDER_SEND's bare
// order result. Pure; knows no engine and no socket.
import { z } from 'zod';

/** The envelope actions of protocol.py, ORDER_SEND of json_gateway.py, and the emulator's own. */
export const ORIGIN_ACTIONS = [
  'HEARTBEAT',
  'GET_ACCOUNT_INFO',
  'GET_POSITIONS',
  'OPEN_ORDER',
  'CLOSE_POSITION',
  'KILL_SWITCH',
  'ORDER_SEND',
  'ADMIN_EXECUTIONS',
] as const;
export type OriginAction = (typeof ORIGIN_ACTIONS)[number];

export function isOriginAction(action: string): action is OriginAction {
  return (ORIGIN_ACTIONS as readonly string[]).includes(action);
}

/** MT5 trade result codes (TRADE_RETCODE_*) and json_gateway.py's own negative codes. */
export const RETCODE = {
  done: 10009,
  invalid: 10013,
  invalidVolume: 10014,
  invalidStops: 10016,
  marketClosed: 10018,
  noMoney: 10019,
  /** json_gateway.py: execution timed out, "status unknown (NOT retrying)". */
  timeout: -1,
  missingField: -2,
  invalidField: -3,
  internal: -4,
} as const;

/** The gateway's limits on an order (json_gateway.py `_handle_order_send`). */
export const MAX_COMMENT_CHARS = 31;
export const MIN_VOLUME = 0.01;
export const MAX_VOLUME = 100;
export const DEFAULT_MAGIC = 123456;
export const DEFAULT_COMMENT = 'MT5-CRS-AI';

export type ReplyStatus = 'SUCCESS' | 'ERROR' | 'PENDING';

/** protocol.py `create_response`. */
export interface EnvelopeReply {
  readonly req_id: string;
  readonly status: ReplyStatus;
  readonly timestamp: number;
  readonly data: unknown;
  readonly error: string | null;
}

/** json_gateway.py's reply to ORDER_SEND, sent as the whole body. */
export interface OrderReply {
  readonly error: boolean;
  readonly ticket: number;
  readonly msg: string;
  readonly retcode: number;
}

export type OriginReply = EnvelopeReply | OrderReply;

export type DecodedOrigin =
  | { readonly kind: 'request'; readonly action: string; readonly reqId: string; readonly payload: Record<string, unknown> }
  /** ORDER_SEND without a usable req_id: json_gateway.py answers it in the order shape. */
  | { readonly kind: 'order-invalid'; readonly message: string }
  | { readonly kind: 'invalid'; readonly reqId: string; readonly message: string };

/** How the decoded request travels through the v1 pipeline (carrier.ts) back to the gateway. */
export const DecodedOrigin = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('request'), action: z.string(), reqId: z.string(), payload: z.record(z.string(), z.unknown()) }),
  z.object({ kind: z.literal('order-invalid'), message: z.string() }),
  z.object({ kind: z.literal('invalid'), reqId: z.string(), message: z.string() }),
]);

const REQUIRED_FIELDS = ['action', 'req_id', 'timestamp', 'payload'] as const;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeOrigin(body: Uint8Array): DecodedOrigin {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (error) {
    // zmq_service.py's loop answers a body recv_json cannot parse with req_id "unknown".
    return { kind: 'invalid', reqId: 'unknown', message: `Invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { kind: 'invalid', reqId: 'unknown', message: 'Invalid request structure' };
  }
  const fields = value as Record<string, unknown>;
  const rawId = fields['req_id'];
  const reqId = typeof rawId === 'string' ? rawId : rawId === undefined ? 'unknown' : JSON.stringify(rawId);
  const payload = fields['payload'] ?? {};
  const payloadRecord = typeof payload === 'object' && payload !== null && !Array.isArray(payload);
  if (fields['action'] === 'ORDER_SEND') {
    // json_gateway.py needs only a truthy action and req_id; timestamp is optional there.
    if (typeof rawId !== 'string' || rawId === '') return { kind: 'order-invalid', message: "Missing 'req_id' field (required for idempotency)" };
    if (!payloadRecord) return { kind: 'order-invalid', message: 'payload must be an object' };
    return { kind: 'request', action: 'ORDER_SEND', reqId, payload: payload as Record<string, unknown> };
  }
  // protocol.py validate_request: all four fields present.
  if (REQUIRED_FIELDS.some((field) => !(field in fields)) || typeof fields['action'] !== 'string' || !payloadRecord) {
    return { kind: 'invalid', reqId, message: 'Invalid request structure' };
  }
  return { kind: 'request', action: fields['action'], reqId, payload: payload as Record<string, unknown> };
}

/** time.time(): seconds since the epoch, with a fraction. */
export function originTime(ms: number): number {
  return ms / 1000;
}

export function envelope(reqId: string, status: ReplyStatus, data: unknown, error: string | null, now: number): EnvelopeReply {
  return { req_id: reqId, status, timestamp: originTime(now), data, error };
}

export function orderFailure(retcode: number, msg: string): OrderReply {
  return { error: true, ticket: 0, msg, retcode };
}

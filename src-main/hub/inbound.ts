// The console's boundary for what a hub sends: every reply and event frame is read here and is
// either accepted (protocol, operation or topic schema, size cap all met) or refused with a reason
// from HUB_REJECT_REASONS. Pure: no state, no I/O, and it never throws, whatever the bytes.
import { z } from 'zod';
import type { HubRejectReason } from '../../src-shared/domain/health';
import type { HubOrder } from '../../src-shared/domain/order';
import type { Quote } from '../../src-shared/domain/market';
import {
  EVENT_TOPIC,
  HeartbeatEvent,
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  ReplyEnvelope,
  WireOrder,
  WireQuote,
  isHubOp,
  operations,
  replyCap,
} from './protocol';

export interface Rejection {
  readonly reason: HubRejectReason;
  /** Sizes, paths and the console's own words for the log; never more than a clipped preview of the frame. */
  readonly detail: string;
  /** The pending request a refused reply answers, when its id could be read: it fails as a protocol error. */
  readonly requestId?: string | undefined;
}

/** Why a reply that names no pending request is refused. */
export type UnmatchedReason = Extract<HubRejectReason, 'unknown_id' | 'late_reply' | 'duplicate_reply'>;

export interface ReplyContext {
  /** The operation of the pending request with this id, or why a reply to it is refused. */
  awaited(id: string): { op: string } | UnmatchedReason;
  /** The cap for a reply whose id cannot be read before parsing: the largest among pending requests. */
  largestPendingCap(): number;
}

export type AcceptedReply = { ok: true; id: string; op: string; reply: ReplyEnvelope };
export type ReplyVerdict = AcceptedReply | ({ ok: false } & Rejection);

export type HubEvent = { topic: 'hb'; value: HeartbeatEvent } | { topic: 'order'; value: HubOrder } | { topic: 'quote'; value: Quote };
export type EventVerdict = { ok: true; event: HubEvent } | ({ ok: false } & Rejection);

/** The longest topic the protocol defines is `quote.` and a 20-character symbol. */
const MAX_TOPIC_BYTES = 64;
const PEEK_BYTES = 160;
/** A reply as hubs write it, `{"v":1,"id":"…"`: its id can be read without parsing the rest. */
const LEADING_ID = /^\s*\{\s*(?:"v"\s*:\s*[-+\w.]{1,16}\s*,\s*)?"id"\s*:\s*"([^"\\]{1,64})"/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The id of a reply read from its first bytes, or undefined when it does not start as hubs write it. */
export function peekReplyId(body: Uint8Array): string | undefined {
  return LEADING_ID.exec(Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, PEEK_BYTES)).toString('latin1'))?.[1];
}

/** Reads one reply (its frames as the DEALER received them) against the requests pending now. */
export function readReply(frames: readonly Uint8Array[], context: ReplyContext): ReplyVerdict {
  const body = frames.length === 1 ? frames[0] : frames.length === 2 && frames[0]?.length === 0 ? frames[1] : undefined;
  if (!body) return refuse('bad_frames', `${frames.length} frames; a reply is its body, alone or after an empty delimiter`);
  const peeked = peekReplyId(body);
  let pending: { id: string; op: string } | undefined;
  if (peeked !== undefined) {
    const awaited = context.awaited(peeked);
    if (typeof awaited === 'string') return refuse(awaited, `id ${preview(peeked)}`);
    pending = { id: peeked, op: awaited.op };
  }
  // Only a frame over the common cap needs the pending requests' caps.
  const cap = pending ? replyCap(pending.op) : body.length > MAX_FRAME_BYTES ? context.largestPendingCap() : MAX_FRAME_BYTES;
  if (body.length > cap) return refuse('oversized', `${body.length} bytes, over the ${cap}-byte cap${pending ? ` of ${pending.op}` : ''}`, pending?.id);
  const json = decodeJson(body);
  if (!json.ok) return refuse('not_json', json.detail, pending?.id);
  const fields = json.value;
  if (!isRecord(fields)) return refuse('bad_envelope', `a JSON ${kindOf(fields)}, not an object`, pending?.id);
  if (pending && fields['id'] !== pending.id) return refuse('bad_envelope', 'the id parsed differs from the id it starts with', pending.id);
  if (!pending) {
    const id = fields['id'];
    // A failure with id null answers a request the hub could not read: none of this console's.
    if (id === null) return refuse('unknown_id', 'id null');
    if (typeof id !== 'string') return refuse('bad_envelope', `id is ${kindOf(id)}, not a string`);
    const awaited = context.awaited(id);
    if (typeof awaited === 'string') return refuse(awaited, `id ${preview(id)}`);
    pending = { id, op: awaited.op };
  }
  const v = fields['v'];
  if (v !== PROTOCOL_VERSION) return refuse('wrong_protocol', `v is ${typeof v === 'number' ? v : kindOf(v)}, not ${PROTOCOL_VERSION}`, pending.id);
  const envelope = ReplyEnvelope.safeParse(fields);
  if (!envelope.success) return refuse('bad_envelope', issuesText(envelope.error), pending.id);
  const reply = envelope.data;
  if (!reply.ok || !isHubOp(pending.op)) return { ok: true, ...pending, reply };
  const result = parseResult(operations[pending.op].result, reply.result);
  if (!result.success) return refuse('bad_result', `${pending.op}: ${issuesText(result.error)}`, pending.id);
  return { ok: true, ...pending, reply: { ...reply, result: result.data } };
}

/**
 * A listing is checked item by item and stops at the first bad one: zod would otherwise gather an
 * issue for every item of a 64 MiB array of junk.
 */
function parseResult(schema: z.ZodType, value: unknown): { success: true; data: unknown } | { success: false; error: z.ZodError } {
  if (!(schema instanceof z.ZodArray) || !Array.isArray(value)) return schema.safeParse(value);
  const items: unknown[] = [];
  for (const [index, item] of value.entries()) {
    const parsed = (schema.element as z.ZodType).safeParse(item);
    if (!parsed.success) return { success: false, error: new z.ZodError(parsed.error.issues.map((issue) => ({ ...issue, path: [index, ...issue.path] }))) };
    items.push(parsed.data);
  }
  return { success: true, data: items };
}

/** Reads one event: topic frame and body frame. */
export function readEvent(frames: readonly Uint8Array[]): EventVerdict {
  const [topicFrame, body] = frames;
  if (frames.length !== 2 || !topicFrame || !body) return refuse('bad_frames', `${frames.length} frames; an event is a topic and a body`);
  const topic = topicFrame.length <= MAX_TOPIC_BYTES ? decodeText(topicFrame) : undefined;
  const symbol = topic?.startsWith(EVENT_TOPIC.quotePrefix) ? topic.slice(EVENT_TOPIC.quotePrefix.length) : undefined;
  if (topic !== EVENT_TOPIC.heartbeat && topic !== EVENT_TOPIC.order && symbol === undefined) {
    return refuse('unknown_topic', `topic ${preview(topicFrame)} (${topicFrame.length} bytes)`);
  }
  const on = `${preview(topicFrame)}: `;
  if (body.length > MAX_FRAME_BYTES) return refuse('oversized', `${on}${body.length} bytes, over the ${MAX_FRAME_BYTES}-byte cap`);
  const json = decodeJson(body);
  if (!json.ok) return refuse('not_json', on + json.detail);
  if (topic === EVENT_TOPIC.heartbeat) return event('hb', HeartbeatEvent.safeParse(json.value), on);
  if (topic === EVENT_TOPIC.order) return event('order', WireOrder.safeParse(json.value), on);
  const quote = WireQuote.safeParse(json.value);
  if (quote.success && quote.data.symbol !== symbol) return refuse('bad_event', `${on}a quote for ${quote.data.symbol}`);
  return event('quote', quote, on);
}

function event<K extends HubEvent['topic'], T>(topic: K, parsed: z.ZodSafeParseResult<T>, on: string): { ok: true; event: { topic: K; value: T } } | ({ ok: false } & Rejection) {
  return parsed.success ? { ok: true, event: { topic, value: parsed.data } } : refuse('bad_event', on + issuesText(parsed.error));
}

function refuse(reason: HubRejectReason, detail: string, requestId?: string): { ok: false } & Rejection {
  return { ok: false, reason, detail, requestId };
}

function decodeText(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeJson(body: Uint8Array): { ok: true; value: unknown } | { ok: false; detail: string } {
  const text = decodeText(body);
  if (text === undefined) return { ok: false, detail: `${body.length} bytes, not UTF-8` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // A syntax error, or nesting too deep for the parser: either way not a message.
    return { ok: false, detail: `${body.length} bytes, not JSON` };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** At most three issues, each clipped: a path can hold a key of any length the hub sent. */
function issuesText(error: z.ZodError): string {
  const shown = error.issues.slice(0, 3).map((issue) => clip(`${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`, 100));
  return shown.join('; ') + (error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** The first bytes of a frame (or text), escaped: printable ASCII kept, anything else as \xNN. */
export function preview(data: Uint8Array | string, max = 48): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let text = '';
  for (const byte of bytes.subarray(0, max)) {
    text += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return bytes.length > max ? `${text}…` : text;
}

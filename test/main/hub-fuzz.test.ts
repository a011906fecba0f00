// Fuzzing the hub boundary's parse functions, the same ones the client runs on every frame
// (readReply, readEvent): thousands of generated frames each. None may throw; whatever is accepted
// keeps the domain's invariants; whatever is refused carries a reason from the closed set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HUB_REJECT_REASONS } from '../../src-shared/domain/health';
import { readEvent, readReply } from '../../src-main/hub/inbound';
import type { EventVerdict, ReplyContext, ReplyVerdict, UnmatchedReason } from '../../src-main/hub/inbound';
import { MAX_FRAME_BYTES, MAX_REPLY_BYTES, replyCap } from '../../src-main/hub/protocol';
import {
  FUZZ_OPS,
  brokenOrder,
  brokenQuote,
  brokenReplyTo,
  bytes,
  domainViolations,
  garbage,
  oversizedReplyTo,
  replyJson,
  sampleOrder,
  sampleQuote,
  sampleResult,
  toJson,
} from '../support/hub-fuzz-frames';

const PENDING_ID = 'c0ffee00-7';
const RUNS = 3000;

/** One request pending (`op`), one answered earlier and one given up on. */
function context(op: string): ReplyContext {
  const settled = new Map<string, UnmatchedReason>([
    ['c0ffee00-5', 'duplicate_reply'],
    ['c0ffee00-6', 'late_reply'],
  ]);
  return {
    awaited: (id) => (id === PENDING_ID ? { op } : (settled.get(id) ?? 'unknown_id')),
    largestPendingCap: () => replyCap(op),
  };
}

/** Refused with a known reason, or accepted with every number finite, volumes positive, enums known. */
function wellJudged(verdict: ReplyVerdict | EventVerdict): void {
  if (!verdict.ok) {
    expect(HUB_REJECT_REASONS).toContain(verdict.reason);
    expect(verdict.detail.length).toBeLessThan(600);
    return;
  }
  const value = 'reply' in verdict ? (verdict.reply.ok ? verdict.reply.result : verdict.reply.error) : verdict.event.value;
  expect(domainViolations(value)).toEqual([]);
}

const anyOp = fc.constantFrom(...FUZZ_OPS);

/** A valid result of `op` with one field anywhere (or the whole of it) replaced by any JSON value. */
const mutatedReply = anyOp.chain((op) =>
  fc.tuple(fc.constant(op), fc.jsonValue({ maxDepth: 2 }), fc.oneof(fc.constant(''), fc.string({ maxLength: 12 })), fc.boolean()).map(([, value, key, whole]) => {
    const result = sampleResult(op);
    const item = (Array.isArray(result) ? result[0] : result) as Record<string, unknown>;
    const keys = Object.keys(item);
    const target = keys[key.length % keys.length] ?? key;
    const mutated = whole ? value : Array.isArray(result) ? [{ ...item, [target]: value }] : { ...item, [target]: value };
    return { op, frame: bytes(replyJson(PENDING_ID, mutated)) };
  }),
);

describe('fuzzing readReply', () => {
  it('never throws on any frames and judges each one well', () => {
    const frames = fc.oneof({ weight: 4, arbitrary: garbage.map((frame) => [frame]) }, { weight: 1, arbitrary: fc.array(garbage, { maxLength: 3 }) });
    fc.assert(
      fc.property(anyOp, frames, (op, sent) => wellJudged(readReply(sent, context(op)))),
      { numRuns: RUNS },
    );
  });

  it('refuses every reply to a pending request whose envelope or result is broken, and names the request', () => {
    const broken = anyOp.chain((op) => brokenReplyTo(PENDING_ID, op).map((text) => ({ op, text })));
    fc.assert(
      fc.property(broken, ({ op, text }) => {
        const verdict = readReply([bytes(text)], context(op));
        expect(verdict).toMatchObject({ ok: false, requestId: PENDING_ID });
        if (!verdict.ok) expect(['not_json', 'wrong_protocol', 'bad_envelope', 'bad_result']).toContain(verdict.reason);
      }),
      { numRuns: RUNS },
    );
  });

  it('accepts a mutated result only when it still keeps every invariant', () => {
    const seen = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(mutatedReply, ({ op, frame }) => {
        const verdict = readReply([frame], context(op));
        seen[verdict.ok ? 'accepted' : 'refused'] += 1;
        wellJudged(verdict);
      }),
      { numRuns: RUNS },
    );
    // Both sides were reached: some mutations are harmless (an extra field, a null sl), most are not.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(seen.accepted);
  });

  it('refuses a reply for an id that is not pending, by why', () => {
    const id = fc.oneof(fc.string({ maxLength: 70 }), fc.constantFrom('c0ffee00-5', 'c0ffee00-6'), fc.constant(null));
    fc.assert(
      fc.property(anyOp, id, fc.boolean(), (op, replyId, ok) => {
        const envelope = ok ? { v: 1, id: replyId, ok: true, result: sampleResult(op) } : { v: 1, id: replyId, ok: false, error: { code: 'REJECTED', message: 'no' } };
        const verdict = readReply([bytes(toJson(envelope))], context(op));
        if (replyId === PENDING_ID) return;
        const expected = replyId === 'c0ffee00-5' ? 'duplicate_reply' : replyId === 'c0ffee00-6' ? 'late_reply' : typeof replyId === 'string' && replyId.length > 0 && replyId.length <= 64 ? 'unknown_id' : undefined;
        expect(verdict.ok).toBe(false);
        if (expected && !verdict.ok) expect(verdict.reason).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses a reply over 1 MiB unread, unless it answers a listing', () => {
    fc.assert(
      fc.property(fc.constantFrom('ping', 'placeOrder', 'hello', 'orderStatus', 'orders'), fc.integer({ min: 1, max: 64 * 1024 }), (op, extra) => {
        const verdict = readReply([oversizedReplyTo(PENDING_ID, extra)], context(op));
        // A listing's reply is read (and then refused here only because its result is a string).
        expect(verdict).toMatchObject({ ok: false, reason: replyCap(op) === MAX_REPLY_BYTES ? 'bad_result' : 'oversized', requestId: PENDING_ID });
      }),
      { numRuns: 50 },
    );
  });
});

describe('fuzzing readEvent', () => {
  const topic = fc.oneof(fc.constantFrom('hb', 'order', 'quote.EURUSD', 'quote.', 'quote.eurusd', 'orders', 'hbx', ''), fc.string({ maxLength: 80 }));

  it('never throws on any frames and judges each one well', () => {
    const frames = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(topic.map(bytes), garbage).map(([t, body]) => [t, body]) },
      { weight: 1, arbitrary: fc.array(garbage, { maxLength: 4 }) },
    );
    fc.assert(
      fc.property(frames, (sent) => wellJudged(readEvent(sent))),
      { numRuns: RUNS },
    );
  });

  it('refuses every broken order, quote and heartbeat, and every unknown topic', () => {
    const broken = fc.oneof(
      brokenOrder.map((order) => ['order', toJson(order)]),
      brokenQuote.map((quote) => ['quote.EURUSD', toJson(quote)]),
      fc.constantFrom('GBPUSD', 'eurusd', '').map((symbol) => [`quote.${symbol}`, toJson(sampleQuote('EURUSD'))]),
      fc.constantFrom({ seq: -1 }, { epoch: 'x' }, { hubId: '' }, { ts: 1.5 }).map((patch) => ['hb', toJson({ hubId: 'h', epoch: 1, seq: 1, ts: 1, ...patch })]),
      fc.constantFrom('orders', 'hbx', 'order.x', 'quotes').map((name) => [name, toJson(sampleOrder())]),
    );
    fc.assert(
      fc.property(broken, ([name, body]) => {
        const verdict = readEvent([bytes(name ?? ''), bytes(body ?? '')]);
        expect(verdict.ok).toBe(false);
        if (!verdict.ok) expect(['bad_event', 'unknown_topic']).toContain(verdict.reason);
      }),
      { numRuns: RUNS },
    );
  });

  it('refuses an event body over 1 MiB before parsing it', () => {
    fc.assert(
      fc.property(fc.constantFrom('hb', 'order', 'quote.EURUSD'), fc.integer({ min: 1, max: 64 * 1024 }), (name, extra) => {
        expect(readEvent([bytes(name), Buffer.alloc(MAX_FRAME_BYTES + extra, 0x20)])).toMatchObject({ ok: false, reason: 'oversized' });
      }),
      { numRuns: 50 },
    );
  });
});

// The hub boundary case by case: one message for each refusal reason, the per-operation size caps,
// late / repeated / unknown replies told apart over real sockets, a log that a flood cannot flood,
// and the Prometheus counter by reason.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HUB_REJECT_REASONS } from '../../src-shared/domain/health';
import type { HubRejectReason } from '../../src-shared/domain/health';
import { readEvent, readReply } from '../../src-main/hub/inbound';
import type { ReplyContext } from '../../src-main/hub/inbound';
import { MAX_FRAME_BYTES, replyCap } from '../../src-main/hub/protocol';
import { RejectionLog } from '../../src-main/hub/rejection-log';
import { PromMetrics } from '../../src-main/metrics/prometheus';
import { healthNow } from '../support/health-fixture';
import { testHubClient } from '../support/test-hub-client';
import { waitFor } from '../support/wait';
import { FUZZ_OPS, HUGE, bytes, oversizedReplyTo, replyJson, sampleOrder, sampleQuote, sampleResult, toJson } from '../support/hub-fuzz-frames';
import { startRogueHub } from '../support/hub-fuzz-rogue-hub';

const cleanup: Array<() => unknown> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const step of cleanup.splice(0).reverse()) await step();
});

const pendingPing: ReplyContext = {
  awaited: (id) => (id === 'p-1' ? { op: 'ping' } : id === 'p-0' ? 'late_reply' : 'unknown_id'),
  largestPendingCap: () => replyCap('ping'),
};

const REPLIES: ReadonlyArray<readonly [HubRejectReason, Array<string | Buffer>]> = [
  ['bad_frames', ['x', replyJson('p-1', { ts: 1 })]],
  ['oversized', [oversizedReplyTo('p-1')]],
  ['not_json', [Buffer.from([0x7b, 0xff, 0xfe])]],
  ['not_json', ['{"v":1,"id":"p-1","ok":true,"result":{"ts":NaN}}']],
  ['wrong_protocol', [toJson({ v: 2, id: 'p-1', ok: true, result: { ts: 1 } })]],
  ['bad_envelope', [toJson({ v: 1, id: 'p-1', ok: 'yes', result: { ts: 1 } })]],
  ['bad_envelope', [toJson({ v: 1, id: 'p-1', ok: false, error: { code: 'NO_SUCH_CODE', message: 'x' } })]],
  ['unknown_id', [replyJson('someone-else', { ts: 1 })]],
  ['unknown_id', [toJson({ v: 1, id: null, ok: false, error: { code: 'BAD_REQUEST', message: 'x' } })]],
  ['late_reply', [replyJson('p-0', { ts: 1 })]],
  ['bad_result', [replyJson('p-1', { ts: HUGE })]],
  ['bad_result', [replyJson('p-1', { ts: -5 })]],
];

const EVENTS: ReadonlyArray<readonly [HubRejectReason, Array<string | Buffer>]> = [
  ['bad_frames', ['order']],
  ['unknown_topic', ['orders', toJson(sampleOrder())]],
  ['unknown_topic', [Buffer.alloc(100, 0x41), '{}']],
  ['oversized', ['order', Buffer.alloc(MAX_FRAME_BYTES + 1, 0x20)]],
  ['not_json', ['hb', '{"seq":']],
  ['bad_event', ['order', toJson(sampleOrder({ volume: -1 }))]],
  ['bad_event', ['order', toJson(sampleOrder({ status: 'partially_filled' }))]],
  ['bad_event', ['order', toJson(sampleOrder({ clientOrderId: 'not a ticket id' }))]],
  ['bad_event', ['quote.EURUSD', toJson({ ...sampleQuote(), bid: 2 })]],
  ['bad_event', ['quote.GBPUSD', toJson(sampleQuote('EURUSD'))]],
];

const frames = (list: Array<string | Buffer>): Buffer[] => list.map((frame) => (typeof frame === 'string' ? bytes(frame) : frame));

describe('readReply and readEvent', () => {
  it.each(REPLIES.map(([reason, list], index) => [index, reason, list] as const))('reply %i is refused as %s', (_, reason, list) => {
    expect(readReply(frames(list), pendingPing)).toMatchObject({ ok: false, reason });
  });

  it.each(EVENTS.map(([reason, list], index) => [index, reason, list] as const))('event %i is refused as %s', (_, reason, list) => {
    expect(readEvent(frames(list))).toMatchObject({ ok: false, reason });
  });

  it('covers every reason of the closed set between the two tables', () => {
    expect(new Set([...REPLIES, ...EVENTS].map(([reason]) => reason))).toEqual(new Set(HUB_REJECT_REASONS.filter((reason) => reason !== 'duplicate_reply')));
  });

  it('writes the ±Infinity stand-in as a number that parses to Infinity, so the schemas really meet one', () => {
    const text = replyJson('p-1', { ts: HUGE });
    expect(text).toContain('"ts":1e400');
    expect((JSON.parse(text) as { result: { ts: number } }).result.ts).toBe(Infinity);
  });

  it.each(FUZZ_OPS)('accepts a valid %s reply', (op) => {
    const context: ReplyContext = { awaited: (id) => (id === 'r-1' ? { op } : 'unknown_id'), largestPendingCap: () => replyCap(op) };
    expect(readReply([bytes(replyJson('r-1', sampleResult(op)))], context)).toMatchObject({ ok: true, id: 'r-1', op });
  });

  it('caps replies at 1 MiB except the listings, and reads a cap for an id it cannot see from the pending requests', () => {
    expect(replyCap('orders')).toBe(64 * MAX_FRAME_BYTES);
    expect(replyCap('admin.orders')).toBe(64 * MAX_FRAME_BYTES);
    expect(replyCap('placeOrder')).toBe(MAX_FRAME_BYTES);
    // The id comes after the result: it cannot be read first, so the largest pending cap applies.
    const late = bytes(`{"ok":true,"result":"${'a'.repeat(MAX_FRAME_BYTES)}","v":1,"id":"p-1"}`);
    expect(readReply([late], pendingPing)).toMatchObject({ ok: false, reason: 'oversized', requestId: undefined });
    expect(readReply([late], { ...pendingPing, largestPendingCap: () => replyCap('orders') })).toMatchObject({ ok: false, reason: 'bad_result', requestId: 'p-1' });
  });
});

describe('the hub client over real sockets', () => {
  it('tells a late reply, a repeated one and a stranger apart, and applies none of them', async () => {
    const rogue = await startRogueHub();
    cleanup.push(() => rogue.dispose());
    const client = testHubClient(rogue.requests, { retryOps: [] });
    cleanup.push(() => client.dispose());
    client.start();
    await waitFor(() => client.connection.state === 'up' || undefined, 'hello');
    rogue.answers.account = () => [];
    await expect(client.request('account', {})).rejects.toMatchObject({ code: 'TIMEOUT' });
    const timedOut = rogue.received.find((request) => request.op === 'account');
    rogue.answers.ping = ({ id }) => [[replyJson(id, { ts: 1 })], [replyJson(id, { ts: 2 })]];
    expect(await client.request('ping', {})).toEqual({ ts: 1 });
    await rogue.sendRaw([replyJson(timedOut?.id ?? '', sampleResult('account'))]);
    await rogue.sendRaw([replyJson('not-ours-1', { ts: 3 })]);
    await waitFor(() => client.stats().unmatchedReplies >= 3 || undefined, 'three unmatched replies');
    expect(client.stats().rejected).toMatchObject({ late_reply: 1, duplicate_reply: 1, unknown_id: 1 });
    expect(client.stats()).toMatchObject({ unmatchedReplies: 3, invalidMessages: 0 });
  });
});

describe('the rejection log', () => {
  it('logs the first refusal of a reason in full, then one summary per 10 s while the flood lasts', () => {
    vi.useFakeTimers();
    const lines: Array<Record<string, unknown>> = [];
    const log = new RejectionLog(pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }));
    cleanup.push(() => log.dispose());
    const frame = bytes(`\u0001"quoted"\\ ${'x'.repeat(5000)}`);
    for (let second = 0; second < 25; second += 1) {
      for (let i = 0; i < 40; i += 1) log.record('reply', { reason: 'not_json', detail: '5000 bytes, not JSON' }, frame);
      vi.advanceTimersByTime(1000);
    }
    log.record('event', { reason: 'bad_event', detail: 'order: volume: too small' }, undefined);
    expect(log.snapshot()).toMatchObject({ not_json: 1000, bad_event: 1, oversized: 0 });
    expect(lines.map((line) => [line.reason, line.suppressed ?? 'first'])).toEqual([
      ['not_json', 'first'],
      ['not_json', 399],
      ['not_json', 400],
      ['bad_event', 'first'],
    ]);
    expect(lines[0]).toMatchObject({ level: 40, source: 'reply', bytes: frame.length, preview: `\\x01"quoted"\\x5c ${'x'.repeat(37)}…` });
    for (const line of lines) expect(JSON.stringify(line).length).toBeLessThan(500);
    // What the last window held back is written at dispose.
    log.dispose();
    expect(lines.at(-1)).toMatchObject({ reason: 'not_json', suppressed: 200, rejected: 1000 });
  });
});

describe('the Prometheus counter', () => {
  it('exports every reason from the start and grows by what each scrape finds new', async () => {
    let rejected = {};
    const metrics = new PromMetrics({ health: () => healthNow({ counters: { rejectedHubMessages: rejected } }) });
    cleanup.push(() => metrics.dispose());
    const value = (body: string, reason: string): number => Number(new RegExp(`^hubdesk_hub_rejected_messages_total\\{reason="${reason}"\\} (\\S+)$`, 'm').exec(body)?.[1]);
    const first = await metrics.metrics();
    for (const reason of HUB_REJECT_REASONS) expect(value(first, reason)).toBe(0);
    expect(first).toContain('# TYPE hubdesk_hub_rejected_messages_total counter');
    rejected = { not_json: 3, oversized: 1 };
    await metrics.metrics();
    rejected = { not_json: 5, oversized: 1 };
    const third = await metrics.metrics();
    expect([value(third, 'not_json'), value(third, 'oversized'), value(third, 'bad_event')]).toEqual([5, 1, 0]);
  });
});

// Fuzzing the headless host's WebSocket (real host, real ws sockets, a real console behind it):
// random text, random bytes, JSON of every wrong shape, envelopes with bad ids and channels,
// frames at the size cap. Every frame gets exactly one reply and the connection stays open; an
// oversized frame ends only its own connection; the host keeps serving and the ledger is untouched.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import type { InvokeChannel } from '../../src-shared/ipc/channels';
import { invokeContract } from '../../src-shared/ipc/contract';
import { ErrorData } from '../../src-shared/ipc/errors';
import { MAX_WS_MESSAGE_BYTES, startHttpHost } from '../../src-main/host/http-host';
import type { HttpHost } from '../../src-main/host/http-host';
import { newTicketId, startFuzzConsole } from '../support/fuzz-console';
import type { FuzzConsole } from '../support/fuzz-console';
import { anyKey, mutationOf, validInput, weirdValue } from '../support/fuzz-inputs';
import { FuzzSocket } from '../support/fuzz-socket';
import { sleep } from '../support/wait';

/** Channels whose handlers only read: the fuzz may run them with any input the schema accepts. */
const READ_ONLY: ReadonlySet<string> = new Set([
  'session:snapshot', 'checks:summary', 'health:now', 'health:history', 'alerts:list', 'alerts:rules', 'retries:list',
  'retries:csv', 'settings:get', 'settings:history', 'notion:status', 'outbox:list', 'access:status',
]);
const ABSENT = Symbol('absent');

let fz: FuzzConsole;
let host: HttpHost;
let rendererDir: string;
let trader: FuzzSocket;
let viewer: FuzzSocket;
const opened: FuzzSocket[] = [];
const hosts: HttpHost[] = [];
let trailsBefore: Map<string, string[]>;
let hubOrdersBefore: number;
let framesSent = 0;

async function connect(link: string, on: HttpHost = host): Promise<FuzzSocket> {
  const socket = await FuzzSocket.open(link, on.origin);
  opened.push(socket);
  return socket;
}

beforeAll(async () => {
  fz = await startFuzzConsole();
  for (const volume of [0.01, 0.02]) await fz.app.local.invoke('orders:place', { clientOrderId: await newTicketId(fz.app), symbol: 'EURUSD', side: 'buy', type: 'market', volume });
  await sleep(300);
  trailsBefore = fz.ledger.histories();
  hubOrdersBefore = (await fz.app.hub.request('admin.orders', {})).length;
  rendererDir = join(mkdtempSync(join(tmpdir(), 'hubdesk-fuzz-ws-')), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>hubdesk</title>');
  host = await startHttpHost({ port: 0, rendererDir, router: fz.app.router, events: fz.app.events, tokens: fz.app.access, health: (principal) => ({ role: principal.role }), limits: { ratePerSec: 100_000 } });
  hosts.push(host);
  trader = await connect(host.url);
  viewer = await connect(host.viewerUrl);
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  for (const started of hosts) await started.dispose();
  await fz?.dispose();
});

/** A JSON value (after the wire: NaN is null, a Map is {}), or undefined when it has no JSON form. */
function overTheWire(value: unknown): unknown {
  try {
    const text = JSON.stringify(value);
    return text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

const anyInput = fc.oneof(fc.constantFrom(...INVOKE_CHANNELS), fc.constant<InvokeChannel>('session:snapshot')).chain((channel) => {
  const valid = validInput(channel, []) ?? fc.constant({});
  return fc.oneof(valid, valid.chain(mutationOf).map((m) => m.input), weirdValue);
});

/** An input for `channel` that cannot run a handler that changes anything. */
function inputFor(channel: unknown): fc.Arbitrary<unknown> {
  const known = typeof channel === 'string' && Object.hasOwn(invokeContract, channel) ? (channel as InvokeChannel) : undefined;
  const valid = known ? (validInput(known, []) ?? fc.constant({})) : fc.constant({});
  const inputs = fc.oneof(valid, valid.chain(mutationOf).map((m) => m.input), anyInput).map(overTheWire);
  if (!known || READ_ONLY.has(known)) return inputs;
  return inputs.filter((input) => !invokeContract[known].input.safeParse(input ?? {}).success);
}

const envelopeChannel = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom<unknown>(...INVOKE_CHANNELS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 5000 }).map((n) => 'c'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(42, null, true, ['session:snapshot'], { channel: 'session:snapshot' }, ABSENT) },
);

const envelopeId = fc.oneof(
  { weight: 5, arbitrary: fc.nat() },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: -1 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true }).filter((n) => !Number.isInteger(n)) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(1e300, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, -0, '7', null, true, [], ABSENT) },
);

const envelopeType = fc.oneof({ weight: 6, arbitrary: fc.constant<unknown>('invoke') }, { weight: 1, arbitrary: fc.constantFrom<unknown>('Invoke', 'reply', 'event', '', 1, null, ABSENT) });

/** `{type, id, channel, input}` with any of them wrong or missing, and sometimes extra keys. */
const envelope = fc
  .record({
    type: envelopeType,
    id: envelopeId,
    channel: envelopeChannel,
    extra: fc.option(fc.dictionary(anyKey, fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 })),
    dropInput: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  })
  .chain((e) => inputFor(e.channel).map((input) => ({ ...e, input: e.dropInput ? ABSENT : input })))
  .map(({ type, id, channel, input, extra }) => {
    const message: Record<string, unknown> = { ...(extra ?? {}) };
    for (const [key, value] of Object.entries({ type, id, channel, input })) {
      if (value !== ABSENT) Object.defineProperty(message, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return JSON.stringify(message);
  });

interface Frame {
  how: string;
  data: string | Uint8Array;
}

const frames: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 6, arbitrary: envelope.map((data) => ({ how: 'envelope', data })) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }).map((data) => ({ how: 'random text', data })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => ({ how: 'JSON of another shape', data: JSON.stringify(value) })) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 300 }).map((data) => ({ how: 'random bytes (binary)', data })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('{"type":"invoke","id":NaN,"channel":"session:snapshot","input":{}}', '{"type":"invoke","id":Infinity,"channel":"health:now","input":{}}', '{"type":"invoke","id":1,"channel":"session:snapshot","input":{},}', "{'type':'invoke','id':1}", '\uFEFF{"type":"invoke","id":2,"channel":"session:snapshot","input":{}}', '{"type":"invoke","id":3,"channel":"session:snapshot","input":{}} trailing', '', 'null', '[]', '"invoke"')
      .map((data) => ({ how: 'almost JSON', data })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 30_000 }).map((depth) => ({ how: 'deep nesting', data: `${'['.repeat(depth)}${']'.repeat(depth)}` })) },
  { weight: 1, arbitrary: envelope.map((text) => ({ how: 'an envelope as binary', data: new TextEncoder().encode(text) })) },
).filter((frame) => bytesOf(frame) <= MAX_WS_MESSAGE_BYTES);

function bytesOf(frame: Frame): number {
  return typeof frame.data === 'string' ? Buffer.byteLength(frame.data) : frame.data.length;
}

/** What the host makes of a frame: the invoke it carries, or undefined when it is malformed. */
function invokeOf(frame: Frame): { id: number; channel: string; input: unknown } | undefined {
  if (typeof frame.data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(frame.data).toString());
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { type, id, channel } = value as Record<string, unknown>;
  if (type !== 'invoke' || typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) return undefined;
  if (typeof channel !== 'string' || channel.length > 100) return undefined;
  // A missing input is the empty one, as the router takes it: the reply still names the call.
  return { id: id + 0, channel, input: (value as { input?: unknown }).input };
}

async function sendAndJudge(socket: FuzzSocket, frame: Frame, role: 'trader' | 'viewer'): Promise<void> {
  const before = socket.replies.length;
  socket.send(frame.data);
  framesSent += 1;
  await socket.until(before + 1);
  const context = `${frame.how}: ${String(typeof frame.data === 'string' ? frame.data : `${frame.data.length} bytes`).slice(0, 200)}`;
  expect(socket.open, `connection closed after ${context}`).toBe(true);
  expect(socket.replies.length, `replies to ${context}`).toBe(before + 1);
  const reply = socket.replies[before];
  const invoke = invokeOf(frame);
  if (!invoke) {
    expect(reply, context).toMatchObject({ id: -1, result: { ok: false, error: { code: 'BAD_INPUT' } } });
    return;
  }
  expect(reply?.id, context).toBe(invoke.id);
  const result = reply?.result;
  if (result && !result.ok) expect(ErrorData.safeParse(result.error).success, context).toBe(true);
  const code = result?.ok ? 'ok' : result?.error.code;
  if (!Object.hasOwn(invokeContract, invoke.channel)) return void expect(code, context).toBe('UNKNOWN_CHANNEL');
  const entry = invokeContract[invoke.channel as InvokeChannel];
  if (role === 'viewer' && entry.access === 'trader') return void expect(code, context).toBe('FORBIDDEN');
  if (!entry.input.safeParse(invoke.input ?? {}).success) expect(result, context).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: expect.any(Object) } });
}

describe('the WebSocket of a real host, fuzzed', () => {
  it('answers each of 2000 generated frames exactly once and keeps the connection open', async () => {
    await fc.assert(fc.asyncProperty(frames, (frame) => sendAndJudge(trader, frame, 'trader')), { numRuns: 2000 });
  });

  it('answers frames up to the 64 KiB cap, counted in bytes, without closing (60 frames)', async () => {
    const nearCap = fc.record({ slack: fc.integer({ min: 0, max: 300 }), fill: fc.constantFrom('x', 'é', '€'), id: fc.nat(), kind: fc.constantFrom('envelope', 'text', 'binary') }).map(({ slack, fill, id, kind }): Frame => {
      const size = MAX_WS_MESSAGE_BYTES - slack;
      if (kind === 'binary') return { how: `${size} random bytes`, data: new Uint8Array(size).fill(0x7b) };
      const shell = kind === 'envelope' ? JSON.stringify({ type: 'invoke', id, channel: 'session:snapshot', input: { pad: '' } }) : '';
      const room = size - Buffer.byteLength(shell);
      const wide = fill.repeat(Math.floor(room / Buffer.byteLength(fill)));
      const pad = wide + 'x'.repeat(room - Buffer.byteLength(wide));
      return { how: `${kind} of ${size} bytes`, data: kind === 'envelope' ? shell.replace('"pad":""', `"pad":"${pad}"`) : pad };
    });
    await fc.assert(
      fc.asyncProperty(nearCap, async (frame) => {
        expect(bytesOf(frame)).toBeLessThanOrEqual(MAX_WS_MESSAGE_BYTES);
        await sendAndJudge(trader, frame, 'trader');
      }),
      { numRuns: 60 },
    );
  });

  it('closes only its own connection (1009) on a frame over the cap, and (1007) on text that is not UTF-8', async () => {
    const bad = fc.oneof(
      fc.record({ size: fc.constantFrom(MAX_WS_MESSAGE_BYTES + 1, MAX_WS_MESSAGE_BYTES + 1000, 1 << 20), binary: fc.boolean() }).map(({ size, binary }) => ({ data: binary ? new Uint8Array(size) : 'x'.repeat(size), asText: false, code: 1009 })),
      fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0x7b, 0x80, 0x7d]).map((bytes) => ({ data: Uint8Array.from(bytes), asText: true, code: 1007 })),
    );
    await fc.assert(
      fc.asyncProperty(bad, async ({ data, asText, code }) => {
        const throwaway = await connect(host.url);
        throwaway.send(data, asText);
        expect((await throwaway.closed).code).toBe(code);
        expect(throwaway.replies).toEqual([]);
        expect(trader.open).toBe(true);
      }),
      { numRuns: 10 },
    );
  });

  it('never gives a viewer connection ok:true on a trader channel (400 valid-shaped calls)', async () => {
    const traderOnly = INVOKE_CHANNELS.filter((channel) => invokeContract[channel].access === 'trader');
    const calls = fc.constantFrom(...traderOnly).chain((channel) => fc.tuple(fc.constant(channel), (validInput(channel, ['HD-x']) ?? fc.constant({})).map(overTheWire), fc.nat()));
    await fc.assert(
      fc.asyncProperty(calls, async ([channel, input, id]) => {
        const reply = await viewer.call(id, channel, input);
        expect(reply, `${channel} ${JSON.stringify(input)}`).toMatchObject({ id, result: { ok: false, error: { code: 'FORBIDDEN' } } });
      }),
      { numRuns: 400 },
    );
  });

  it('answers a flood over the default rate cap with RATE_LIMITED, one reply per frame (3 floods)', async () => {
    const capped = await startHttpHost({ port: 0, rendererDir, router: fz.app.router, events: fz.app.events, tokens: fz.app.access, health: () => ({}) });
    hosts.push(capped);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1_100, maxLength: 1_500 }), async (valid) => {
        const socket = await connect(capped.url, capped);
        valid.forEach((good, id) => socket.send(good ? JSON.stringify({ type: 'invoke', id, channel: 'checks:summary', input: {} }) : `garbage ${id}`));
        await socket.until(valid.length, 15_000);
        await sleep(100);
        expect(socket.open).toBe(true);
        expect(socket.replies.length).toBe(valid.length);
        const limited = socket.replies.filter((r) => !r.result.ok && r.result.error.code === 'RATE_LIMITED');
        expect(limited.length).toBeGreaterThan(0);
        const ids = socket.replies.map((r) => r.id).filter((id) => id >= 0).sort((a, b) => a - b);
        expect(ids).toEqual(valid.flatMap((good, id) => (good ? [id] : [])));
        socket.close();
      }),
      { numRuns: 3 },
    );
  });

  it('keeps serving afterwards: a fresh connection, /api/health, and the ledger as it was', async () => {
    await sleep(300);
    expect(trader.replies.length).toBe(framesSent);
    const fresh = await connect(host.url);
    expect(await fresh.call(1, 'session:snapshot', {})).toMatchObject({ id: 1, result: { ok: true } });
    const token = new URL(host.url).searchParams.get('token') ?? '';
    const health = await fetch(`${host.origin}/api/health`, { headers: { authorization: `Bearer ${token}` } });
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ role: 'trader' });
    expect(host.counters.badFrames).toBeGreaterThan(0);
    expect(fz.ledger.histories()).toEqual(trailsBefore);
    expect((await fz.app.hub.request('admin.orders', {})).length).toBe(hubOrdersBefore);
  });
});

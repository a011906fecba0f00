// The simulated hub on real ZeroMQ sockets: the hello, routing envelopes for DEALER and REQ
// clients, every kind of malformed body, oversized frames, and the events it publishes.
import { describe, expect, it } from 'vitest';
import { Request } from 'zeromq';
import { HelloResult, MAX_REQUEST_BYTES, ReplyEnvelope } from '../../../src-main/hub/protocol';
import { hubCall, hubResult, lastFrame, rawDealerRequest } from '../../support/raw-client';
import { onCleanup, request, startTestHub, subscribe } from './fixture';

const port = (endpoint: string): number => Number(endpoint.split(':').pop());

describe('hello and envelopes', () => {
  it('says hello with its timing, events port and symbols', async () => {
    const hub = await startTestHub(['--request-timeout-ms', '1500', '--heartbeat-ms', '200', '--max-retries', '4']);
    const hello = HelloResult.parse(await hubResult(hub.requests, 'hello', { client: 'test', version: '0' }));
    expect(hello).toEqual({
      hubId: hub.hubId, epoch: 1, protocol: 1, requestTimeoutMs: 1500, maxBackoffMs: 2000, maxRetries: 4, heartbeatMs: 200,
      eventsPort: port(hub.requests) + 1, symbols: ['EURUSD', 'GBPUSD', 'USDJPY', 'XAUUSD'],
    });
    expect(hub.events).toBe(`tcp://127.0.0.1:${port(hub.requests) + 1}`);
  });

  it('gives every start without a state file epoch 1 and a new hubId', async () => {
    const a = await startTestHub();
    const b = await startTestHub();
    expect([a.epoch, b.epoch]).toEqual([1, 1]);
    expect(a.hubId).not.toBe(b.hubId);
  });

  it('answers a plain REQ client, whose envelope carries an empty delimiter', async () => {
    const hub = await startTestHub();
    const req = new Request({ linger: 0, receiveTimeout: 3000 });
    onCleanup(() => req.close());
    req.connect(hub.requests);
    await req.send(request('r1', 'ping'));
    const [reply] = await req.receive();
    expect(ReplyEnvelope.parse(JSON.parse(reply!.toString()))).toMatchObject({ id: 'r1', ok: true, result: { ts: expect.any(Number) } });
  });

  it('returns exactly the routing frames it received before the body', async () => {
    const hub = await startTestHub();
    const withDelimiter = await rawDealerRequest(hub.requests, ['', request('d1', 'ping')], 3000);
    expect(withDelimiter?.map((f) => f.length)).toEqual([0, expect.any(Number)]);
    const withHops = await rawDealerRequest(hub.requests, ['hop-a', 'hop-b', '', request('d2', 'ping')], 3000);
    expect(withHops?.slice(0, 3).map(String)).toEqual(['hop-a', 'hop-b', '']);
    expect(JSON.parse(lastFrame(withHops!))).toMatchObject({ id: 'd2', ok: true });
  });
});

describe('malformed requests', () => {
  const long = 'x'.repeat(65);
  const cases: Array<[string, string | Buffer, { id: string | null; code: string; message: RegExp }]> = [
    ['not JSON', 'hello there', { id: null, code: 'BAD_REQUEST', message: /not valid JSON/ }],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { id: null, code: 'BAD_REQUEST', message: /UTF-8/ }],
    ['an empty frame', '', { id: null, code: 'BAD_REQUEST', message: /not valid JSON/ }],
    ['a JSON array', '[1,2]', { id: null, code: 'BAD_REQUEST', message: /JSON object/ }],
    ['JSON null', 'null', { id: null, code: 'BAD_REQUEST', message: /JSON object/ }],
    ['a JSON number', '42', { id: null, code: 'BAD_REQUEST', message: /JSON object/ }],
    ['no id', '{"v":1,"op":"ping"}', { id: null, code: 'BAD_REQUEST', message: /id must be a string/ }],
    ['a numeric id', '{"v":1,"id":7,"op":"ping"}', { id: null, code: 'BAD_REQUEST', message: /id must be a string/ }],
    ['an id over 64 characters', `{"v":1,"id":"${long}","op":"ping"}`, { id: null, code: 'BAD_REQUEST', message: /1 to 64/ }],
    ['v 2', '{"v":2,"id":"a1","op":"ping"}', { id: 'a1', code: 'BAD_REQUEST', message: /v must be 1 \(got 2\)/ }],
    ['no v', '{"id":"a2","op":"ping"}', { id: 'a2', code: 'BAD_REQUEST', message: /v must be 1/ }],
    ['no op', '{"v":1,"id":"a3"}', { id: 'a3', code: 'BAD_REQUEST', message: /op/ }],
    ['args as an array', '{"v":1,"id":"a4","op":"ping","args":[1]}', { id: 'a4', code: 'BAD_REQUEST', message: /args/ }],
    ['an unknown op', '{"v":1,"id":"a5","op":"launchRocket"}', { id: 'a5', code: 'UNKNOWN_OP', message: /launchRocket/ }],
    ['a prototype key as op', '{"v":1,"id":"a6","op":"toString"}', { id: 'a6', code: 'UNKNOWN_OP', message: /toString/ }],
    ['placeOrder without args', request('a7', 'placeOrder'), { id: 'a7', code: 'BAD_REQUEST', message: /args/ }],
    [
      'a string volume',
      request('a8', 'placeOrder', { clientOrderId: 'c1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: '1' }),
      { id: 'a8', code: 'BAD_REQUEST', message: /args\.volume: .*number/ },
    ],
    [
      'an unknown side',
      request('a9', 'placeOrder', { clientOrderId: 'c1', symbol: 'EURUSD', side: 'long', type: 'market', volume: 1 }),
      { id: 'a9', code: 'BAD_REQUEST', message: /args\.side/ },
    ],
    [
      'a 32-character clientOrderId',
      request('a10', 'placeOrder', { clientOrderId: 'c'.repeat(32), symbol: 'EURUSD', side: 'buy', type: 'market', volume: 1 }),
      { id: 'a10', code: 'BAD_REQUEST', message: /args\.clientOrderId/ },
    ],
    ['hello with a numeric client', request('a11', 'hello', { client: 7 }), { id: 'a11', code: 'BAD_REQUEST', message: /args\.client/ }],
    ['an unknown orders status', request('a12', 'orders', { status: 'closed' }), { id: 'a12', code: 'BAD_REQUEST', message: /args\.status/ }],
    ['cancelOrder with neither key', request('a13', 'cancelOrder', {}), { id: 'a13', code: 'BAD_REQUEST', message: /args/ }],
    ['setQuote with a NaN-like bid', request('a14', 'admin.setQuote', { symbol: 'EURUSD', bid: 'NaN', ask: 1.1 }), { id: 'a14', code: 'BAD_REQUEST', message: /args\.bid/ }],
  ];

  it('answers each with its documented error, counts it, and keeps serving', async () => {
    const hub = await startTestHub();
    for (const [name, body, expected] of cases) {
      const frames = await rawDealerRequest(hub.requests, [body], 3000);
      expect(frames, name).toBeDefined();
      const reply = ReplyEnvelope.parse(JSON.parse(lastFrame(frames!)));
      expect(reply, name).toMatchObject({ v: 1, id: expected.id, ok: false, error: { code: expected.code } });
      expect(reply.ok ? '' : reply.error.message, name).toMatch(expected.message);
    }
    expect(await hubCall(hub.requests, 'ping')).toMatchObject({ ok: true });
    expect(hub.stats()).toMatchObject({ badRequests: cases.length, requests: cases.length + 1 });
    expect(await hubResult(hub.requests, 'admin.orders')).toEqual([]);
  });

  it('drops a frame over 1 MiB unanswered, counts it, and keeps serving', async () => {
    const hub = await startTestHub();
    const padded = (size: number): string => {
      const head = request('big', 'ping');
      return head.slice(0, -1) + ' '.repeat(size - head.length) + '}';
    };
    expect(await rawDealerRequest(hub.requests, [padded(MAX_REQUEST_BYTES + 1)], 500)).toBeUndefined();
    const atLimit = await rawDealerRequest(hub.requests, [padded(MAX_REQUEST_BYTES)], 3000);
    expect(JSON.parse(lastFrame(atLimit!))).toMatchObject({ id: 'big', ok: true });
    expect(await hubResult(hub.requests, 'admin.stats')).toMatchObject({ droppedRequests: 1, oversizedRequests: 1, badRequests: 0 });
  });
});

describe('events', () => {
  it('publishes heartbeats with hubId, epoch and a rising seq', async () => {
    const hub = await startTestHub(['--heartbeat-ms', '50']);
    const events = await subscribe(hub.events, ['hb']);
    const first = await events.wait('hb', () => true);
    const later = await events.wait('later hb', (e) => (e.body['seq'] as number) > (first.body['seq'] as number));
    expect(first.body).toMatchObject({ hubId: hub.hubId, epoch: 1, ts: expect.any(Number) });
    expect(later.body['ts']).toBeGreaterThanOrEqual(first.body['ts'] as number);
  });

  it('publishes moving quotes on quote.<SYMBOL> with a realistic spread', async () => {
    const hub = await startTestHub(['--quote-ms', '20']);
    const events = await subscribe(hub.events, ['quote.EURUSD', 'quote.XAUUSD']);
    await events.wait('EURUSD quotes that move', () => new Set(events.events.filter((e) => e.topic === 'quote.EURUSD').map((e) => e.body['bid'])).size >= 3);
    const gold = await events.wait('XAUUSD quote', (e) => e.topic === 'quote.XAUUSD');
    expect(gold.body).toMatchObject({ symbol: 'XAUUSD', bid: expect.any(Number), ask: expect.any(Number) });
    for (const { topic, body } of events.events.filter((e) => e.topic === 'quote.EURUSD')) {
      expect(topic).toBe(`quote.${String(body['symbol'])}`);
      const spread = Math.round(((body['ask'] as number) - (body['bid'] as number)) * 1e5);
      expect(spread).toBeGreaterThanOrEqual(6);
      expect(spread).toBeLessThanOrEqual(12);
    }
  });

  it('publishes an order event when an order is created and when it changes', async () => {
    const hub = await startTestHub(['--heartbeat-ms', '50']);
    const events = await subscribe(hub.events, ['hb', 'order', 'quote.']);
    await events.wait('hb (subscription live)', (e) => e.topic === 'hb');
    const ticket = { clientOrderId: 'ev-1', symbol: 'EURUSD', side: 'sell', type: 'limit', volume: 0.1, price: 1.2 };
    await hubResult(hub.requests, 'placeOrder', ticket);
    await events.wait('working order', (e) => e.topic === 'order' && e.body['status'] === 'working');
    await hubResult(hub.requests, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.2, ask: 1.2001 });
    await events.wait('quote from setQuote', (e) => e.topic === 'quote.EURUSD' && e.body['bid'] === 1.2);
    const filled = await events.wait('filled order', (e) => e.topic === 'order' && e.body['status'] === 'filled');
    expect(filled.body).toMatchObject({ clientOrderId: 'ev-1', avgPrice: 1.2, filledVolume: 0.1 });
  });
});

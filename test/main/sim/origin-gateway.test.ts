// The origin gateway emulator in-process, driven by plain REQ sockets as the origin's own clients
// do: the envelope actions and ORDER_SEND's reply shapes, the success-only req_id cache, the fault
// flags (after a lost reply only the req_id guards against a second execution: the bridge's
// weakness), and bad input.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Request, Subscriber } from 'zeromq';
import { parseSimHubArgs } from '../../../src-main/hub/sim/options';
import { startOriginGateway } from '../../../src-main/hub/sim/origin/server';
import type { SimHub } from '../../../src-main/hub/sim/server';
import { onCleanup } from './fixture';

type Reply = Record<string, unknown>;

async function startGateway(flags: string[] = []): Promise<SimHub> {
  const args = parseSimHubArgs(['--dialect', 'origin', '--port', '0', '--quote-ms', '0', '--seed', '11', ...flags]);
  const gateway = await startOriginGateway(args, { logger: pino({ level: 'silent' }) });
  onCleanup(() => gateway.dispose());
  return gateway;
}

/** A fresh REQ socket (a REQ whose reply was lost cannot send again: clients open a new one). */
function client(endpoint: string, receiveTimeout = 3000): Request {
  const socket = new Request({ linger: 0, receiveTimeout });
  socket.connect(endpoint);
  onCleanup(() => socket.close());
  return socket;
}

async function call(socket: Request, body: unknown): Promise<Reply> {
  await socket.send(typeof body === 'string' ? body : JSON.stringify(body));
  const [frame] = await socket.receive();
  return JSON.parse(frame?.toString() ?? 'null') as Reply;
}

/** One request on its own REQ socket; undefined when no reply comes within `ms`. */
async function callOnce(endpoint: string, body: unknown, ms = 3000): Promise<Reply | undefined> {
  try {
    return await call(client(endpoint, ms), body);
  } catch (error) {
    if ((error as { code?: string }).code === 'EAGAIN') return undefined;
    throw error;
  }
}

const action = (name: string, reqId: string, payload: Reply = {}) => ({ action: name, req_id: reqId, timestamp: Date.now() / 1000, payload });
const orderSend = (reqId: string, payload: Reply) => action('ORDER_SEND', reqId, payload);
const buy = (comment: string, volume = 0.1) => ({ symbol: 'EURUSD', type: 'OP_BUY', volume, magic: 7, comment, sl: 0, tp: 0 });

async function executions(endpoint: string): Promise<{ total: number; byComment: Record<string, number> }> {
  const reply = await callOnce(endpoint, action('ADMIN_EXECUTIONS', 'admin'));
  return reply?.['data'] as { total: number; byComment: Record<string, number> };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('origin gateway emulator', () => {
  it('is chosen with --dialect origin; v1 stays the default and other names are refused', () => {
    expect(parseSimHubArgs([]).dialect ?? 'v1').toBe('v1');
    expect(parseSimHubArgs(['--dialect=origin']).dialect).toBe('origin');
    expect(parseSimHubArgs(['--dialect', 'mql5-json-api']).dialect).toBe('mql5-json-api');
    expect(() => parseSimHubArgs(['--dialect', 'fix'])).toThrow(/--dialect.*v1, origin or mql5-json-api/);
  });

  it('answers the envelope actions as {req_id, status, timestamp, data, error}', async () => {
    const gw = await startGateway();
    const socket = client(gw.requests);
    const heartbeat = await call(socket, action('HEARTBEAT', 'h-1'));
    expect(heartbeat).toEqual({ req_id: 'h-1', status: 'SUCCESS', timestamp: expect.any(Number), data: { status: 'alive', service: 'MT5 Gateway' }, error: null });
    expect(Math.abs((heartbeat['timestamp'] as number) - Date.now() / 1000)).toBeLessThan(60);
    expect(await call(socket, action('GET_ACCOUNT_INFO', 'a-1'))).toMatchObject({
      req_id: 'a-1',
      status: 'SUCCESS',
      data: { currency: 'USD', balance: 100_000, equity: 100_000, margin: 0, margin_free: 100_000, leverage: 100 },
      error: null,
    });
    expect(await call(socket, action('GET_POSITIONS', 'p-1'))).toMatchObject({ req_id: 'p-1', status: 'SUCCESS', data: [] });
    expect(await call(socket, action('KILL_SWITCH', 'k-1'))).toMatchObject({ status: 'SUCCESS', data: { positions_closed: 0, total_positions: 0 } });
    expect(await call(socket, action('CLOSE_POSITION', 'c-1'))).toMatchObject({ req_id: 'c-1', status: 'ERROR', data: null, error: "Missing 'ticket' in payload" });
  });

  it('ORDER_SEND fills as {error, ticket, msg, retcode: 10009}; the position carries its comment until closed', async () => {
    const gw = await startGateway();
    const socket = client(gw.requests);
    const filled = await call(socket, orderSend('r-1', buy('cid-0001')));
    expect(filled).toEqual({ error: false, ticket: expect.any(Number), msg: expect.stringMatching(/^Filled at /), retcode: 10009 });
    const opened = await call(socket, action('OPEN_ORDER', 'r-2', { symbol: 'GBPUSD', side: 'SELL', volume: 0.2, comment: 'cid 0002' }));
    expect(opened).toMatchObject({ req_id: 'r-2', status: 'SUCCESS', data: { error: false, retcode: 10009 } });
    const positions = (await call(socket, action('GET_POSITIONS', 'p-1')))['data'];
    expect(positions).toEqual([
      expect.objectContaining({ ticket: filled['ticket'], symbol: 'EURUSD', type: 0, volume: 0.1, magic: 7, comment: 'cid-0001', sl: 0, tp: 0 }),
      expect.objectContaining({ symbol: 'GBPUSD', type: 1, volume: 0.2, magic: 123456, comment: 'cid 0002' }),
    ]);
    const closed = await call(socket, action('CLOSE_POSITION', 'c-1', { ticket: filled['ticket'] }));
    expect(closed).toMatchObject({ status: 'SUCCESS', data: { error: false, ticket: filled['ticket'], retcode: 10009 } });
    expect(await call(socket, action('KILL_SWITCH', 'k-1'))).toMatchObject({ data: { positions_closed: 1, total_positions: 1 } });
    expect(await call(socket, action('GET_POSITIONS', 'p-2'))).toMatchObject({ data: [] });
    expect(await executions(gw.requests)).toMatchObject({ total: 2, byComment: { 'cid-0001': 1, 'cid 0002': 1 } });
  });

  it('a resent req_id that succeeded gets the cached ticket back and executes nothing', async () => {
    const gw = await startGateway();
    const socket = client(gw.requests);
    const first = await call(socket, orderSend('same-req', buy('cid-cached')));
    const again = await call(socket, orderSend('same-req', buy('cid-cached')));
    expect(again).toEqual({ error: false, ticket: first['ticket'], msg: expect.stringMatching(/^Cached result \(idempotent\)/), retcode: 10009 });
    expect(await executions(gw.requests)).toMatchObject({ total: 1, byComment: { 'cid-cached': 1 } });
    expect(gw.stats()).toMatchObject({ duplicatesAbsorbed: 1, ordersCreated: 1 });
  });

  it('a req_id that failed is not cached: sent again, it executes', async () => {
    const gw = await startGateway();
    const socket = client(gw.requests);
    // 100 lots of EURUSD needs more margin than the 100,000 USD account has.
    expect(await call(socket, orderSend('retry-me', buy('cid-nomoney', 100)))).toMatchObject({ error: true, ticket: 0, retcode: 10019 });
    expect(await call(socket, orderSend('retry-me', buy('cid-nomoney', 0.1)))).toMatchObject({ error: false, retcode: 10009 });
    expect(await executions(gw.requests)).toMatchObject({ total: 1 });
  });

  it('--drop-reply: the same req_id resent is absorbed by the cache, the same order under a new req_id executes twice', async () => {
    const gw = await startGateway(['--drop-reply', '1']);
    expect(await callOnce(gw.requests, orderSend('lost-1', buy('cid-lost')), 300)).toBeUndefined();
    expect(await callOnce(gw.requests, orderSend('lost-1', buy('cid-lost')), 300)).toBeUndefined();
    // Executed twice? No: the first execution succeeded and was cached before its reply was lost.
    expect(await executions(gw.requests)).toMatchObject({ total: 1, byComment: { 'cid-lost': 1 } });
    // The weakness: the client cannot know its req_id; a resend under a new req_id (as a client
    // that times out and retries does) runs again, and only the comment shows it.
    expect(await callOnce(gw.requests, orderSend('lost-2', buy('cid-lost')), 300)).toBeUndefined();
    expect(await executions(gw.requests)).toMatchObject({ total: 2, byComment: { 'cid-lost': 2 } });
    expect(gw.stats()).toMatchObject({ droppedReplies: 3, duplicatesAbsorbed: 1 });
  });

  it('--drop-request: no reply and nothing executed', async () => {
    const gw = await startGateway(['--drop-request', '1']);
    expect(await callOnce(gw.requests, orderSend('gone', buy('cid-gone')), 300)).toBeUndefined();
    expect(await executions(gw.requests)).toMatchObject({ total: 0 });
    expect(gw.stats()).toMatchObject({ droppedRequests: 1 });
  });

  it('--stall-every-ms: an ORDER_SEND read too late is -1 "status unknown", not executed nor cached', async () => {
    const gw = await startGateway(['--stall-every-ms', '1000', '--stall-ms', '1000', '--request-timeout-ms', '300']);
    await sleep(1100);
    const late = await callOnce(gw.requests, orderSend('stalled', buy('cid-stalled')), 5000);
    expect(late).toEqual({ error: true, ticket: 0, msg: expect.stringContaining('status unknown'), retcode: -1 });
    expect(await executions(gw.requests)).toMatchObject({ total: 0 });
    expect(await callOnce(gw.requests, orderSend('stalled', buy('cid-stalled')))).toMatchObject({ error: false, retcode: 10009 });
  });

  it('--delay-ms: executed at once, the reply comes late', async () => {
    const gw = await startGateway(['--delay-ms', '600-600']);
    const socket = client(gw.requests, 5000);
    const pending = call(socket, orderSend('slow', buy('cid-slow')));
    await sleep(150);
    expect(await executions(gw.requests)).toMatchObject({ total: 1 });
    expect(await pending).toMatchObject({ error: false, retcode: 10009 });
  });

  it('--no-dedupe: a resent req_id that succeeded executes again', async () => {
    const gw = await startGateway(['--no-dedupe']);
    const socket = client(gw.requests);
    await call(socket, orderSend('twice', buy('cid-twice')));
    await call(socket, orderSend('twice', buy('cid-twice')));
    expect(await executions(gw.requests)).toMatchObject({ total: 2, byComment: { 'cid-twice': 2 } });
  });

  it('refuses a comment over 31 characters and bad payloads without executing', async () => {
    const gw = await startGateway();
    const socket = client(gw.requests);
    expect(await call(socket, orderSend('long', buy('x'.repeat(32))))).toEqual({ error: true, ticket: 0, msg: 'Comment too long: 32 chars. Max 31', retcode: -3 });
    expect(await call(socket, orderSend('vol', buy('cid', 0)))).toMatchObject({ error: true, retcode: -3 });
    expect(await call(socket, orderSend('side', { ...buy('cid'), type: 'BUY' }))).toMatchObject({ error: true, retcode: -3 });
    expect(await call(socket, orderSend('sym', { type: 'OP_BUY', volume: 0.1 }))).toMatchObject({ error: true, retcode: -2 });
    expect(await call(socket, orderSend('fx', { ...buy('cid'), symbol: 'NOPE' }))).toMatchObject({ error: true, retcode: 10013 });
    expect(await call(socket, { action: 'ORDER_SEND', payload: buy('cid') })).toMatchObject({ error: true, retcode: -2 });
    expect(await executions(gw.requests)).toMatchObject({ total: 0 });
  });

  it('answers bad JSON, a missing field and an unknown action with ERROR and keeps serving', async () => {
    const gw = await startGateway();
    const socket = client(gw.requests);
    expect(await call(socket, '{not json')).toMatchObject({ req_id: 'unknown', status: 'ERROR', data: null, error: expect.stringContaining('Invalid JSON') });
    expect(await call(socket, '[1,2]')).toMatchObject({ req_id: 'unknown', status: 'ERROR', error: 'Invalid request structure' });
    expect(await call(socket, { action: 'HEARTBEAT', req_id: 'no-ts', payload: {} })).toMatchObject({ req_id: 'no-ts', status: 'ERROR', error: 'Invalid request structure' });
    expect(await call(socket, action('FLY', 'u-1'))).toMatchObject({ req_id: 'u-1', status: 'ERROR', error: 'Unknown action: FLY' });
    expect(await call(socket, action('HEARTBEAT', 'still'))).toMatchObject({ req_id: 'still', status: 'SUCCESS' });
  });

  it('publishes ticks on PUB as one JSON frame {symbol, bid, ask, timestamp}', async () => {
    const gw = await startGateway(['--quote-ms', '20']);
    const sub = new Subscriber({ linger: 0, receiveTimeout: 3000 });
    onCleanup(() => sub.close());
    sub.connect(gw.events);
    sub.subscribe();
    const frames = await sub.receive();
    expect(frames).toHaveLength(1);
    const tick = JSON.parse(frames[0]?.toString() ?? 'null') as Reply;
    expect(tick).toEqual({ symbol: expect.any(String), bid: expect.any(Number), ask: expect.any(Number), timestamp: expect.any(Number) });
    expect(tick['bid'] as number).toBeLessThanOrEqual(tick['ask'] as number);
  });
});

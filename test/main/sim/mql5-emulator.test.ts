// The MQL5-JSON-API emulator on real ZeroMQ sockets, spoken to as the EA's Python client does
// (REQ on the system socket, PULL on data and streaming): reply shapes, a TRADE's comment in the
// lists, the errors, the faults that make a TRADE execute twice, and a restart on the same ports.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { Pull, Request } from 'zeromq';
import { startMql5Emulator, type Mql5Emulator } from '../../../src-main/hub/sim/mql5/server';
import type { Mql5EmulatorOptionsInput } from '../../../src-main/hub/sim/mql5/options';
import { rebindRetrying } from '../../support/rebind';
import { onCleanup } from './fixture';

type Json = Record<string, unknown>;

async function startEmulator(options: Mql5EmulatorOptionsInput = {}): Promise<Mql5Emulator> {
  const emulator = await startMql5Emulator({ port: 0, quoteMs: 0, seed: 11, ...options }, { logger: pino({ level: 'silent' }) });
  onCleanup(() => emulator.dispose());
  return emulator;
}

/** The README's MTraderAPI: REQ for "OK", PULL for data; every socket closed after the test. */
async function connect(emulator: Mql5Emulator): Promise<{
  send(body: Json | string): Promise<string>;
  next(timeoutMs?: number): Promise<Json | undefined>;
  call(body: Json): Promise<Json>;
  nextEvent(): Promise<Json>;
}> {
  const req = new Request({ linger: 0, receiveTimeout: 2000 });
  const data = new Pull({ linger: 0 });
  const stream = new Pull({ linger: 0, receiveTimeout: 2000 });
  onCleanup(() => {
    for (const socket of [req, data, stream]) socket.close();
  });
  data.connect(emulator.data);
  stream.connect(emulator.events);
  req.connect(emulator.system);
  const next = async (timeoutMs = 2000): Promise<Json | undefined> => {
    data.receiveTimeout = timeoutMs;
    try {
      const [frame] = await data.receive();
      return JSON.parse(String(frame)) as Json;
    } catch (error) {
      if ((error as { code?: unknown }).code === 'EAGAIN') return undefined;
      throw error;
    }
  };
  const send = async (body: Json | string): Promise<string> => {
    await req.send(typeof body === 'string' ? body : JSON.stringify(body));
    const [ok] = await req.receive();
    return String(ok);
  };
  return {
    send,
    next,
    call: async (body) => {
      expect(await send(body)).toBe('OK');
      const reply = await next();
      if (!reply) throw new Error(`no data reply to ${JSON.stringify(body)}`);
      return reply;
    },
    nextEvent: async () => JSON.parse(String((await stream.receive())[0])) as Json,
  };
}

const buy = (comment: string, volume = 0.1): Json => ({ action: 'TRADE', actionType: 'ORDER_TYPE_BUY', symbol: 'EURUSD', volume, comment });
const done = { error: false, retcode: 10009, desription: 'TRADE_RETCODE_DONE', function: 'TradingModule' };

describe('reply shapes', () => {
  it('answers ACCOUNT, BALANCE and the empty lists in the EA shapes', async () => {
    const client = await connect(await startEmulator());
    const money = { balance: 100_000, equity: 100_000, margin: 0, margin_free: 100_000 };
    expect(await client.call({ action: 'ACCOUNT' })).toEqual({
      error: false, broker: expect.any(String), currency: 'USD', server: expect.any(String),
      trading_allowed: 1, bot_trading: 1, ...money, margin_level: 0,
    });
    expect(await client.call({ action: 'BALANCE' })).toEqual(money);
    expect(await client.call({ action: 'POSITIONS' })).toEqual({ positions: [] });
    expect(await client.call({ action: 'ORDERS' })).toEqual({ error: false, orders: [] });
    expect(await client.call({ action: 'HISTORY', actionType: 'TRADES' })).toEqual({});
    expect(await client.call({ action: 'HISTORY', actionType: 'DATA', symbol: 'EURUSD', chartTF: 'M1' })).toEqual({
      data: [], symbol: 'EURUSD', timeframe: 'M1',
    });
    expect(await client.call({ action: 'RESET' })).toEqual({
      error: false, lastError: '0', description: 'ERR_SUCCESS', function: 'ResetSubscriptionsAndIndicators',
    });
  });

  it('fills a TRADE and shows its comment in POSITIONS, HISTORY TRADES and the trade event', async () => {
    const client = await connect(await startEmulator());
    const quote = { bid: 1.085, ask: 1.08509 };
    expect(await client.call(buy('c-1'))).toEqual({ ...done, order: 1, volume: 0.1, price: quote.ask, ...quote });
    expect(await client.call({ action: 'POSITIONS' })).toEqual({
      error: false,
      positions: [{
        id: 1, magic: 0, symbol: 'EURUSD', type: 'POSITION_TYPE_BUY', time_setup: expect.any(Number),
        open: 1.08509, stoploss: 0, takeprofit: 0, volume: 0.1, comment: 'c-1',
      }],
    });
    const deal = { ticket: 1, time: expect.any(Number), price: 1.08509, volume: 0.1, symbol: 'EURUSD', type: 'Buy', entry: 0, profit: 0, comment: 'c-1' };
    expect(await client.call({ action: 'HISTORY', actionType: 'TRADES' })).toEqual({ trades: [deal] });
    expect(await client.nextEvent()).toMatchObject({
      request: { action: 'TRADE_ACTION_DEAL', symbol: 'EURUSD', type: 'ORDER_TYPE_BUY', comment: 'c-1', volume: 0.1 },
      result: { retcode: 10009, result: 'TRADE_RETCODE_DONE', order: 1, deal: 1, request_id: 1 },
    });

    const close = await client.call({ action: 'TRADE', actionType: 'POSITION_CLOSE_ID', symbol: 'EURUSD', id: 1 });
    expect(close).toEqual({ ...done, order: 2, volume: 0.1, price: quote.bid, ...quote });
    expect(await client.call({ action: 'POSITIONS' })).toEqual({ positions: [] });
    const history = await client.call({ action: 'HISTORY', actionType: 'TRADES' });
    expect(history['trades']).toEqual([deal, { ...deal, ticket: 2, price: 1.085, type: 'Sell', entry: 1, profit: -0.9, comment: '' }]);
  });

  it('lists and cancels a pending order by its ticket', async () => {
    const client = await connect(await startEmulator());
    const limit = { action: 'TRADE', actionType: 'ORDER_TYPE_BUY_LIMIT', symbol: 'EURUSD', volume: 0.2, price: 1.08, stoploss: 1.07, comment: 'c-2' };
    expect(await client.call(limit)).toMatchObject({ ...done, order: 1, volume: 0.2, price: 0 });
    expect(await client.call({ action: 'ORDERS' })).toEqual({
      error: false,
      orders: [{
        id: '1', magic: 0, symbol: 'EURUSD', type: 'ORDER_TYPE_BUY_LIMIT', time_setup: expect.any(Number),
        open: 1.08, stoploss: 1.07, takeprofit: 0, volume: 0.2, comment: 'c-2',
      }],
    });
    // Without a symbol the EA pushes ERR_MARKET_UNKNOWN_SYMBOL ahead of the confirmation.
    expect(await client.call({ action: 'TRADE', actionType: 'ORDER_CANCEL', id: 1 })).toEqual({
      error: true, lastError: '4301', description: 'ERR_MARKET_UNKNOWN_SYMBOL', function: 'TradingModule',
    });
    expect(await client.next()).toMatchObject({ ...done, order: 1 });
    expect(await client.call({ action: 'ORDERS' })).toEqual({ error: false, orders: [] });
  });

  it('leaves comments out of the lists when asked to behave like the stock EA', async () => {
    const client = await connect(await startEmulator({ commentInLists: false }));
    await client.call(buy('c-3'));
    const positions = (await client.call({ action: 'POSITIONS' }))['positions'] as Json[];
    expect(positions[0]).not.toHaveProperty('comment');
  });

  it('streams ticks on the live socket for a CONFIG TICK subscription', async () => {
    const emulator = await startEmulator({ quoteMs: 20 });
    const client = await connect(emulator);
    const live = new Pull({ linger: 0, receiveTimeout: 3000 });
    onCleanup(() => live.close());
    live.connect(emulator.live);
    expect(await client.call({ action: 'CONFIG', symbol: 'EURUSD', chartTF: 'TICK' })).toMatchObject({ error: false, function: 'ScriptConfiguration' });
    const tick = JSON.parse(String((await live.receive())[0])) as Json;
    expect(tick).toEqual({ status: 'CONNECTED', symbol: 'EURUSD', timeframe: 'TICK', data: [expect.any(Number), expect.any(Number), expect.any(Number)] });
  });
});

describe('errors', () => {
  it('answers bad JSON, unknown actions and refused trades with the EA errors, and keeps serving', async () => {
    const emulator = await startEmulator();
    const client = await connect(emulator);
    const error = (lastError: string, description: string, fn: string): Json => ({ error: true, lastError, description, function: fn });
    expect(await client.send('{"action": "ACCOUNT"')).toBe('OK');
    expect([await client.next(), await client.next()]).toEqual([
      error('65537', 'ERR_DESERIALIZATION', 'RequestHandler'),
      error('65538', 'ERR_WRONG_ACTION', 'RequestHandler'),
    ]);
    expect(await client.call({ action: 'LAUNCH' })).toEqual(error('65538', 'ERR_WRONG_ACTION', 'RequestHandler'));
    expect(await client.call({ action: 'TRADE', actionType: 'ORDER_TYPE_TELEPORT', symbol: 'EURUSD' })).toEqual(
      error('65538', 'ERR_WRONG_ACTION', 'TradingModule'),
    );
    expect(await client.next()).toEqual({
      error: true, retcode: 0, desription: 'TRADE_RETCODE_UNKNOWN=0', order: 0, volume: 0, price: 0, bid: 0, ask: 0, function: 'TradingModule',
    });
    expect(await client.call(buy('c-4', 0.001))).toMatchObject({ error: true, retcode: 10014, desription: 'TRADE_RETCODE_INVALID_VOLUME' });
    const wrongStops = { ...buy('c-5'), stoploss: 1.2 };
    expect(await client.call(wrongStops)).toMatchObject({ error: true, retcode: 10016, desription: 'TRADE_RETCODE_INVALID_STOPS' });
    expect(await client.call({ action: 'BALANCE' })).toMatchObject({ balance: 100_000 });
    expect(await client.next(200)).toBeUndefined();
    expect(emulator.executions()).toEqual(new Map());
    expect(emulator.stats()).toMatchObject({ requests: 6, badRequests: 1 });
  });
});

describe('faults: the bridge has no request ids and no deduplication', () => {
  it('sends "OK" first and the data reply after a delay', async () => {
    const client = await connect(await startEmulator({ delayMs: { min: 400, max: 400 } }));
    expect(await client.send({ action: 'BALANCE' })).toBe('OK');
    expect(await client.next(150)).toBeUndefined();
    expect(await client.next()).toMatchObject({ balance: 100_000 });
  });

  it('executes a TRADE twice when its data reply was dropped and the client sends it again', async () => {
    const emulator = await startEmulator({ dropReply: 1, faultActions: ['TRADE'] });
    const client = await connect(emulator);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      expect(await client.send(buy('c-dup'))).toBe('OK');
      expect(await client.next(300)).toBeUndefined();
    }
    expect(await client.call({ action: 'POSITIONS' })).toMatchObject({ positions: [{ volume: 0.2, comment: 'c-dup' }] });
    expect(emulator.executions().get('c-dup')).toBe(2);
    expect(emulator.stats()).toMatchObject({ droppedReplies: 2 });
  });

  it('leaves a doubled reply on the data socket for the next request to drain', async () => {
    const client = await connect(await startEmulator({ duplicateReply: 1, faultActions: ['TRADE'] }));
    expect(await client.call(buy('c-6'))).toMatchObject({ ...done, order: 1 });
    // The next request's first data message is the stale copy: nothing says whose reply it is.
    expect(await client.call({ action: 'BALANCE' })).toMatchObject({ ...done, order: 1 });
    expect(await client.next()).toMatchObject({ balance: 100_000 });
  });

  it('drops a request unread: no "OK", nothing executed', async () => {
    const emulator = await startEmulator({ dropRequest: 1, faultActions: ['TRADE'] });
    const req = new Request({ linger: 0, receiveTimeout: 300 });
    onCleanup(() => req.close());
    req.connect(emulator.system);
    await req.send(JSON.stringify(buy('c-7')));
    await expect(req.receive()).rejects.toMatchObject({ code: 'EAGAIN' });
    expect(emulator.executions()).toEqual(new Map());
    expect(emulator.stats()).toMatchObject({ droppedRequests: 1 });
  });

  it('keeps positions and comments across a restart on the same ports with a state file, after dispose freed them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mql5-emulator-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const stateFile = join(dir, 'state.db');
    const first = await startEmulator({ stateFile });
    expect(await (await connect(first)).call(buy('c-8'))).toMatchObject(done);
    await first.dispose();
    const port = Number(first.system.split(':').pop());
    const second = await rebindRetrying(() => startEmulator({ stateFile, port }));
    expect([second.system, second.data, second.live, second.events]).toEqual([first.system, first.data, first.live, first.events]);
    expect(await (await connect(second)).call({ action: 'POSITIONS' })).toMatchObject({ positions: [{ id: 1, volume: 0.1, comment: 'c-8' }] });
    expect(second.executions()).toEqual(new Map([['c-8', 1]]));
  });
});

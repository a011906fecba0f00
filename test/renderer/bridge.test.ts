// The typed bridge over both transports: the WebSocket one (queue until open, reconnect, resync
// signal) against scripted sockets, and the Electron one against a scripted preload.
import { ConstantBackoff } from 'cockatiel';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypedBridge, hostSocketUrl } from '../../src-renderer/api/bridge';
import { electronTransport } from '../../src-renderer/api/transport';
import { WsTransport } from '../../src-renderer/api/ws-transport';
import type { SocketFactory, SocketHandlers } from '../../src-renderer/api/ws-transport';
import type { RawBridge } from '../../src-shared/ipc/bridge-api';
import { order, quote, snapshot } from './fixtures';

interface FakeSocket {
  handlers: SocketHandlers;
  sent: { type: string; id: number; channel: string; input: unknown }[];
  closed: boolean;
}

function fakeHost() {
  const sockets: FakeSocket[] = [];
  const connect: SocketFactory = (_url, handlers) => {
    const socket: FakeSocket = { handlers, sent: [], closed: false };
    sockets.push(socket);
    return {
      send: (data) => socket.sent.push(JSON.parse(data) as FakeSocket['sent'][number]),
      close: () => {
        socket.closed = true;
      },
    };
  };
  const current = () => {
    const socket = sockets.at(-1);
    if (!socket) throw new Error('no socket yet');
    return socket;
  };
  const reply = (id: number, result: unknown) => current().handlers.message(JSON.stringify({ type: 'reply', id, result }));
  return { sockets, connect, current, reply };
}

function wsBridge() {
  const host = fakeHost();
  const transport = new WsTransport({ url: 'ws://h/ws?token=t', connect: host.connect, backoff: new ConstantBackoff(500) });
  const bridge = createTypedBridge(transport);
  bridge.start();
  return { host, bridge };
}

const placeInput = { clientOrderId: 't-1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 } as const;

beforeEach(() => {
  vi.useFakeTimers();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('WebSocket bridge', () => {
  it('queues an invoke until the socket opens, then returns the typed reply', async () => {
    const { host, bridge } = wsBridge();
    const pending = bridge.invoke('tickets:create', {});
    expect(host.current().sent).toEqual([]);

    host.current().handlers.open();
    const [sent] = host.current().sent;
    expect(sent).toMatchObject({ type: 'invoke', channel: 'tickets:create', input: {} });
    host.reply(sent?.id ?? -1, { ok: true, result: { clientOrderId: 'abc-1' } });
    await expect(pending).resolves.toEqual({ ok: true, result: { clientOrderId: 'abc-1' } });
  });

  it('passes an error Result through as data', async () => {
    const { host, bridge } = wsBridge();
    host.current().handlers.open();
    const pending = bridge.invoke('orders:place', placeInput);
    host.reply(host.current().sent[0]?.id ?? -1, { ok: false, error: { code: 'TICKET_USED', message: 'used' } });
    await expect(pending).resolves.toEqual({ ok: false, error: { code: 'TICKET_USED', message: 'used' } });
  });

  it("reports an order whose reply was lost as of unknown fate, and other calls as not connected", async () => {
    const { host, bridge } = wsBridge();
    host.current().handlers.open();
    const place = bridge.invoke('orders:place', placeInput);
    const ticket = bridge.invoke('tickets:create', {});
    host.current().handlers.close();
    const placed = await place;
    expect(placed.ok ? undefined : placed.error).toMatchObject({ code: 'ORDER_UNKNOWN', clientOrderId: 't-1' });
    const created = await ticket;
    expect(created.ok ? undefined : created.error.code).toBe('NOT_CONNECTED');
  });

  it('fails a queued invoke as not sent when no socket opens in time', async () => {
    const { bridge } = wsBridge();
    const place = bridge.invoke('orders:place', placeInput);
    await vi.advanceTimersByTimeAsync(5_000);
    const result = await place;
    expect(result.ok ? undefined : result.error.code).toBe('NOT_CONNECTED');
    expect(result.ok ? '' : result.error.message).toMatch(/^Not sent/);
  });

  it('turns a reply that breaks the contract into an error, never into data', async () => {
    const { host, bridge } = wsBridge();
    host.current().handlers.open();
    const snap = bridge.invoke('session:snapshot', {});
    const place = bridge.invoke('orders:place', placeInput);
    const [first, second] = host.current().sent;
    host.reply(first?.id ?? -1, { ok: true, result: { nonsense: true } });
    host.reply(second?.id ?? -1, { ok: true, result: order('t-1', { volume: -1 }) });
    expect(await snap).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await place).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: 't-1' } });
  });

  it('delivers valid events and drops invalid ones', () => {
    const { host, bridge } = wsBridge();
    host.current().handlers.open();
    const seen: number[] = [];
    bridge.on('quotes:changed', (payload) => seen.push(payload.quotes.length));
    const send = (payload: unknown) =>
      host.current().handlers.message(JSON.stringify({ type: 'event', channel: 'quotes:changed', payload }));

    send({ quotes: [quote('EURUSD', 1.1, 1.2, 1)] });
    send({ quotes: [{ symbol: 'EURUSD', bid: -1, ask: 1.2, ts: 1 }] });
    host.current().handlers.message('not json');
    expect(seen).toEqual([1]);
    expect(console.warn).toHaveBeenCalledTimes(2);
  });

  it('reconnects after the backoff and signals the reconnect so the sync can resync', async () => {
    const { host, bridge } = wsBridge();
    const links: string[] = [];
    let reconnects = 0;
    bridge.onDidChangeLink((link) => links.push(link));
    bridge.onDidReconnect(() => reconnects++);

    host.current().handlers.open();
    expect(reconnects).toBe(0);
    host.current().handlers.close();
    expect(host.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(host.sockets).toHaveLength(2);
    host.current().handlers.open();
    expect(reconnects).toBe(1);
    expect(links).toEqual(['open', 'closed', 'connecting', 'open']);
  });

  it('ignores a replaced socket', async () => {
    const { host, bridge } = wsBridge();
    const seen: number[] = [];
    bridge.on('orders:changed', (payload) => seen.push(payload.seq));
    const first = host.current();
    first.handlers.open();
    first.handlers.close();
    await vi.advanceTimersByTimeAsync(500);
    first.handlers.message(JSON.stringify({ type: 'event', channel: 'orders:changed', payload: { seq: 1, orders: [] } }));
    expect(seen).toEqual([]);
  });
});

describe('Electron bridge', () => {
  function electronBridge(invoke: RawBridge['invoke']) {
    return createTypedBridge(electronTransport({ invoke, on: () => () => {} }));
  }

  it('returns a valid reply typed', async () => {
    const bridge = electronBridge(() => Promise.resolve({ ok: true, result: snapshot() }));
    const result = await bridge.invoke('session:snapshot', {});
    expect(result.ok && result.result.orders.seq).toBe(5);
  });

  it('treats a rejected order invoke as of unknown fate', async () => {
    const bridge = electronBridge(() => Promise.reject(new Error('handler crashed')));
    expect(await bridge.invoke('orders:cancel', { clientOrderId: 'c-1' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_UNKNOWN', clientOrderId: 'c-1' },
    });
    expect(await bridge.invoke('tickets:create', {})).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
  });

  it('treats a lost send-anyway or resubmit as of unknown fate, and a lost drop as a plain failure', async () => {
    const bridge = electronBridge(() => Promise.reject(new Error('handler crashed')));
    expect(await bridge.invoke('orders:confirmHeld', { clientOrderId: 'h-1' })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_UNKNOWN', clientOrderId: 'h-1' },
    });
    expect(await bridge.invoke('orders:resubmit', { clientOrderId: 'n-1', confirm: true })).toMatchObject({
      ok: false,
      error: { code: 'ORDER_UNKNOWN', clientOrderId: 'n-1' },
    });
    expect(await bridge.invoke('orders:dropHeld', { clientOrderId: 'h-1' })).toMatchObject({ ok: false, error: { code: 'NOT_CONNECTED' } });
  });

  it('gives up waiting after the timeout without throwing', async () => {
    const bridge = createTypedBridge(electronTransport({ invoke: () => new Promise(() => {}), on: () => () => {} }), {
      timeoutMs: 1_000,
    });
    const result = bridge.invoke('session:snapshot', {});
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await result).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
  });
});

describe('hostSocketUrl', () => {
  it('follows the page scheme and carries the token encoded', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080', search: '?token=a b&x=1' })).toBe(
      'ws://127.0.0.1:8080/ws?token=a%20b',
    );
    // Without a token in the address (it is removed once the page has its cookie), the cookie speaks.
    expect(hostSocketUrl({ protocol: 'https:', host: 'desk', search: '' })).toBe('wss://desk/ws');
  });
});

// Orders through the simulated hub over ZeroMQ: deduplication by clientOrderId (and its absence
// with --no-dedupe), a resting limit that fills when admin.setQuote crosses it, cancels, status
// lookups, margin rejection, and the account and positions that result.
import { describe, expect, it } from 'vitest';
import type { ReplyEnvelope } from '../../../src-main/hub/protocol';
import { HubOrder } from '../../../src-shared/domain/order';
import { hubCall, hubResult } from '../../support/raw-client';
import { startTestHub } from './fixture';

const ticket = (clientOrderId: string, extra: Record<string, unknown> = {}) => ({
  clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1, ...extra,
});

function errorCode(reply: ReplyEnvelope): string | undefined {
  return reply.ok ? undefined : reply.error.code;
}

describe('idempotency', () => {
  it('absorbs a repeated placeOrder with the same fields and refuses different fields', async () => {
    const hub = await startTestHub();
    const first = await hubResult<Record<string, unknown>>(hub.requests, 'placeOrder', ticket('dup-1'));
    const again = await hubResult<Record<string, unknown>>(hub.requests, 'placeOrder', ticket('dup-1'));
    expect(first['duplicate']).toBeUndefined();
    expect(again).toEqual({ ...first, duplicate: true });
    const mismatch = await hubCall(hub.requests, 'placeOrder', ticket('dup-1', { volume: 0.2 }));
    expect(errorCode(mismatch)).toBe('DUPLICATE_MISMATCH');
    const orders = HubOrder.array().parse(await hubResult(hub.requests, 'admin.orders'));
    expect(orders.map((o) => o.clientOrderId)).toEqual(['dup-1']);
    expect(await hubResult(hub.requests, 'positions')).toMatchObject([{ symbol: 'EURUSD', volume: 0.1 }]);
    expect(hub.stats()).toMatchObject({ placeOrders: 3, ordersCreated: 1, duplicatesAbsorbed: 1 });
  });

  it('with --no-dedupe creates a second order for the same clientOrderId', async () => {
    const hub = await startTestHub(['--no-dedupe']);
    const a = await hubResult<{ orderId: string }>(hub.requests, 'placeOrder', ticket('twice'));
    const b = await hubResult<{ orderId: string; duplicate?: boolean }>(hub.requests, 'placeOrder', ticket('twice'));
    expect(b.orderId).not.toBe(a.orderId);
    expect(b.duplicate).toBeUndefined();
    const orders = HubOrder.array().parse(await hubResult(hub.requests, 'admin.orders'));
    expect(orders.filter((o) => o.clientOrderId === 'twice')).toHaveLength(2);
    expect(await hubResult(hub.requests, 'orderStatus', { clientOrderId: 'twice' })).toMatchObject({ orderId: b.orderId });
    expect(await hubResult(hub.requests, 'positions')).toMatchObject([{ volume: 0.2 }]);
    expect(hub.stats()).toMatchObject({ ordersCreated: 2, duplicatesAbsorbed: 0 });
  });
});

describe('resting orders, cancels and status', () => {
  it('rests a buy limit until admin.setQuote crosses it, then fills it at the ask', async () => {
    const hub = await startTestHub();
    await hubResult(hub.requests, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.1, ask: 1.1001 });
    const placed = await hubResult(hub.requests, 'placeOrder', ticket('lim-1', { type: 'limit', price: 1.095, volume: 1 }));
    expect(placed).toMatchObject({ status: 'working', price: 1.095, filledVolume: 0, avgPrice: null });
    expect(await hubResult(hub.requests, 'orders', { status: 'open' })).toMatchObject([{ clientOrderId: 'lim-1' }]);
    await hubResult(hub.requests, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.096, ask: 1.0961 });
    expect(await hubResult(hub.requests, 'orderStatus', { clientOrderId: 'lim-1' })).toMatchObject({ status: 'working' });
    await hubResult(hub.requests, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.0948, ask: 1.0949 });
    const filled = await hubResult(hub.requests, 'orderStatus', { clientOrderId: 'lim-1' });
    expect(filled).toMatchObject({ status: 'filled', filledVolume: 1, avgPrice: 1.0949 });
    expect(await hubResult(hub.requests, 'orders', { status: 'open' })).toEqual([]);
    expect(await hubResult(hub.requests, 'orders')).toHaveLength(1);
    expect(await hubResult(hub.requests, 'positions')).toEqual([
      { symbol: 'EURUSD', side: 'buy', volume: 1, avgPrice: 1.0949, unrealizedPnl: -10 },
    ]);
    expect(await hubResult(hub.requests, 'account')).toMatchObject({ currency: 'USD', balance: 100_000, equity: 99_990 });
  });

  it('refuses a limit on the wrong side of the market and creates nothing', async () => {
    const hub = await startTestHub();
    await hubResult(hub.requests, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.1, ask: 1.1001 });
    const reply = await hubCall(hub.requests, 'placeOrder', ticket('bad-lim', { type: 'limit', price: 1.11 }));
    expect(errorCode(reply)).toBe('INVALID_PRICE');
    expect(await hubResult(hub.requests, 'admin.orders')).toEqual([]);
    expect(errorCode(await hubCall(hub.requests, 'orderStatus', { clientOrderId: 'bad-lim' }))).toBe('NOT_FOUND');
  });

  it('cancels by orderId or clientOrderId, returns finished orders unchanged, NOT_FOUND otherwise', async () => {
    const hub = await startTestHub();
    const working = await hubResult<{ orderId: string }>(hub.requests, 'placeOrder', ticket('c-1', { type: 'limit', price: 1.0 }));
    const canceled = await hubResult(hub.requests, 'cancelOrder', { orderId: working.orderId });
    expect(canceled).toMatchObject({ status: 'canceled' });
    expect(await hubResult(hub.requests, 'cancelOrder', { clientOrderId: 'c-1' })).toEqual(canceled);
    const filled = await hubResult(hub.requests, 'placeOrder', ticket('c-2'));
    expect(await hubResult(hub.requests, 'cancelOrder', { clientOrderId: 'c-2' })).toEqual(filled);
    expect(errorCode(await hubCall(hub.requests, 'cancelOrder', { orderId: '999' }))).toBe('NOT_FOUND');
    expect(errorCode(await hubCall(hub.requests, 'cancelOrder', { clientOrderId: 'never' }))).toBe('NOT_FOUND');
  });

  it('creates an order rejected for margin as a result, not an error, and remembers it', async () => {
    const hub = await startTestHub();
    const rejected = await hubResult(hub.requests, 'placeOrder', ticket('huge', { volume: 99 }));
    expect(rejected).toMatchObject({ status: 'rejected', filledVolume: 0, rejectReason: expect.stringMatching(/margin/) });
    expect(await hubResult(hub.requests, 'placeOrder', ticket('huge', { volume: 99 }))).toMatchObject({ duplicate: true, status: 'rejected' });
    expect(await hubResult(hub.requests, 'positions')).toEqual([]);
    expect(await hubResult(hub.requests, 'account')).toMatchObject({ balance: 100_000, margin: 0 });
  });

  it('answers symbols and quotes, and UNKNOWN_SYMBOL for a symbol it does not have', async () => {
    const hub = await startTestHub();
    expect(await hubResult(hub.requests, 'symbols')).toHaveLength(4);
    expect(await hubResult(hub.requests, 'quotes', { symbols: ['USDJPY'] })).toMatchObject([{ symbol: 'USDJPY', bid: 151.5 }]);
    expect(errorCode(await hubCall(hub.requests, 'quotes', { symbols: ['BTCUSD'] }))).toBe('UNKNOWN_SYMBOL');
    expect(errorCode(await hubCall(hub.requests, 'placeOrder', ticket('u-1', { symbol: 'BTCUSD' })))).toBe('UNKNOWN_SYMBOL');
    expect(errorCode(await hubCall(hub.requests, 'placeOrder', ticket('v-1', { volume: 0.015 })))).toBe('INVALID_VOLUME');
  });
});

// The sync between main and the stores: snapshot first, deltas after, and a new snapshot whenever
// the orders seq shows a gap, the link reconnects or a snapshot fails.
import { ConstantBackoff } from 'cockatiel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SessionSync } from '../../src-renderer/api/sync';
import { createStores } from '../../src-renderer/stores';
import { FakeBridge } from './fake-bridge';
import { checks, connection, EURUSD, order, quote, snapshot } from './fixtures';

function setup() {
  const bridge = new FakeBridge();
  const stores = createStores();
  const sync = new SessionSync(bridge, stores, { backoff: new ConstantBackoff(1_000) });
  sync.start();
  return { bridge, stores, sync };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SessionSync', () => {
  it('fills every store from the snapshot, then applies the next delta', async () => {
    const { bridge, stores } = setup();
    expect(bridge.snapshotCalls()).toHaveLength(1);
    await bridge.answerSnapshot({ ok: true, result: snapshot() });

    expect(stores.connection.getState().info?.hub?.hubId).toBe('sim-1');
    expect(stores.market.getState().symbols.map((s) => s.symbol)).toEqual(['EURUSD', 'XAUUSD']);
    expect(stores.account.getState().account?.equity).toBe(10_010);
    expect(stores.orders.getState().ids).toEqual(['a1']);
    expect(stores.checks.getState().summary?.ordersSent).toBe(12);

    bridge.emit('orders:changed', { seq: 6, orders: [order('b2', { createdAt: 2_000, status: 'sent' })] });
    expect(stores.orders.getState().ids).toEqual(['b2', 'a1']);
    expect(stores.orders.getState().lastSeq).toBe(6);
    expect(bridge.snapshotCalls()).toHaveLength(1);
  });

  it('takes a new snapshot on a seq gap instead of applying the delta', async () => {
    const { bridge, stores } = setup();
    await bridge.answerSnapshot({ ok: true, result: snapshot() });

    bridge.emit('orders:changed', { seq: 8, orders: [order('late', { createdAt: 9_000 })] });
    expect(stores.orders.getState().byId.has('late')).toBe(false);
    expect(bridge.snapshotCalls()).toHaveLength(2);

    await bridge.answerSnapshot({
      ok: true,
      result: snapshot({ orders: { seq: 8, orders: [order('a1'), order('late', { createdAt: 9_000 })] } }),
    });
    expect(stores.orders.getState().ids).toEqual(['late', 'a1']);
    expect(stores.orders.getState().lastSeq).toBe(8);
  });

  it('replays events that raced the snapshot: old deltas dropped, newer ones applied', async () => {
    const { bridge, stores } = setup();
    bridge.emit('orders:changed', { seq: 5, orders: [order('a1', { status: 'sent' })] });
    bridge.emit('orders:changed', { seq: 6, orders: [order('a1', { status: 'working' })] });
    bridge.emit('quotes:changed', { quotes: [quote('EURUSD', 1.2, 1.2001, 20_000)] });
    bridge.emit('account:changed', { account: null, positions: [] });
    bridge.emit('symbols:changed', { symbols: [] });
    expect(stores.orders.getState().ids).toEqual([]);

    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    expect(stores.orders.getState().byId.get('a1')?.status).toBe('working');
    expect(stores.orders.getState().lastSeq).toBe(6);
    expect(stores.market.getState().quotes.get('EURUSD')?.bid).toBe(1.2);
    // Account and symbol events carry no version; one that raced the snapshot is older than it.
    expect(stores.account.getState().account?.balance).toBe(10_000);
    expect(stores.market.getState().symbols).toHaveLength(2);
    expect(bridge.snapshotCalls()).toHaveLength(1);
  });

  it('keeps a newer connection event that raced the snapshot, and drops an older one', async () => {
    const { bridge, stores } = setup();
    bridge.emit('connection:changed', connection({ state: 'connecting', since: 1, hub: null }));
    bridge.emit('connection:changed', connection({ state: 'down', since: 9_000, hub: null }));
    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    expect(stores.connection.getState().info?.state).toBe('down');
  });

  it('takes one more snapshot when a replayed delta shows a gap', async () => {
    const { bridge, stores } = setup();
    bridge.emit('orders:changed', { seq: 7, orders: [order('c3')] });
    bridge.emit('quotes:changed', { quotes: [quote('EURUSD', 1.3, 1.3001, 30_000)] });
    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    expect(bridge.snapshotCalls()).toHaveLength(2);
    // Events after the gap wait for the new snapshot rather than land on a stale base.
    expect(stores.market.getState().quotes.get('EURUSD')?.bid).toBe(1.085);
    await bridge.answerSnapshot({ ok: true, result: snapshot({ orders: { seq: 7, orders: [order('c3')] } }) });
    expect(stores.orders.getState().ids).toEqual(['c3']);
    expect(stores.market.getState().quotes.get('EURUSD')?.bid).toBe(1.3);
  });

  it('applies a live symbols:changed, keeping quotes of symbols still listed', async () => {
    const { bridge, stores } = setup();
    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    bridge.emit('symbols:changed', { symbols: [EURUSD] });
    expect(stores.market.getState().symbols.map((s) => s.symbol)).toEqual(['EURUSD']);
    expect(stores.market.getState().quotes.get('EURUSD')?.bid).toBe(1.085);
  });

  it('resyncs after the link reconnects', async () => {
    const { bridge } = setup();
    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    bridge.reconnect();
    expect(bridge.snapshotCalls()).toHaveLength(2);
  });

  it('asks only once while a snapshot is in flight, then once more after it', async () => {
    const { bridge, sync } = setup();
    void sync.resync();
    void sync.resync();
    expect(bridge.snapshotCalls()).toHaveLength(1);
    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    expect(bridge.snapshotCalls()).toHaveLength(2);
  });

  it('retries a failed snapshot after the backoff, not once per event', async () => {
    vi.useFakeTimers();
    const { bridge, stores } = setup();
    await bridge.answerSnapshot({ ok: false, error: { code: 'NOT_CONNECTED', message: 'down' } });
    bridge.emit('orders:changed', { seq: 1, orders: [order('x')] });
    bridge.emit('quotes:changed', { quotes: [quote('EURUSD', 1.4, 1.4001, 40_000)] });
    expect(bridge.snapshotCalls()).toHaveLength(1);
    // Full-state events still land while there is no snapshot.
    expect(stores.market.getState().quotes.get('EURUSD')?.bid).toBe(1.4);

    await vi.advanceTimersByTimeAsync(1_000);
    expect(bridge.snapshotCalls()).toHaveLength(2);
  });

  it('stops listening when disposed', async () => {
    const { bridge, stores, sync } = setup();
    await bridge.answerSnapshot({ ok: true, result: snapshot() });
    sync.dispose();
    bridge.emit('orders:changed', { seq: 6, orders: [order('after')] });
    expect(stores.orders.getState().byId.has('after')).toBe(false);
  });

  it('applies live checks:changed summaries, and drops one that raced the snapshot', async () => {
    const { bridge, stores } = setup();
    bridge.emit('checks:changed', checks({ reconciling: true, ordersSent: 1 }));
    expect(stores.checks.getState().summary).toBeNull();
    await bridge.answerSnapshot({ ok: true, result: snapshot({ checks: checks({ reconciling: false, ordersSent: 3 }) }) });
    // Like account events, a checks event carries no version: the snapshot's summary is newer.
    expect(stores.checks.getState().summary).toMatchObject({ reconciling: false, ordersSent: 3 });

    bridge.emit('checks:changed', checks({ heldNow: 2, ordersSent: 4 }));
    expect(stores.checks.getState().summary).toMatchObject({ heldNow: 2, ordersSent: 4 });
  });

  it('applies checks:changed while there is no snapshot to wait for', async () => {
    vi.useFakeTimers();
    const { bridge, stores } = setup();
    await bridge.answerSnapshot({ ok: false, error: { code: 'NOT_CONNECTED', message: 'down' } });
    bridge.emit('checks:changed', checks({ reconciling: true }));
    expect(stores.checks.getState().summary?.reconciling).toBe(true);
  });
});

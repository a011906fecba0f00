// The retry log's feed: it loads for the view's filter, applies live entries only on a loaded
// base (buffering those that race the load), drops a stale reply, and reloads after a reconnect.
import { describe, expect, it } from 'vitest';
import { RetryLogSync } from '../../src-renderer/api/retry-log-sync';
import { createStores } from '../../src-renderer/stores';
import { allRetries } from '../../src-renderer/stores/retry-log';
import type { RetryEntry } from '../../src-shared/domain/retry';
import { FakeBridge } from './fake-bridge';
import { retry } from './fixtures';

function setup() {
  const bridge = new FakeBridge();
  const store = createStores().retryLog;
  const sync = new RetryLogSync(bridge, store);
  sync.start();
  const lists = () => bridge.calls.filter((call) => call.channel === 'retries:list');
  const answer = async (entries: RetryEntry[], total = entries.length, index = -1) => {
    const call = lists().at(index);
    if (!call) throw new Error('no retries:list was asked for');
    call.answer({ ok: true, result: { entries, total } });
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
  };
  const ids = () => store.getState().entries.map((entry) => entry.id);
  return { bridge, store, sync, lists, answer, ids };
}

describe('RetryLogSync', () => {
  it('asks for the filter with a limit, then applies live entries', async () => {
    const { bridge, sync, lists, answer, ids, store } = setup();
    sync.open({ ...allRetries, op: 'ping' });
    expect(lists()[0]?.input).toEqual({ op: 'ping', limit: 500 });
    expect(store.getState().status).toBe('loading');
    await answer([retry(1, { op: 'ping' })]);
    bridge.emit('retries:changed', { entries: [retry(2, { op: 'ping' }), retry(3, { op: 'quotes' })] });
    expect(ids()).toEqual([2, 1]);
    expect(store.getState().total).toBe(2);
  });

  it('ignores live entries while the view is closed', () => {
    const { bridge, store } = setup();
    bridge.emit('retries:changed', { entries: [retry(1)] });
    expect(store.getState().entries).toEqual([]);
  });

  it('applies entries that raced the load after it, upserting by id', async () => {
    const { bridge, sync, answer, ids, store } = setup();
    sync.open(allRetries);
    bridge.emit('retries:changed', { entries: [retry(2), retry(3)] });
    await answer([retry(2), retry(1)], 2);
    expect(ids()).toEqual([3, 2, 1]);
    expect(store.getState().total).toBe(3);
  });

  it('drops the reply to a load the filter has moved on from', async () => {
    const { sync, answer, lists, ids, store } = setup();
    sync.open(allRetries);
    sync.close();
    sync.open({ ...allRetries, outcome: 'gave-up' });
    await answer([retry(9, { outcome: 'gave-up' })], 1, 1);
    await answer([retry(1), retry(2)], 2, 0);
    expect(lists()).toHaveLength(2);
    expect(ids()).toEqual([9]);
    expect(store.getState().filter.outcome).toBe('gave-up');
  });

  it('keeps a failed load as an error and applies nothing on it', async () => {
    const { bridge, sync, lists, store } = setup();
    sync.open(allRetries);
    lists()[0]?.answer({ ok: false, error: { code: 'INTERNAL', message: 'log unreadable' } });
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    bridge.emit('retries:changed', { entries: [retry(1)] });
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'INTERNAL' }, entries: [] });
  });

  it('reloads after the link reconnects while open, not while closed', async () => {
    const { bridge, sync, lists, answer } = setup();
    bridge.reconnect();
    expect(lists()).toHaveLength(0);
    sync.open(allRetries);
    await answer([]);
    bridge.reconnect();
    expect(lists()).toHaveLength(2);
  });
});

// The Notion outbox's feed: it loads the outbox for the view's filter and the connection, applies
// outbox:changed only on a loaded base, drops stale replies, reloads after a reconnect, and asks
// for the connection's status again (at most once an interval) while changes arrive.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutboxSync } from '../../src-renderer/api/outbox-sync';
import { createStores } from '../../src-renderer/stores';
import type { OutboxEvent, PushFigures } from '../../src-shared/domain/outbox';
import { FakeBridge } from './fake-bridge';
import { notionStatus, outboxEvent, parked, pushed, pushFigures } from './notion-fixtures';

/** Lets the feed's continuations run (microtasks only, so it works under fake timers too). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup(statusIntervalMs = 1_000) {
  const bridge = new FakeBridge();
  const store = createStores().outbox;
  let clock = 50_000;
  const sync = new OutboxSync(bridge, store, { now: () => clock, statusIntervalMs });
  sync.start();
  const calls = (channel: 'outbox:list' | 'notion:status') => bridge.calls.filter((call) => call.channel === channel);
  const answerList = async (events: OutboxEvent[], figures: PushFigures = pushFigures(), index = -1) => {
    const call = calls('outbox:list').at(index);
    if (!call) throw new Error('no outbox:list was asked for');
    call.answer({ ok: true, result: { events, figures } });
    await settle();
  };
  const answerStatus = async (status = notionStatus(), index = -1) => {
    const call = calls('notion:status').at(index);
    if (!call) throw new Error('no notion:status was asked for');
    call.answer({ ok: true, result: { status, figures: pushFigures() } });
    await settle();
  };
  const seqs = () => store.getState().events.map((event) => event.seq);
  const tick = (ms: number) => {
    clock += ms;
  };
  return { bridge, store, sync, calls, answerList, answerStatus, seqs, tick };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('OutboxSync', () => {
  it('asks for the filter with a limit and for the connection, then applies live changes', async () => {
    const { bridge, sync, calls, answerList, answerStatus, seqs, store, tick } = setup();
    sync.open('pending');
    expect(calls('outbox:list')[0]?.input).toEqual({ status: 'pending', limit: 200 });
    expect(calls('notion:status')).toHaveLength(1);
    expect(store.getState().status).toBe('loading');
    await answerList([outboxEvent(1)]);
    await answerStatus();
    expect(store.getState()).toMatchObject({ status: 'ready', notion: notionStatus(), figuresAt: 50_000 });
    tick(300);
    const figures = pushFigures({ depth: 2, pushed: 10 });
    bridge.emit('outbox:changed', { events: [outboxEvent(2), pushed(1)], figures });
    expect(seqs()).toEqual([2]);
    expect(store.getState()).toMatchObject({ figures, figuresAt: 50_300 });
  });

  it('asks for every status when the filter is All', () => {
    const { sync, calls } = setup();
    sync.open(null);
    expect(calls('outbox:list')[0]?.input).toEqual({ limit: 200 });
  });

  it('ignores changes while the view is closed or loading: the reply already has them', async () => {
    const { bridge, sync, answerList, seqs, store } = setup();
    bridge.emit('outbox:changed', { events: [outboxEvent(1)], figures: pushFigures() });
    expect(store.getState().events).toEqual([]);
    sync.open(null);
    bridge.emit('outbox:changed', { events: [outboxEvent(1, { attempts: 1 })], figures: pushFigures({ depth: 99 }) });
    await answerList([pushed(1)], pushFigures({ depth: 0 }));
    expect(store.getState().events[0]?.status).toBe('pushed');
    expect(store.getState().figures?.depth).toBe(0);
    expect(seqs()).toEqual([1]);
  });

  it('drops the reply to a load the filter has moved on from', async () => {
    const { sync, answerList, calls, seqs, store } = setup();
    sync.open(null);
    sync.close();
    sync.open('parked');
    await answerList([parked(9)], pushFigures(), 1);
    await answerList([outboxEvent(1), outboxEvent(2)], pushFigures(), 0);
    expect(calls('outbox:list')).toHaveLength(2);
    expect(seqs()).toEqual([9]);
    expect(store.getState().filter).toBe('parked');
  });

  it('keeps a failed load as an error and applies nothing on it', async () => {
    const { bridge, sync, calls, store } = setup();
    sync.open(null);
    calls('outbox:list')[0]?.answer({ ok: false, error: { code: 'INTERNAL', message: 'outbox unreadable' } });
    await settle();
    bridge.emit('outbox:changed', { events: [outboxEvent(1)], figures: pushFigures() });
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'INTERNAL' }, events: [] });
  });

  it('reloads the outbox and the connection after a reconnect while open, not while closed', async () => {
    const { bridge, sync, calls, answerList } = setup();
    bridge.reconnect();
    expect(calls('outbox:list')).toHaveLength(0);
    sync.open(null);
    await answerList([]);
    bridge.reconnect();
    expect(calls('outbox:list')).toHaveLength(2);
    expect(calls('notion:status')).toHaveLength(2);
    sync.close();
    bridge.reconnect();
    expect(calls('outbox:list')).toHaveLength(2);
  });

  it('refreshes the connection status after changes, at most once an interval', async () => {
    vi.useFakeTimers();
    const { bridge, sync, calls, answerList, answerStatus, store } = setup(1_000);
    sync.open(null);
    await answerList([outboxEvent(1)]);
    await answerStatus();
    const change = (event: OutboxEvent) => bridge.emit('outbox:changed', { events: [event], figures: pushFigures() });
    // Within the interval after the last status: the changes wait for it to end.
    change(outboxEvent(1, { attempts: 1, lastError: 'Notion 500 internal_server_error' }));
    change(outboxEvent(1, { attempts: 2 }));
    expect(calls('notion:status')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls('notion:status')).toHaveLength(2);
    await answerStatus(notionStatus({ lastError: 'Notion 500 internal_server_error' }));
    expect(store.getState().notion?.lastError).toBe('Notion 500 internal_server_error');
    // No change since: nothing more is asked.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls('notion:status')).toHaveLength(2);
    change(pushed(1));
    expect(calls('notion:status')).toHaveLength(3);
    sync.close();
    change(pushed(1));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls('notion:status')).toHaveLength(3);
  });

  it('drops a status reply that belongs to a closed view', async () => {
    const { sync, answerStatus, store } = setup();
    sync.open(null);
    sync.close();
    await answerStatus(notionStatus({ lastError: 'old' }));
    expect(store.getState().notion).toBeNull();
  });
});

// The Audit view's store, feed and words: a load per filter (a stale reply dropped), rows newest
// first with unchanged ones kept, a throttled reload after order changes, a reload after the link
// reconnects while the view is open, and the texts and names.
import { describe, expect, it } from 'vitest';
import { AuditSync } from '../../src-renderer/api/audit-sync';
import { auditCountText, auditFileName, describeAuditError, detailText, isAuditAction, outcomeText } from '../../src-renderer/features/audit/audit-text';
import { createStores } from '../../src-renderer/stores';
import { allAudit, auditQuery, createAuditStore, replaceAudit, startAuditLoad } from '../../src-renderer/stores/audit';
import type { AuditEntry } from '../../src-shared/domain/audit';
import { FakeBridge } from './fake-bridge';

function entry(seq: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return { seq, at: 1_700_000_000_000 + seq, role: 'trader', tokenId: 'desktop', action: 'order.place', target: `HD-${seq}`, outcome: 'ok', detail: {}, ...overrides };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function setup() {
  const bridge = new FakeBridge();
  const store = createStores().audit;
  const feed = new AuditSync(bridge, store, { throttleMs: 50 });
  feed.start();
  const lists = () => bridge.calls.filter((call) => call.channel === 'audit:list');
  const answer = async (entries: AuditEntry[], index = -1) => {
    lists().at(index)?.answer({ ok: true, result: { entries, total: entries.length } });
    await sleep(0);
  };
  const seqs = () => store.getState().entries.map((row) => row.seq);
  return { bridge, store, feed, lists, answer, seqs };
}

describe('the audit store', () => {
  it('asks with only the filters chosen', () => {
    expect(auditQuery(allAudit)).toEqual({});
    expect(auditQuery({ action: 'denied', role: 'viewer' })).toEqual({ action: 'denied', role: 'viewer' });
  });

  it('clears rows of another filter when a load starts, and keeps them on a reload', () => {
    const loaded = replaceAudit(startAuditLoad(createAuditStore().getState(), allAudit), [entry(1)], 1);
    expect(startAuditLoad(loaded, allAudit).entries).toHaveLength(1);
    expect(startAuditLoad(loaded, { action: 'denied', role: null })).toMatchObject({ entries: [], total: 0, status: 'loading' });
  });

  it('orders rows newest first and keeps an unchanged row by reference', () => {
    const first = replaceAudit(startAuditLoad(createAuditStore().getState(), allAudit), [entry(1), entry(3, { outcome: 'pending' })], 2);
    const next = replaceAudit(first, [entry(4), entry(3, { outcome: 'ok' }), entry(1)], 3);
    expect(next.entries.map((row) => row.seq)).toEqual([4, 3, 1]);
    expect(next.entries[2]).toBe(first.entries[1]);
    expect(next.entries[1]).not.toBe(first.entries[0]);
  });
});

describe('AuditSync', () => {
  it('loads for the filter with a limit, and drops the reply of a filter no longer shown', async () => {
    const { feed, lists, answer, seqs, store } = setup();
    feed.open(allAudit);
    feed.open({ action: 'denied', role: null });
    expect(lists().map((call) => call.input)).toEqual([{ limit: 500 }, { action: 'denied', limit: 500 }]);
    await answer([entry(9, { action: 'denied' })]);
    await answer([entry(1), entry(2)], 0);
    expect(seqs()).toEqual([9]);
    expect(store.getState().status).toBe('ready');
  });

  it('reloads once shortly after a burst of order changes, and not once closed', async () => {
    const { bridge, feed, lists, answer } = setup();
    feed.open(allAudit);
    await answer([entry(1)]);
    for (let i = 0; i < 5; i++) bridge.emit('orders:changed', { seq: i, orders: [] });
    expect(lists()).toHaveLength(1);
    await sleep(80);
    expect(lists()).toHaveLength(2);
    feed.close();
    bridge.emit('orders:changed', { seq: 9, orders: [] });
    await sleep(80);
    expect(lists()).toHaveLength(2);
  });

  it('keeps the error of a failed load for the view, and Try again loads the same filter', async () => {
    const { feed, lists, store } = setup();
    feed.open({ action: null, role: 'viewer' });
    lists()[0]?.answer({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } });
    await sleep(0);
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN' } });
    feed.refresh();
    expect(lists()[1]?.input).toEqual({ role: 'viewer', limit: 500 });
  });

  it('reloads the open filter after the link reconnects, keeping its rows meanwhile, and not while closed', async () => {
    const { bridge, feed, lists, answer, seqs, store } = setup();
    bridge.reconnect();
    expect(lists()).toHaveLength(0);
    feed.open({ action: 'order.place', role: null });
    await answer([entry(1)]);
    bridge.reconnect();
    expect(lists().map((call) => call.input)).toEqual([
      { action: 'order.place', limit: 500 },
      { action: 'order.place', limit: 500 },
    ]);
    expect(store.getState()).toMatchObject({ status: 'loading', entries: [{ seq: 1 }] });
    await answer([entry(2), entry(1)]);
    expect(seqs()).toEqual([2, 1]);
    feed.close();
    bridge.reconnect();
    expect(lists()).toHaveLength(2);
  });

  it('hears no more once disposed', async () => {
    const { bridge, feed, lists, answer } = setup();
    feed.open(allAudit);
    await answer([]);
    feed.dispose();
    bridge.reconnect();
    bridge.emit('orders:changed', { seq: 1, orders: [] });
    await sleep(80);
    expect(lists()).toHaveLength(1);
  });

  it('exports the whole trail under the filter in the format asked', () => {
    const { bridge, feed } = setup();
    void feed.export({ action: 'order.place', role: 'trader' }, 'csv');
    expect(bridge.calls.at(-1)).toMatchObject({ channel: 'audit:export', input: { action: 'order.place', role: 'trader', format: 'csv' } });
  });
});

describe('audit texts', () => {
  it('reads the detail as key and value pairs, JSON for what is not a string', () => {
    expect(detailText({ symbol: 'EURUSD', volume: 0.1, changes: { duplicateWindowMs: 4000 } })).toBe('symbol EURUSD · volume 0.1 · changes {"duplicateWindowMs":4000}');
    expect(detailText({})).toBe('');
  });

  it('says a pending outcome was never recorded, and shows codes as they are', () => {
    expect(outcomeText({ outcome: 'pending' })).toBe('pending (no outcome recorded)');
    expect(outcomeText({ outcome: 'FORBIDDEN' })).toBe('FORBIDDEN');
  });

  it('counts rows, names export files without colons, and knows the actions', () => {
    expect(auditCountText(1, 1)).toBe('1 row');
    expect(auditCountText(1234, 500)).toBe('1,234 rows (showing 500)');
    expect(auditFileName('csv', Date.UTC(2025, 2, 1, 14, 2, 11))).toBe('hubdesk-audit-2025-03-01T14-02-11Z.csv');
    expect(auditFileName('json', 0)).toMatch(/\.json$/);
    expect(isAuditAction('order.place')).toBe(true);
    expect(isAuditAction('orders:place')).toBe(false);
  });

  it('explains a refused load by role, not by message', () => {
    expect(describeAuditError({ code: 'FORBIDDEN', message: 'x' }, 'load')).toBe('The audit trail could not be loaded: only a trader may read it.');
    expect(describeAuditError({ code: 'INTERNAL', message: 'disk' }, 'export')).toBe('The audit trail could not be exported (INTERNAL): disk');
  });
});

// The orders projection: upsert by clientOrderId, newest first, and the seq rule that decides
// between applying a delta and taking a new snapshot.
import { describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import { classifyOrdersSeq, emptyOrders, replaceOrders, upsertOrders } from '../../src-renderer/stores/orders';
import { order } from './fixtures';

describe('classifyOrdersSeq', () => {
  it.each([
    { lastSeq: null, seq: 0, verdict: 'gap', why: 'no snapshot yet: nothing to apply a delta to' },
    { lastSeq: 5, seq: 6, verdict: 'apply', why: 'the next delta' },
    { lastSeq: 5, seq: 8, verdict: 'gap', why: 'deltas 6 and 7 were missed: resync' },
    { lastSeq: 5, seq: 5, verdict: 'stale', why: 'already in the snapshot' },
    { lastSeq: 5, seq: 2, verdict: 'stale', why: 'older than the snapshot' },
    { lastSeq: 0, seq: 1, verdict: 'apply', why: 'first delta after an empty snapshot' },
  ] as const)('$lastSeq then $seq is $verdict ($why)', ({ lastSeq, seq, verdict }) => {
    expect(classifyOrdersSeq(lastSeq, seq)).toBe(verdict);
  });
});

describe('replaceOrders', () => {
  it('lists a snapshot newest first and records its seq', () => {
    const state = replaceOrders({
      seq: 9,
      orders: [order('old', { createdAt: 1 }), order('new', { createdAt: 3 }), order('mid', { createdAt: 2 })],
    });
    expect(state.ids).toEqual(['new', 'mid', 'old']);
    expect(state.lastSeq).toBe(9);
    expect(state.byId.get('mid')?.createdAt).toBe(2);
  });
});

describe('upsertOrders', () => {
  const base = replaceOrders({ seq: 1, orders: [order('a', { createdAt: 10 }), order('b', { createdAt: 20 })] });

  it('replaces an order with the same clientOrderId instead of adding a row', () => {
    const next = upsertOrders(base, { seq: 2, orders: [order('a', { createdAt: 10, status: 'filled', filledVolume: 0.1 })] });
    expect(next.ids).toEqual(['b', 'a']);
    expect(next.byId.get('a')?.status).toBe('filled');
    expect(next.lastSeq).toBe(2);
    // Unchanged list, same array: the table does not re-sort or re-render rows for nothing.
    expect(next.ids).toBe(base.ids);
    expect(next.byId.get('b')).toBe(base.byId.get('b'));
  });

  it('puts a new order first', () => {
    const next = upsertOrders(base, { seq: 2, orders: [order('c', { createdAt: 30 })] });
    expect(next.ids).toEqual(['c', 'b', 'a']);
  });

  it('keeps the last of two updates to one order in the same delta', () => {
    const next = upsertOrders(base, {
      seq: 2,
      orders: [order('c', { createdAt: 30, status: 'sent' }), order('c', { createdAt: 30, status: 'working' })],
    });
    expect(next.ids).toEqual(['c', 'b', 'a']);
    expect(next.byId.get('c')?.status).toBe('working');
  });

  it('does not change the state it was given', () => {
    upsertOrders(base, { seq: 2, orders: [order('a', { status: 'canceled' })] });
    expect(base.byId.get('a')?.status).toBe('pending');
    expect(base.lastSeq).toBe(1);
  });

  it('accepts clientOrderIds that are also Object.prototype names', () => {
    const next = upsertOrders(emptyOrders, { seq: 1, orders: [order('__proto__'), order('constructor')] });
    expect(next.ids).toHaveLength(2);
    expect(next.byId.get('__proto__')?.clientOrderId).toBe('__proto__');
  });
});

describe('upsertOrders merges new orders into the sorted list', () => {
  it('gives the same list as sorting everything, whatever order the batches come in', () => {
    let state = replaceOrders({ seq: 0, orders: [] });
    const all: ConsoleOrder[] = [];
    // 40 batches of orders with shuffled creation times, some tied (ties break on the id).
    for (let batch = 0; batch < 40; batch++) {
      const orders = Array.from({ length: 7 }, (_, i) => order(`HD-${batch}-${i}`, { createdAt: ((batch * 7 + i) * 7919) % 113 }));
      all.push(...orders);
      state = upsertOrders(state, { seq: batch + 1, orders });
    }
    const sorted = [...all].sort((a, b) => b.createdAt - a.createdAt || (a.clientOrderId < b.clientOrderId ? 1 : -1)).map((o) => o.clientOrderId);
    expect(state.ids).toEqual(sorted);
    expect(state.ids).toEqual(replaceOrders({ seq: 40, orders: all }).ids);
  });
});

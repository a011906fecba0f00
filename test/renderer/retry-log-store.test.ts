// The retry log's projection: a load replaces it (filtered, newest first, capped), live entries
// upsert by id within the filter and the cap, a final outcome is never undone, and the count
// line's total follows what can be known.
import { describe, expect, it } from 'vitest';
import type { RetryOutcome } from '../../src-shared/domain/retry';
import type { RetryLogFilter, RetryLogState } from '../../src-renderer/stores/retry-log';
import {
  allRetries,
  emptyRetryLog,
  matchesRetryFilter,
  replaceRetryLog,
  retryQuery,
  startRetryLoad,
  upsertRetryEntries,
} from '../../src-renderer/stores/retry-log';
import { retry } from './fixtures';

function loaded(filter: Partial<RetryLogFilter>, entries = [retry(3), retry(2), retry(1)], total = entries.length): RetryLogState {
  return replaceRetryLog(startRetryLoad(emptyRetryLog, { ...allRetries, ...filter }), entries, total);
}

const ids = (state: RetryLogState) => state.entries.map((entry) => entry.id);

describe('matchesRetryFilter and retryQuery', () => {
  it.each([
    [{}, retry(1), true],
    [{ op: 'quotes' }, retry(1), true],
    [{ op: 'ping' }, retry(1), false],
    [{ outcome: 'pending' }, retry(1), true],
    [{ outcome: 'succeeded' }, retry(1), false],
    [{ op: 'ping', outcome: 'gave-up' }, retry(1, { op: 'ping', outcome: 'gave-up' }), true],
  ] as const)('%j matches entry: %#', (filter, entry, expected) => {
    expect(matchesRetryFilter({ ...allRetries, ...filter }, entry)).toBe(expected);
  });

  it('leaves out what is not filtered, so main sees no nulls', () => {
    expect(retryQuery(allRetries)).toEqual({});
    expect(retryQuery({ op: 'ping', outcome: 'gave-up' })).toEqual({ op: 'ping', outcome: 'gave-up' });
  });
});

describe('startRetryLoad and replaceRetryLog', () => {
  it('keeps the rows on a reload of the same filter, drops them for another', () => {
    const state = loaded({});
    expect(ids(startRetryLoad(state, allRetries))).toEqual([3, 2, 1]);
    const other = startRetryLoad(state, { ...allRetries, op: 'ping' });
    expect(other).toMatchObject({ entries: [], total: 0, status: 'loading', filter: { op: 'ping' } });
  });

  it('sorts newest first, drops entries outside the filter and keeps at most the limit', () => {
    const state = loaded({ op: 'quotes', limit: 2 }, [retry(1), retry(5), retry(4, { op: 'ping' }), retry(3)], 40);
    expect(ids(state)).toEqual([5, 3]);
    expect(state).toMatchObject({ total: 40, status: 'ready', error: null });
  });
});

describe('upsertRetryEntries', () => {
  it('puts a new entry first and counts it', () => {
    const next = upsertRetryEntries(loaded({}), [retry(4)]);
    expect(ids(next)).toEqual([4, 3, 2, 1]);
    expect(next.total).toBe(4);
  });

  it('replaces an entry by id without counting it again, keeping the others by reference', () => {
    const before = loaded({});
    const next = upsertRetryEntries(before, [retry(2, { outcome: 'succeeded' })]);
    expect(next.entries[1]?.outcome).toBe('succeeded');
    expect(next.entries[0]).toBe(before.entries[0]);
    expect(next.total).toBe(3);
  });

  it('never takes a final outcome back to pending', () => {
    const before = loaded({}, [retry(2, { outcome: 'gave-up' })]);
    expect(upsertRetryEntries(before, [retry(2, { outcome: 'pending' })])).toBe(before);
  });

  it('ignores new entries outside the filter', () => {
    const before = loaded({ op: 'quotes' });
    expect(upsertRetryEntries(before, [retry(9, { op: 'ping' })])).toBe(before);
  });

  it('drops and uncounts an entry whose outcome leaves the filter', () => {
    const next = upsertRetryEntries(loaded({ outcome: 'pending' }), [retry(3, { outcome: 'succeeded' })]);
    expect(ids(next)).toEqual([2, 1]);
    expect(next.total).toBe(2);
  });

  it('takes in and counts an entry whose outcome enters the filter', () => {
    const before = loaded({ outcome: 'succeeded' }, [retry(5, { outcome: 'succeeded' })]);
    const next = upsertRetryEntries(before, [retry(7, { outcome: 'succeeded' }), retry(6, { outcome: 'pending' })]);
    expect(ids(next)).toEqual([7, 5]);
    expect(next.total).toBe(2);
  });

  it('keeps at most the limit, newest first, counting past it', () => {
    const next = upsertRetryEntries(loaded({ limit: 3 }), [retry(4), retry(5)]);
    expect(ids(next)).toEqual([5, 4, 3]);
    expect(next.total).toBe(5);
  });

  describe('beyond the kept rows (1,000 match, 3 shown)', () => {
    const capped = (outcome: RetryOutcome | null = null) =>
      loaded({ limit: 3, outcome }, [900, 901, 902].map((id) => retry(id, outcome ? { outcome } : {})), 1_000);

    it('does not show or count again an update of an entry it never showed', () => {
      const before = capped();
      expect(upsertRetryEntries(before, [retry(12, { outcome: 'succeeded' })])).toBe(before);
    });

    it('counts an old entry that entered an outcome filter, without showing it', () => {
      const next = upsertRetryEntries(capped('gave-up'), [retry(12, { outcome: 'gave-up' })]);
      expect(ids(next)).toEqual([902, 901, 900]);
      expect(next.total).toBe(1_001);
    });

    it('uncounts an old entry that left the pending filter', () => {
      const next = upsertRetryEntries(capped('pending'), [retry(12, { outcome: 'succeeded' })]);
      expect(next.total).toBe(999);
    });

    it('still puts a new entry first and counts it', () => {
      const next = upsertRetryEntries(capped(), [retry(903)]);
      expect(ids(next)).toEqual([903, 902, 901]);
      expect(next.total).toBe(1_001);
    });
  });
});

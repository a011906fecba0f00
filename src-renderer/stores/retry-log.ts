// The renderer's projection of the retry log: the newest entries matching the view's filter, at
// most `limit`, and how many match in all. Pure updates; api/retry-log-sync.ts is the only writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { RetryEntry, RetryFilter, RetryOutcome } from '../../src-shared/domain/retry';
import type { ErrorData } from '../../src-shared/ipc/errors';

/** Rows the view asks for and keeps: enough for support to read, few enough to render at once. */
export const RETRY_LOG_LIMIT = 500;

export interface RetryLogFilter {
  /** null: every operation. */
  readonly op: string | null;
  /** null: every outcome. */
  readonly outcome: RetryOutcome | null;
  readonly limit: number;
}

/** `idle`: the view is closed, so live entries are not applied. */
export type RetryLogStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RetryLogState {
  readonly filter: RetryLogFilter;
  /** Newest (highest id) first, all matching the filter, at most filter.limit. */
  readonly entries: readonly RetryEntry[];
  /** How many entries match the filter in the whole log, shown or not. */
  readonly total: number;
  readonly status: RetryLogStatus;
  readonly error: ErrorData | null;
}

export const allRetries: RetryLogFilter = { op: null, outcome: null, limit: RETRY_LOG_LIMIT };

export const emptyRetryLog: RetryLogState = { filter: allRetries, entries: [], total: 0, status: 'idle', error: null };

export function sameRetryFilter(a: RetryLogFilter, b: RetryLogFilter): boolean {
  return a.op === b.op && a.outcome === b.outcome && a.limit === b.limit;
}

/** The filter as the contract takes it, without a limit: retries:list adds one, retries:csv not. */
export function retryQuery(filter: Pick<RetryLogFilter, 'op' | 'outcome'>): RetryFilter {
  return { ...(filter.op !== null ? { op: filter.op } : {}), ...(filter.outcome !== null ? { outcome: filter.outcome } : {}) };
}

export function matchesRetryFilter(filter: RetryLogFilter, entry: RetryEntry): boolean {
  return (filter.op === null || entry.op === filter.op) && (filter.outcome === null || entry.outcome === filter.outcome);
}

/** An outcome, once final, is the call's fate: a late event saying `pending` must not undo it. */
function isRegression(current: RetryEntry, next: RetryEntry): boolean {
  return current.outcome !== 'pending' && next.outcome === 'pending';
}

const newestFirst = (a: RetryEntry, b: RetryEntry) => b.id - a.id;

/** A load starts: rows of another filter would mislead, so they go; a reload keeps them meanwhile. */
export function startRetryLoad(state: RetryLogState, filter: RetryLogFilter): RetryLogState {
  if (sameRetryFilter(state.filter, filter)) return { ...state, status: 'loading', error: null };
  return { filter, entries: [], total: 0, status: 'loading', error: null };
}

/** A retries:list reply replaces the rows whole. */
export function replaceRetryLog(state: RetryLogState, entries: readonly RetryEntry[], total: number): RetryLogState {
  const shown = entries
    .filter((entry) => matchesRetryFilter(state.filter, entry))
    .sort(newestFirst)
    .slice(0, state.filter.limit);
  return { ...state, entries: shown, total: Math.max(total, shown.length), status: 'ready', error: null };
}

export function failRetryLoad(state: RetryLogState, error: ErrorData): RetryLogState {
  return { ...state, status: 'error', error };
}

export function closeRetryLog(state: RetryLogState): RetryLogState {
  return state.status === 'idle' ? state : { ...state, status: 'idle' };
}

/**
 * Live entries (retries:changed), upserted by id. The total follows what can be known: a new id
 * counts once; an entry leaving the filter (its outcome moved on) is dropped and uncounted; an
 * update of an entry beyond the kept rows changes the total only when its outcome moved it into or
 * out of the filter. Unchanged entries keep their reference, so their rows do not re-render.
 */
export function upsertRetryEntries(state: RetryLogState, incoming: readonly RetryEntry[]): RetryLogState {
  const { filter } = state;
  const byId = new Map(state.entries.map((entry) => [entry.id, entry] as const));
  let total = state.total;
  let changed = false;
  for (const entry of incoming) {
    const current = byId.get(entry.id);
    const matches = matchesRetryFilter(filter, entry);
    if (current) {
      if (isRegression(current, entry)) continue;
      changed = true;
      if (matches) byId.set(entry.id, entry);
      else {
        byId.delete(entry.id);
        total--;
      }
      continue;
    }
    // While the rows are not all the matches, ids below the lowest row may be entries never seen.
    const beyondKept = byId.size < total && entry.id < Math.min(...byId.keys());
    // An outcome filter other than pending is entered only by an outcome becoming final.
    const entersByOutcome = filter.outcome !== null && filter.outcome !== 'pending' && entry.outcome === filter.outcome;
    // A pending-only filter is left only by an outcome becoming final.
    const leavesPending =
      filter.outcome === 'pending' && entry.outcome !== 'pending' && (filter.op === null || entry.op === filter.op);
    if (!beyondKept) {
      if (!matches) continue;
      byId.set(entry.id, entry);
      total++;
      changed = true;
    } else if (matches && entersByOutcome) {
      total++;
      changed = true;
    } else if (leavesPending) {
      total--;
      changed = true;
    }
  }
  if (!changed) return state;
  const entries = [...byId.values()].sort(newestFirst).slice(0, filter.limit);
  return { ...state, entries, total: Math.max(total, entries.length) };
}

export function createRetryLogStore(): StoreApi<RetryLogState> {
  return createStore<RetryLogState>()(() => emptyRetryLog);
}

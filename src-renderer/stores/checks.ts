// The renderer's projection of the duplicate-order checks: main's counters (snapshot, then
// checks:changed) and the state of the last Verify against hub. Pure updates; api/ is the writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { DuplicateSummary, VerifyResult } from '../../src-shared/domain/checks';
import type { ErrorData } from '../../src-shared/ipc/errors';

/**
 * A Verify against hub run. `failed`: the call itself failed (no answer, refused); a verify that
 * ran and found problems, or could not reach the hub, is a `done` result with pass false.
 */
export type VerifyRun =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly startedAt: number }
  | { readonly kind: 'done'; readonly result: VerifyResult }
  | { readonly kind: 'failed'; readonly error: ErrorData };

export interface ChecksState {
  /** null until the first snapshot. */
  readonly summary: DuplicateSummary | null;
  readonly run: VerifyRun;
}

export const emptyChecks: ChecksState = { summary: null, run: { kind: 'idle' } };

/** The summary carries the whole picture (snapshot or checks:changed), so it replaces. */
export function replaceSummary(state: ChecksState, summary: DuplicateSummary): ChecksState {
  return { ...state, summary };
}

export function startVerify(state: ChecksState, now: number): ChecksState {
  return { ...state, run: { kind: 'running', startedAt: now } };
}

export function finishVerify(state: ChecksState, result: VerifyResult): ChecksState {
  return { ...state, run: { kind: 'done', result } };
}

export function failVerify(state: ChecksState, error: ErrorData): ChecksState {
  return { ...state, run: { kind: 'failed', error } };
}

/**
 * The verify result to show: this window's own run or the summary's lastVerify (another window's,
 * or one from before a reload), whichever is newer.
 */
export function shownVerify(state: ChecksState): VerifyResult | null {
  const own = state.run.kind === 'done' ? state.run.result : null;
  const last = state.summary?.lastVerify ?? null;
  if (!own) return last;
  if (!last) return own;
  return last.at > own.at ? last : own;
}

/** Whether start-up reconciliation holds new orders back; unknown (no snapshot yet) is not. */
export function isReconciling(state: ChecksState): boolean {
  return state.summary?.reconciling ?? false;
}

export function createChecksStore(): StoreApi<ChecksState> {
  return createStore<ChecksState>()(() => emptyChecks);
}

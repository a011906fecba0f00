// The renderer's projection of the settings gate: the settings in force (with the reviewer and what
// waits for a restart), the change history, who is acting, and the last decision asked for. Pure
// updates; the writers are api/settings-sync.ts (state, history) and api/settings-commands.ts.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AlertRuleId } from '../../src-shared/domain/alerts';
import type { ChangeRecord } from '../../src-shared/domain/settings';
import type { EventPayload, SettingsState } from '../../src-shared/ipc/contract';
import type { ErrorData } from '../../src-shared/ipc/errors';

/** Records asked for on load and kept; a held one is kept beyond it (it waits for a decision). */
export const SETTINGS_HISTORY_LIMIT = 100;

export type SettingsAction = 'propose' | 'confirm' | 'rejectHeld' | 'rollback';

/** A decision on its way: which, and the record it is about (null for a new proposal). */
export interface PendingAction {
  readonly action: SettingsAction;
  readonly id: number | null;
}

/** What the last decision came to: main's record, or why there is none. */
export type GateOutcome =
  | { readonly action: SettingsAction; readonly record: ChangeRecord }
  | { readonly action: SettingsAction; readonly id: number | null; readonly error: ErrorData };

export interface SettingsStoreState {
  readonly status: 'loading' | 'ready' | 'error';
  /** Why the last load failed; null otherwise. */
  readonly error: ErrorData | null;
  /** null until settings:get answered (or a settings:changed arrived). */
  readonly current: SettingsState | null;
  /** Newest first (by id). */
  readonly records: readonly ChangeRecord[];
  /** Who is acting, as typed (trimmed when sent). Not authentication. */
  readonly author: string;
  readonly pending: PendingAction | null;
  readonly outcome: GateOutcome | null;
}

export const emptySettings: SettingsStoreState = {
  status: 'loading',
  error: null,
  current: null,
  records: [],
  author: '',
  pending: null,
  outcome: null,
};

function listed(byId: ReadonlyMap<number, ChangeRecord>): readonly ChangeRecord[] {
  const sorted = [...byId.values()].sort((a, b) => b.id - a.id);
  return sorted.filter((record, index) => index < SETTINGS_HISTORY_LIMIT || record.status === 'held');
}

export function replaceSettings(state: SettingsStoreState, current: SettingsState): SettingsStoreState {
  return { ...state, current };
}

/** A settings:history reply replaces the records whole. */
export function replaceHistory(state: SettingsStoreState, records: readonly ChangeRecord[]): SettingsStoreState {
  return { ...state, records: listed(new Map(records.map((record) => [record.id, record] as const))), status: 'ready', error: null };
}

export function failSettingsLoad(state: SettingsStoreState, error: ErrorData): SettingsStoreState {
  return { ...state, status: 'error', error };
}

/** A record is upserted by id: a held one comes back confirmed or rejected under the same id. */
export function upsertRecord(state: SettingsStoreState, record: ChangeRecord): SettingsStoreState {
  const byId = new Map(state.records.map((current) => [current.id, current] as const));
  byId.set(record.id, record);
  return { ...state, records: listed(byId) };
}

/** settings:changed: the settings then in force replace the ones held, and the record is upserted. */
export function receiveChanged(state: SettingsStoreState, payload: EventPayload<'settings:changed'>): SettingsStoreState {
  return upsertRecord({ ...state, current: payload.state }, payload.record);
}

export function setAuthor(state: SettingsStoreState, author: string): SettingsStoreState {
  return { ...state, author };
}

/** The name to send, or null while none is set. */
export function authorName(state: Pick<SettingsStoreState, 'author'>): string | null {
  const name = state.author.trim();
  return name === '' ? null : name;
}

export function startAction(state: SettingsStoreState, pending: PendingAction): SettingsStoreState {
  return { ...state, pending };
}

export function finishAction(state: SettingsStoreState, action: SettingsAction, record: ChangeRecord): SettingsStoreState {
  return { ...upsertRecord(state, record), pending: null, outcome: { action, record } };
}

export function failAction(state: SettingsStoreState, action: SettingsAction, id: number | null, error: ErrorData): SettingsStoreState {
  return { ...state, pending: null, outcome: { action, id, error } };
}

/** Compares names as main does: trimmed, ignoring case. */
export function samePerson(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * The held record an alert threshold edit became: the newest held change by `author` that sets
 * this rule to this threshold. Main's CHANGE_HELD error carries no id of its own.
 */
export function heldThresholdChange(
  records: readonly ChangeRecord[],
  change: { author: string; rule: AlertRuleId; threshold: number },
): number | null {
  const held = records.find(
    (record) => record.status === 'held' && samePerson(record.author, change.author) && record.changes.alertThresholds?.[change.rule] === change.threshold,
  );
  return held?.id ?? null;
}

export function createSettingsStore(): StoreApi<SettingsStoreState> {
  return createStore<SettingsStoreState>()(() => emptySettings);
}

// The renderer's projection of alerting: the alert events (firing first, then newest first), the
// rules with their thresholds, and each rule's save in progress, refusal or hold. Pure updates; the
// writers are api/health-sync.ts (events, rules), api/alert-rules.ts (one rule's save) and
// api/settings-sync.ts (thresholds a settings change put in force).
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AlertEvent, AlertRule, AlertRuleId } from '../../src-shared/domain/alerts';
import type { ErrorData } from '../../src-shared/ipc/errors';

/** Events asked for on load and kept: the firing ones are kept beyond it, whatever their age. */
export const ALERT_HISTORY_LIMIT = 200;

export type AlertsStatus = 'loading' | 'ready' | 'error';

export interface AlertsState {
  /** Firing first, then by firedAt newest first (id breaks ties). */
  readonly events: readonly AlertEvent[];
  /** How many of `events` are firing: the nav badge's figure. */
  readonly firing: number;
  readonly status: AlertsStatus;
  /** Why the last events load failed; null otherwise. */
  readonly error: ErrorData | null;
  /** null until alerts:rules answered. */
  readonly rules: readonly AlertRule[] | null;
  /** Rules with a save on its way. */
  readonly saving: ReadonlySet<AlertRuleId>;
  /** Why a rule's last save was refused; cleared by its next save. */
  readonly ruleErrors: ReadonlyMap<AlertRuleId, ErrorData>;
  /** A rule whose last threshold save the settings gate held: the change's id (null if not found). */
  readonly ruleHeld: ReadonlyMap<AlertRuleId, number | null>;
}

export const emptyAlerts: AlertsState = {
  events: [],
  firing: 0,
  status: 'loading',
  error: null,
  rules: null,
  saving: new Set(),
  ruleErrors: new Map(),
  ruleHeld: new Map(),
};

export function isFiring(event: Pick<AlertEvent, 'resolvedAt'>): boolean {
  return event.resolvedAt === null;
}

function shownOrder(a: AlertEvent, b: AlertEvent): number {
  const firing = Number(isFiring(b)) - Number(isFiring(a));
  return firing || b.firedAt - a.firedAt || b.id - a.id;
}

/** Sorted and trimmed to the limit; a firing event is never trimmed away. */
function listed(byId: ReadonlyMap<number, AlertEvent>): Pick<AlertsState, 'events' | 'firing'> {
  const sorted = [...byId.values()].sort(shownOrder);
  const firing = sorted.filter(isFiring).length;
  return { events: sorted.slice(0, Math.max(ALERT_HISTORY_LIMIT, firing)), firing };
}

/** An alerts:list reply replaces the events whole. */
export function replaceAlerts(state: AlertsState, events: readonly AlertEvent[]): AlertsState {
  return { ...state, ...listed(new Map(events.map((event) => [event.id, event] as const))), status: 'ready', error: null };
}

export function failAlertsLoad(state: AlertsState, error: ErrorData): AlertsState {
  return { ...state, status: 'error', error };
}

/**
 * Fired and resolved events (alerts:changed), upserted by id. A resolution is final: a late
 * message saying the same event fires again is ignored.
 */
export function upsertAlerts(state: AlertsState, incoming: readonly AlertEvent[]): AlertsState {
  const byId = new Map(state.events.map((event) => [event.id, event] as const));
  let changed = false;
  for (const event of incoming) {
    const current = byId.get(event.id);
    if (current && !isFiring(current) && isFiring(event)) continue;
    byId.set(event.id, event);
    changed = true;
  }
  return changed ? { ...state, ...listed(byId) } : state;
}

export function replaceRules(state: AlertsState, rules: readonly AlertRule[]): AlertsState {
  return { ...state, rules };
}

export function startRuleSave(state: AlertsState, id: AlertRuleId): AlertsState {
  const saving = new Set(state.saving).add(id);
  const ruleErrors = new Map(state.ruleErrors);
  ruleErrors.delete(id);
  const ruleHeld = new Map(state.ruleHeld);
  ruleHeld.delete(id);
  return { ...state, saving, ruleErrors, ruleHeld };
}

/** Main's answer is the rule now: it replaces the one listed (or joins the list). */
export function finishRuleSave(state: AlertsState, rule: AlertRule): AlertsState {
  const saving = new Set(state.saving);
  saving.delete(rule.id);
  const rules = state.rules ?? [];
  const known = rules.some((current) => current.id === rule.id);
  return { ...state, saving, rules: known ? rules.map((current) => (current.id === rule.id ? rule : current)) : [...rules, rule] };
}

export function failRuleSave(state: AlertsState, id: AlertRuleId, error: ErrorData): AlertsState {
  const saving = new Set(state.saving);
  saving.delete(id);
  return { ...state, saving, ruleErrors: new Map(state.ruleErrors).set(id, error) };
}

/** The gate held the threshold for a second person: nothing changed yet, and it is no error. */
export function holdRuleSave(state: AlertsState, id: AlertRuleId, changeId: number | null): AlertsState {
  const saving = new Set(state.saving);
  saving.delete(id);
  return { ...state, saving, ruleHeld: new Map(state.ruleHeld).set(id, changeId) };
}

/**
 * Thresholds a settings change put in force (a confirmed hold, a rollback, another window's edit):
 * alerts:rules is loaded only at start, so the rules follow them here. Unknown rules are ignored.
 */
export function applyThresholds(state: AlertsState, thresholds: Partial<Record<AlertRuleId, number>>): AlertsState {
  if (!state.rules) return state;
  let changed = false;
  const rules = state.rules.map((rule) => {
    const threshold = thresholds[rule.id];
    if (threshold === undefined || threshold === rule.threshold) return rule;
    changed = true;
    return { ...rule, threshold };
  });
  return changed ? { ...state, rules } : state;
}

export function ruleOf(state: AlertsState, id: AlertRuleId): AlertRule | undefined {
  return state.rules?.find((rule) => rule.id === id);
}

export function createAlertsStore(): StoreApi<AlertsState> {
  return createStore<AlertsState>()(() => emptyAlerts);
}

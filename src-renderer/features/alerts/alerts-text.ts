// The Alerts view's words: an event's state and figures in its rule's unit, the nav badge, a
// threshold typed into the rules form, and how a refused save reads. Pure; branches on codes.
import { alertRuleDef } from '../../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule, AlertRuleDef } from '../../../src-shared/domain/alerts';
import type { ChangeStatus } from '../../../src-shared/domain/settings';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { formatRuleValue } from '../../components/format';
import { isFiring } from '../../stores/alerts';
import { changeStatusText } from '../settings/settings-text';

export function eventStateText(event: Pick<AlertEvent, 'resolvedAt'>): 'Firing' | 'Resolved' {
  return isFiring(event) ? 'Firing' : 'Resolved';
}

export function eventValueText(event: Pick<AlertEvent, 'rule' | 'value'>): string {
  return formatRuleValue(alertRuleDef(event.rule), event.value);
}

/** The threshold the event crossed, with the side it fires on: "> 5000 ms", "< 99 %". */
export function eventThresholdText(event: Pick<AlertEvent, 'rule' | 'threshold'>): string {
  const def = alertRuleDef(event.rule);
  return `${def.fires === 'above' ? '>' : '<'} ${formatRuleValue(def, event.threshold)}`;
}

/** The nav badge: nothing while none fires. */
export function firingBadgeText(firing: number): string | null {
  return firing > 0 ? `${firing} firing` : null;
}

/** A threshold as typed: a finite number, or null (empty, or not a number). */
export function parseThreshold(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** What the form holds for one rule: null where the user has not touched the rule's value. */
export interface RuleDraft {
  readonly threshold: string | null;
  readonly enabled: boolean | null;
}

export const untouched: RuleDraft = { threshold: null, enabled: null };

/** The change to send: only what differs from the rule; null when nothing does. */
export function ruleChange(rule: AlertRule, draft: RuleDraft): { threshold?: number; enabled?: boolean } | 'invalid' | null {
  const change: { threshold?: number; enabled?: boolean } = {};
  if (draft.threshold !== null) {
    const threshold = parseThreshold(draft.threshold);
    if (threshold === null) return 'invalid';
    if (threshold !== rule.threshold) change.threshold = threshold;
  }
  if (draft.enabled !== null && draft.enabled !== rule.enabled) change.enabled = draft.enabled;
  return Object.keys(change).length > 0 ? change : null;
}

/** What the unit reads as beside a threshold input. */
export function unitText(def: Pick<AlertRuleDef, 'unit'>): string {
  return def.unit === '/s' ? 'per s' : def.unit;
}

export function describeRuleError(error: ErrorData): string {
  switch (error.code) {
    case 'BAD_INPUT':
      return `Not saved: ${error.message}`;
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'Not saved: no answer from the console. Try again once it is reachable.';
    case 'CHANGE_REFUSED':
      return `Not saved: the settings gate refused it: ${error.message}`;
    default:
      return `Not saved (${error.code}): ${error.message}`;
  }
}

/**
 * A threshold the settings gate held for a second person: not an error. `status` is the held
 * change's status as the settings store knows it now (undefined while it does not know it).
 */
export function describeRuleHeld(changeId: number | null, status: ChangeStatus | undefined): string {
  if (changeId === null) return 'Held for confirmation — see Settings';
  if (status === undefined || status === 'held') return `Held for confirmation (change #${changeId}) — see Settings`;
  return `Change #${changeId}: ${changeStatusText(status).toLowerCase()} — see Settings`;
}

export function describeAlertsError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'The alert history could not be loaded: no answer from the console. Retrying…';
    default:
      return `The alert history could not be loaded (${error.code}): ${error.message}. Retrying…`;
  }
}

/** When a breach fires and a recovery resolves: "fires after 3 s · resolves after 10 s back within". */
export function ruleTimingText(def: Pick<AlertRuleDef, 'forMs' | 'clearMs'>): string {
  const after = (ms: number): string => (ms === 0 ? 'at once' : `after ${ms / 1000} s`);
  return `fires ${after(def.forMs)} · resolves ${def.clearMs === 0 ? 'at once' : `after ${def.clearMs / 1000} s back within`}`;
}

// The Health view's words: durations and ages, how a figure stands against its alert rule's
// target, and how a failed history load reads. Pure; the rules' thresholds come from main.
import { alertRuleDef } from '../../../src-shared/domain/alerts';
import type { AlertRule, AlertRuleDef, AlertRuleId } from '../../../src-shared/domain/alerts';
import { RECENT_WINDOW_MS } from '../../../src-shared/domain/health';
import type { HealthNow } from '../../../src-shared/domain/health';
import type { PushFigures } from '../../../src-shared/domain/outbox';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { formatCount, formatRuleValue } from '../../components/format';

/** 4_200 → "4 s", 185_000 → "3 min 5 s", 7_500_000 → "2 h 5 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 ? `${minutes} min ${seconds % 60} s` : `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
}

export function heartbeatText(ageMs: number | null): string {
  return ageMs === null ? 'no heartbeat yet' : `last heartbeat ${Math.round(ageMs / 1000)} s ago`;
}

/**
 * "target < 500 ms" for a rule that fires above, "target > 99 %" for one that fires below; a rule
 * that fires above 0 allows nothing: "target 0 %".
 */
export function targetText(def: Pick<AlertRuleDef, 'fires' | 'unit'>, threshold: number): string {
  if (def.fires === 'above' && threshold === 0) return `target ${formatRuleValue(def, 0)}`;
  return `target ${def.fires === 'above' ? '<' : '>'} ${formatRuleValue(def, threshold)}`;
}

/** `off-target`: on the side of the threshold that fires the rule. `no-data`: nothing measured. */
export type TargetState = 'within' | 'off-target' | 'no-data';

export function targetState(def: Pick<AlertRuleDef, 'fires'>, threshold: number, value: number | null): TargetState {
  if (value === null) return 'no-data';
  const off = def.fires === 'above' ? value > threshold : value < threshold;
  return off ? 'off-target' : 'within';
}

export function targetStateText(def: Pick<AlertRuleDef, 'fires'>, state: TargetState): string {
  switch (state) {
    case 'within':
      return 'within target';
    case 'off-target':
      return def.fires === 'above' ? 'over target' : 'under target';
    case 'no-data':
      return 'no data';
  }
}

/** A figure against its rule's target, ready to show; no target while the rules are unknown. */
export interface TargetView {
  readonly target: string | null;
  readonly state: TargetState;
  readonly stateText: string | null;
}

export function judge(rules: readonly AlertRule[] | null, id: AlertRuleId, value: number | null): TargetView {
  const def = alertRuleDef(id);
  const rule = rules?.find((candidate) => candidate.id === id);
  if (!rule) return { target: null, state: value === null ? 'no-data' : 'within', stateText: null };
  const state = targetState(def, rule.threshold, value);
  return { target: targetText(def, rule.threshold), state, stateText: targetStateText(def, state) };
}

/** The recent latency figure a tile shows, or null when no request ended in the window. */
export function recentLatency(now: HealthNow, key: 'p50' | 'p99' | 'max'): number | null {
  const recent = now.latency.recent;
  return recent.count === 0 ? null : recent[key];
}

export function timeoutsText(timeouts: number): string {
  return `${timeouts} ${timeouts === 1 ? 'timeout' : 'timeouts'} in the last ${RECENT_WINDOW_MS / 1000} s`;
}

/** Shares and counts in the unit their rule measures. */
export function shareAsPercent(share: number | null): number | null {
  return share === null ? null : share * 100;
}

export function msAsSeconds(ms: number | null): number | null {
  return ms === null ? null : ms / 1000;
}

/** The Push success tile against its rule: the delivery rate (pushed ÷ finished); no data without figures. */
export function judgePush(rules: readonly AlertRule[] | null, push: Pick<PushFigures, 'deliveryRate'> | null): TargetView {
  return judge(rules, 'push-success', shareAsPercent(push?.deliveryRate ?? null));
}

/** The Notion outbox's backlog: "2 parked · depth 5". */
export function pushBacklogText(push: Pick<PushFigures, 'parked' | 'depth'>): string {
  return `${formatCount(push.parked)} parked · depth ${formatCount(push.depth)}`;
}

export function oldestPendingText(ageMs: number | null): string {
  return ageMs === null ? 'none pending' : `oldest pending ${formatDuration(ageMs)}`;
}

export function isHubOutage(state: HealthNow['hub']['state']): boolean {
  return state === 'down' || state === 'reconnecting';
}

export function describeHistoryError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'Chart data could not be loaded: no answer from the console. Retrying…';
    default:
      return `Chart data could not be loaded (${error.code}): ${error.message}. Retrying…`;
  }
}

// Alert rule evaluation: what each rule measures in the live health figures, whether it breaches,
// and which alerts fire or resolve. Pure: no clock (the caller passes `now`), no storage, no logging.
import { alertRuleDef } from '../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule, AlertRuleDef, AlertRuleId } from '../../src-shared/domain/alerts';
import type { HealthNow } from '../../src-shared/domain/health';
import { CodedError } from '../../src-shared/ipc/errors';

export interface AlertFire {
  rule: AlertRuleId;
  value: number;
  threshold: number;
  message: string;
}

export interface AlertResolve {
  event: AlertEvent;
  at: number;
}

/** Since when a rule has been breaching, or within its threshold, without a break (null: not now). */
export interface AlertStreak {
  breachSince: number | null;
  clearSince: number | null;
}

export interface AlertEvaluation {
  fire: AlertFire[];
  resolve: AlertResolve[];
  /** Each rule's streaks after this evaluation: the caller passes them to the next one. */
  streaks: Map<AlertRuleId, AlertStreak>;
}

export interface AlertEvaluationInput {
  rules: AlertRule[];
  health: HealthNow;
  /** The firing event of each rule, if any. */
  open: ReadonlyMap<AlertRuleId, AlertEvent>;
  /** From the previous evaluation; absent: none yet (a rule with forMs 0 still fires at once). */
  streaks?: ReadonlyMap<AlertRuleId, AlertStreak>;
  now: number;
}

export interface AlertRuleChange {
  threshold?: number;
  enabled?: boolean;
}

const percent = (share: number | null): number | null => (share === null ? null : share * 100);

/** The rule's figure in its unit; null when there is nothing to measure (no data yet). */
export function measure(id: AlertRuleId, health: HealthNow): number | null {
  switch (id) {
    case 'duplicate-rate':
      return percent(health.duplicateRate);
    case 'p99':
      return health.latency.recent.count === 0 ? null : health.latency.recent.p99;
    case 'p50':
      return health.latency.recent.count === 0 ? null : health.latency.recent.p50;
    case 'push-success':
      return percent(health.pushSuccessRate);
    case 'throughput':
      return health.throughput.requestsPerSec;
    case 'availability':
      return percent(health.availability['1h']);
    case 'hub-down':
      // A usable hub has no outage: zero seconds down, which is a measurement, not missing data.
      return (health.hub.downForMs ?? 0) / 1000;
    case 'unknown-order':
      return (health.unknownOrders.oldestAgeMs ?? 0) / 1000;
  }
}

export function breaches(def: Pick<AlertRuleDef, 'fires'>, value: number, threshold: number): boolean {
  return def.fires === 'above' ? value > threshold : value < threshold;
}

const BASE_DECIMALS: Record<AlertRuleDef['unit'], number> = { ms: 0, s: 0, '%': 1, '/s': 1 };

function withUnit(text: string, unit: AlertRuleDef['unit']): string {
  return unit === '/s' ? `${text}/s` : `${text} ${unit}`;
}

function rounded(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/**
 * "P99 latency 5512 ms over 5000 ms". The value gets more decimals only when its usual rounding
 * would read the same as the threshold (98.96 % under 99 %, not "99 % under 99 %").
 */
export function alertMessage(def: AlertRuleDef, value: number, threshold: number): string {
  // Sub-10 ms latencies keep their microseconds: "0.6 ms", not "1 ms".
  const base = def.unit === 'ms' && Math.abs(value) < 10 ? 3 : BASE_DECIMALS[def.unit];
  const limit = rounded(threshold, Math.max(base, 6));
  let decimals = base;
  while (decimals < 6 && rounded(value, decimals) === limit) decimals++;
  const direction = def.fires === 'above' ? 'over' : 'under';
  return `${def.label} ${withUnit(rounded(value, decimals), def.unit)} ${direction} ${withUnit(limit, def.unit)}`;
}

/**
 * Fires a rule that is enabled and has been breaching for its forMs, with no open event; resolves an
 * open event whose rule is disabled (or gone), or whose figure has been back within the threshold
 * for its clearMs. No data neither fires nor resolves, nor breaks a streak: an outage of the
 * figures is not a recovery. A disabled rule keeps no streak, so one switched back on waits its forMs.
 */
export function evaluateAlerts(input: AlertEvaluationInput): AlertEvaluation {
  const fire: AlertFire[] = [];
  const resolve: AlertResolve[] = [];
  const streaks = new Map<AlertRuleId, AlertStreak>();
  const ruled = new Set<AlertRuleId>();
  const { now } = input;
  for (const rule of input.rules) {
    ruled.add(rule.id);
    const def = alertRuleDef(rule.id);
    const value = measure(rule.id, input.health);
    const breaching = value !== null && breaches(def, value, rule.threshold);
    const clear = value !== null && !breaching;
    const before = rule.enabled ? input.streaks?.get(rule.id) : undefined;
    // No data breaks neither streak's start: it is neither a breach nor a recovery.
    const streak: AlertStreak = {
      breachSince: breaching ? (before?.breachSince ?? now) : value === null ? (before?.breachSince ?? null) : null,
      clearSince: clear ? (before?.clearSince ?? now) : value === null ? (before?.clearSince ?? null) : null,
    };
    if (rule.enabled) streaks.set(rule.id, streak);
    const open = input.open.get(rule.id);
    if (open) {
      const recovered = clear && streak.clearSince !== null && now - streak.clearSince >= def.clearMs;
      if (!rule.enabled || recovered) resolve.push({ event: open, at: now });
    } else if (rule.enabled && breaching && streak.breachSince !== null && now - streak.breachSince >= def.forMs) {
      fire.push({ rule: rule.id, value, threshold: rule.threshold, message: alertMessage(def, value, rule.threshold) });
    }
  }
  for (const [id, event] of input.open) {
    if (!ruled.has(id)) resolve.push({ event, at: now });
  }
  return { fire, resolve, streaks };
}

function plain(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** The rule with the change applied; BAD_INPUT (and nothing applied) for a threshold out of range. */
export function validateRuleChange(rule: AlertRule, change: AlertRuleChange): AlertRule {
  const def = alertRuleDef(rule.id);
  const { threshold, enabled } = change;
  if (threshold !== undefined && (!Number.isFinite(threshold) || threshold < def.min || threshold > def.max)) {
    const message = `${def.label} threshold must be between ${withUnit(`${plain(def.min)} and ${plain(def.max)}`, def.unit)}, got ${plain(threshold)}`;
    throw new CodedError('BAD_INPUT', message, { fields: { threshold: message } });
  }
  return {
    id: rule.id,
    enabled: enabled ?? rule.enabled,
    threshold: threshold ?? rule.threshold,
  };
}

// The gate's built-in rules, pure: which setting changes are refused (they would let the console give
// up before the hub, exceed the hub's retry limits, retry orders, drop the duplicate check silently),
// warned about or noted. No I/O, no clock; the gate records what these return.
import { ALERT_RULES } from '../../src-shared/domain/alerts';
import { IDEMPOTENT_OPERATIONS } from '../../src-shared/domain/retry';
import { SETTING_KEYS, completeThresholds } from '../../src-shared/domain/settings';
import type { GateFinding, ReviewableSettings, SettingKey } from '../../src-shared/domain/settings';
import type { HubInfo } from '../../src-shared/ipc/contract';

export type HubTiming = Pick<HubInfo, 'requestTimeoutMs' | 'maxRetries' | 'maxBackoffMs'>;
export type Changes = Partial<ReviewableSettings>;

/** The console's behaviour when nothing was ever changed: follow the hub, protocol-default limits. */
export const DEFAULT_SETTINGS: ReviewableSettings = {
  hubAddress: null,
  requestTimeoutMs: null,
  maxRetries: 10,
  maxBackoffMs: 2000,
  retryOps: [...IDEMPOTENT_OPERATIONS],
  duplicateWindowMs: 3000,
  alertThresholds: completeThresholds({}),
};

/** The same bounds config.ts enforces at start: a value outside would stop the console starting. */
export const LIMITS = { requestTimeoutMs: 600_000, duplicateWindowMs: 3_600_000 } as const;
export const MIN_REASON_TO_DISABLE_DUPLICATE_CHECK = 10;

const HUB_ADDRESS = /^tcp:\/\/[A-Za-z0-9.\-[\]:]+:(\d{1,5})$/;
const IDEMPOTENT: ReadonlySet<string> = new Set(IDEMPOTENT_OPERATIONS);

/** Thresholds complete, retryOps without repeats and in a stable order, so equal means equal. */
export function normalizeSettings(settings: ReviewableSettings): ReviewableSettings {
  const ops = [...new Set(settings.retryOps)];
  const known = IDEMPOTENT_OPERATIONS.filter((op) => ops.includes(op));
  const others = ops.filter((op) => !IDEMPOTENT.has(op)).sort();
  return { ...settings, retryOps: [...known, ...others], alertThresholds: completeThresholds(settings.alertThresholds) };
}

function sameOps(a: readonly string[], b: readonly string[]): boolean {
  const setA = new Set(a);
  const setB = new Set(b);
  return setA.size === setB.size && [...setA].every((op) => setB.has(op));
}

/** The proposed changes that actually differ from `current`; thresholds compared per rule. */
export function effectiveChanges(current: ReviewableSettings, proposed: Changes): Changes {
  const changes: Changes = {};
  for (const key of SETTING_KEYS) {
    if (proposed[key] === undefined) continue;
    if (key === 'alertThresholds') {
      const differing = Object.entries(proposed.alertThresholds ?? {}).filter(
        ([id, value]) => current.alertThresholds[id as keyof ReviewableSettings['alertThresholds']] !== value,
      );
      if (differing.length > 0) changes.alertThresholds = Object.fromEntries(differing);
    } else if (key === 'retryOps') {
      if (!sameOps(current.retryOps, proposed.retryOps ?? [])) changes.retryOps = [...new Set(proposed.retryOps)];
    } else if (proposed[key] !== current[key]) {
      Object.assign(changes, { [key]: proposed[key] });
    }
  }
  return changes;
}

/** `current` with `changes` applied; thresholds merged per rule. */
export function mergeChanges(current: ReviewableSettings, changes: Changes): ReviewableSettings {
  return normalizeSettings({ ...current, ...changes, alertThresholds: { ...current.alertThresholds, ...changes.alertThresholds } });
}

/** The change that turns `current` into `target` (every differing setting, thresholds included). */
export function changesToReach(current: ReviewableSettings, target: ReviewableSettings): Changes {
  return effectiveChanges(current, normalizeSettings(target));
}

export function changedKeys(changes: Changes): SettingKey[] {
  return SETTING_KEYS.filter((key) => changes[key] !== undefined);
}

export interface RuleInput {
  current: ReviewableSettings;
  /** Effective changes (see effectiveChanges). */
  changes: Changes;
  reason: string;
  /** The hub's timing from its hello; null when the console has not been answered yet. */
  hub: HubTiming | null;
}

type Rule = (input: RuleInput) => GateFinding[];

const finding = (rule: string, severity: GateFinding['severity'], message: string): GateFinding => ({ source: 'rule', rule, severity, message });

const HUB_UNKNOWN = 'hub timing unknown: connect first';

const nothingToChange: Rule = ({ changes }) =>
  changedKeys(changes).length === 0 ? [finding('empty-change', 'refuse', 'nothing to change: every proposed value is already in force')] : [];

const requestTimeout: Rule = ({ changes, hub }) => {
  const ms = changes.requestTimeoutMs;
  if (ms === undefined) return [];
  if (ms === null) return [finding('timeout-follows-hub', 'info', "the per-attempt timeout will follow the hub's requestTimeoutMs plus a grace")];
  if (ms > LIMITS.requestTimeoutMs) return [finding('timeout-range', 'refuse', `the per-attempt timeout ${ms} ms is over the maximum of ${LIMITS.requestTimeoutMs} ms`)];
  if (!hub) return [finding('hub-timing-unknown', 'refuse', `requestTimeoutMs: ${HUB_UNKNOWN}`)];
  const hubMs = hub.requestTimeoutMs;
  if (ms < hubMs) {
    return [
      finding(
        'timeout-below-hub',
        'refuse',
        `the per-attempt timeout ${ms} ms is below the hub's requestTimeoutMs ${hubMs} ms: the console would give up on requests the hub may still execute, ` +
          `so an order reported failed could be filled. Use at least ${hubMs} ms, or follow the hub.`,
      ),
    ];
  }
  if (ms > 2 * hubMs) {
    return [finding('timeout-over-twice-hub', 'warn', `the per-attempt timeout ${ms} ms is over twice the hub's requestTimeoutMs ${hubMs} ms: the console keeps waiting long after the hub gave up, delaying traders and retries`)];
  }
  return [];
};

function atMostHub(key: 'maxRetries' | 'maxBackoffMs', unit: string): Rule {
  return ({ changes, hub }) => {
    const value = changes[key];
    if (value === undefined) return [];
    if (!hub) return [finding('hub-timing-unknown', 'refuse', `${key}: ${HUB_UNKNOWN}`)];
    if (value > hub[key]) return [finding(`${key === 'maxRetries' ? 'retries' : 'backoff'}-above-hub`, 'refuse', `${key} ${value}${unit} is above the hub's ${key} ${hub[key]}${unit}: the hub allows no more`)];
    return [];
  };
}

const retryOps: Rule = ({ changes }) => {
  if (changes.retryOps === undefined) return [];
  const found: GateFinding[] = [];
  if (changes.retryOps.includes('placeOrder')) {
    found.push(finding('retry-place-order', 'refuse', 'placeOrder can never be retried: retrying an order after a timeout is how orders execute twice'));
  }
  const others = changes.retryOps.filter((op) => op !== 'placeOrder' && !IDEMPOTENT.has(op));
  if (others.length > 0) {
    found.push(finding('retry-not-idempotent', 'refuse', `only idempotent operations may be retried (${IDEMPOTENT_OPERATIONS.join(', ')}); not: ${others.join(', ')}`));
  }
  return found;
};

const duplicateWindow: Rule = ({ changes, reason }) => {
  const ms = changes.duplicateWindowMs;
  if (ms === undefined) return [];
  if (ms > LIMITS.duplicateWindowMs) return [finding('duplicate-window-range', 'refuse', `the duplicate-check window ${ms} ms is over the maximum of ${LIMITS.duplicateWindowMs} ms`)];
  if (ms !== 0) return [];
  if (reason.trim().length < MIN_REASON_TO_DISABLE_DUPLICATE_CHECK) {
    return [finding('duplicate-check-off-no-reason', 'refuse', `a window of 0 turns the duplicate-order check off: write why (at least ${MIN_REASON_TO_DISABLE_DUPLICATE_CHECK} characters)`)];
  }
  return [finding('duplicate-check-off', 'warn', 'the duplicate-order check will be off: a repeated order is sent without being held')];
};

const hubAddress: Rule = ({ current, changes }) => {
  const address = changes.hubAddress;
  if (address === undefined) return [];
  if (address === null) return [finding('embedded-hub', 'info', 'the console will start its embedded simulated hub')];
  const port = HUB_ADDRESS.exec(address)?.[1];
  if (port === undefined || Number(port) < 1 || Number(port) > 65535) {
    return [finding('hub-address-format', 'refuse', `hub address ${JSON.stringify(address)} must look like tcp://HOST:PORT (port 1-65535)`)];
  }
  const timeout = changes.requestTimeoutMs !== undefined ? changes.requestTimeoutMs : current.requestTimeoutMs;
  if (timeout === null) return [];
  return [finding('new-hub-timing', 'warn', "the timeout was checked against the current hub's hello; the new hub's is checked again when it answers, and a shorter hub deadline makes the console refuse it")];
};

const alertThresholds: Rule = ({ changes }) =>
  ALERT_RULES.flatMap((def) => {
    const value = changes.alertThresholds?.[def.id];
    if (value === undefined || (value >= def.min && value <= def.max)) return [];
    return [finding('alert-threshold-range', 'refuse', `${def.label} threshold must be between ${def.min} and ${def.max} ${def.unit}, got ${value}`)];
  });

/** Applied in this order; each looks only at the settings being changed. */
export const GATE_RULES: readonly Rule[] = [
  nothingToChange,
  hubAddress,
  requestTimeout,
  atMostHub('maxRetries', ''),
  atMostHub('maxBackoffMs', ' ms'),
  retryOps,
  duplicateWindow,
  alertThresholds,
];

/** Every finding of the built-in rules for this change. */
export function evaluateChange(input: RuleInput): GateFinding[] {
  return GATE_RULES.flatMap((rule) => rule(input));
}

export function isRefused(findings: readonly GateFinding[]): boolean {
  return findings.some((found) => found.severity === 'refuse');
}

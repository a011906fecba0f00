// The settings gate's built-in rules, pure and table-driven: what is refused (a timeout below the
// hub's, limits above the hub's, retried orders, a silent duplicate-check switch-off, bad addresses,
// thresholds out of range, empty changes), what is warned about, and how changes are computed.
import { describe, expect, it } from 'vitest';
import type { GateFinding } from '../../src-shared/domain/settings';
import {
  DEFAULT_SETTINGS,
  changesToReach,
  effectiveChanges,
  evaluateChange,
  isRefused,
  mergeChanges,
  normalizeSettings,
} from '../../src-main/settings/gate-rules';
import type { Changes, HubTiming } from '../../src-main/settings/gate-rules';
import { applyPlan } from '../../src-main/settings/settings-apply';

const HUB: HubTiming = { requestTimeoutMs: 5000, maxRetries: 3, maxBackoffMs: 2000 };
const CURRENT = normalizeSettings({ ...DEFAULT_SETTINGS, hubAddress: 'tcp://hub.local:5555', maxRetries: 3 });

function run(changes: Changes, options: { reason?: string; hub?: HubTiming | null } = {}): GateFinding[] {
  const current = CURRENT;
  return evaluateChange({ current, changes: effectiveChanges(current, changes), reason: options.reason ?? '', hub: options.hub === undefined ? HUB : options.hub });
}

type Case = [name: string, changes: Changes, options: { reason?: string; hub?: HubTiming | null }, rule: string | null, severity: GateFinding['severity'] | null, message?: RegExp];

describe('evaluateChange', () => {
  it.each<Case>([
    // per-attempt timeout against the hub's deadline
    ['timeout below the hub is refused, naming both values', { requestTimeoutMs: 3000 }, {}, 'timeout-below-hub', 'refuse', /3000 ms is below the hub's requestTimeoutMs 5000 ms/],
    ['timeout 1 ms below the hub is refused', { requestTimeoutMs: 4999 }, {}, 'timeout-below-hub', 'refuse', /4999 ms .* 5000 ms/],
    ['timeout 0 is refused', { requestTimeoutMs: 0 }, {}, 'timeout-below-hub', 'refuse'],
    ['timeout equal to the hub is allowed', { requestTimeoutMs: 5000 }, {}, null, null],
    ['timeout exactly twice the hub is allowed', { requestTimeoutMs: 10_000 }, {}, null, null],
    ['timeout over twice the hub is a warning', { requestTimeoutMs: 10_001 }, {}, 'timeout-over-twice-hub', 'warn', /10001 ms is over twice the hub's requestTimeoutMs 5000 ms/],
    ['the 30 s incident timeout is a warning against a 5 s hub', { requestTimeoutMs: 30_000 }, {}, 'timeout-over-twice-hub', 'warn'],
    ['timeout over the config maximum is refused', { requestTimeoutMs: 600_001 }, {}, 'timeout-range', 'refuse'],
    ['timeout with hub timing unknown is refused', { requestTimeoutMs: 8000 }, { hub: null }, 'hub-timing-unknown', 'refuse', /hub timing unknown: connect first/],
    ['following the hub needs no hub timing', { requestTimeoutMs: 6000 }, {}, null, null],
    // retry limits against the hub's
    ['maxRetries above the hub is refused', { maxRetries: 4 }, {}, 'retries-above-hub', 'refuse', /maxRetries 4 is above the hub's maxRetries 3/],
    ['maxRetries at or below the hub is allowed', { maxRetries: 1 }, {}, null, null],
    ['maxRetries with hub timing unknown is refused', { maxRetries: 1 }, { hub: null }, 'hub-timing-unknown', 'refuse'],
    ['maxBackoffMs above the hub is refused', { maxBackoffMs: 2001 }, {}, 'backoff-above-hub', 'refuse', /maxBackoffMs 2001 ms is above the hub's maxBackoffMs 2000 ms/],
    ['maxBackoffMs below the hub is allowed', { maxBackoffMs: 500 }, {}, null, null],
    ['maxBackoffMs with hub timing unknown is refused', { maxBackoffMs: 500 }, { hub: null }, 'hub-timing-unknown', 'refuse'],
    // which operations may be retried
    ['retrying placeOrder is refused', { retryOps: ['ping', 'placeOrder'] }, {}, 'retry-place-order', 'refuse', /retrying an order after a timeout is how orders execute twice/],
    ['retrying an unknown op is refused', { retryOps: ['ping', 'modifyOrder'] }, {}, 'retry-not-idempotent', 'refuse', /not: modifyOrder/],
    ['narrowing retries to reads is allowed', { retryOps: ['ping', 'orders'] }, {}, null, null],
    // the duplicate-order check
    ['window 0 without a reason is refused', { duplicateWindowMs: 0 }, {}, 'duplicate-check-off-no-reason', 'refuse', /at least 10 characters/],
    ['window 0 with a short reason is refused', { duplicateWindowMs: 0 }, { reason: '  too short ' }, 'duplicate-check-off-no-reason', 'refuse'],
    ['window 0 with a written reason is a warning', { duplicateWindowMs: 0 }, { reason: 'algo desk sends identical clips by design' }, 'duplicate-check-off', 'warn'],
    ['a longer window is allowed', { duplicateWindowMs: 10_000 }, {}, null, null],
    ['a window over the config maximum is refused', { duplicateWindowMs: 3_600_001 }, {}, 'duplicate-window-range', 'refuse'],
    // hub address
    ['tcp://HOST:PORT is allowed', { hubAddress: 'tcp://10.0.0.5:5555' }, {}, null, null],
    ['an IPv6 address is allowed', { hubAddress: 'tcp://[::1]:5555' }, {}, null, null],
    ['http:// is refused', { hubAddress: 'http://10.0.0.5:5555' }, {}, 'hub-address-format', 'refuse', /must look like tcp:\/\/HOST:PORT/],
    ['a missing port is refused', { hubAddress: 'tcp://hub.local' }, {}, 'hub-address-format', 'refuse'],
    ['port 0 is refused', { hubAddress: 'tcp://hub.local:0' }, {}, 'hub-address-format', 'refuse'],
    ['port 70000 is refused', { hubAddress: 'tcp://hub.local:70000' }, {}, 'hub-address-format', 'refuse'],
    ['null switches to the embedded hub', { hubAddress: null }, {}, null, null],
    ['a new hub with a configured timeout is a warning', { hubAddress: 'tcp://hub2.local:5555', requestTimeoutMs: 6000 }, {}, 'new-hub-timing', 'warn'],
    // alert thresholds within each rule's range
    ['p99 threshold in range is allowed', { alertThresholds: { p99: 3000 } }, {}, null, null],
    ['p99 threshold 0 is refused', { alertThresholds: { p99: 0 } }, {}, 'alert-threshold-range', 'refuse', /P99 latency threshold must be between 0.01 and 600000 ms, got 0/],
    ['availability over 100 % is refused', { alertThresholds: { availability: 101 } }, {}, 'alert-threshold-range', 'refuse', /between 0 and 100 %/],
    ['hub-down under 1 s is refused', { alertThresholds: { 'hub-down': 0.5 } }, {}, 'alert-threshold-range', 'refuse'],
    // nothing to change
    ['an empty change is refused', {}, {}, 'empty-change', 'refuse', /nothing to change/],
    ['values already in force are nothing to change', { requestTimeoutMs: null, maxRetries: 3, alertThresholds: { p99: 5000 } }, {}, 'empty-change', 'refuse'],
    ['the same retry ops in another order are nothing to change', { retryOps: [...DEFAULT_SETTINGS.retryOps].reverse() }, {}, 'empty-change', 'refuse'],
  ])('%s', (_name, changes, options, rule, severity, message) => {
    const findings = run(changes, options).filter((found) => found.severity !== 'info');
    if (rule === null) {
      expect(findings).toEqual([]);
      return;
    }
    const found = findings.find((f) => f.rule === rule);
    expect(found, JSON.stringify(findings)).toBeDefined();
    expect(found?.severity).toBe(severity);
    expect(found?.source).toBe('rule');
    if (message) expect(found?.message).toMatch(message);
    expect(isRefused(findings)).toBe(severity === 'refuse');
  });

  it('reports every refusal of a change at once', () => {
    const rules = run({ requestTimeoutMs: 1000, retryOps: ['placeOrder'], alertThresholds: { p50: -1 } }).map((f) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['timeout-below-hub', 'retry-place-order', 'alert-threshold-range']));
  });
});

describe('computing changes', () => {
  it.each<[string, Changes, Changes]>([
    ['drops values already in force', { maxRetries: 3, duplicateWindowMs: 5000 }, { duplicateWindowMs: 5000 }],
    ['compares thresholds per rule', { alertThresholds: { p99: 5000, p50: 400 } }, { alertThresholds: { p50: 400 } }],
    ['compares retry ops as a set and removes repeats', { retryOps: ['ping', 'ping', 'orders'] }, { retryOps: ['ping', 'orders'] }],
    ['keeps null (follow the hub / embedded hub) distinct from a value', { hubAddress: 'tcp://h:1' }, { hubAddress: 'tcp://h:1' }],
  ])('%s', (_name, proposed, expected) => {
    expect(effectiveChanges(CURRENT, proposed)).toEqual(expected);
  });

  it('merges thresholds into the current ones and keeps retry ops in a stable order', () => {
    const after = mergeChanges(CURRENT, { alertThresholds: { p50: 400 }, retryOps: ['orders', 'ping'] });
    expect(after.alertThresholds).toMatchObject({ p50: 400, p99: 5000, 'hub-down': 10 });
    expect(after.retryOps).toEqual(['ping', 'orders']);
  });

  it('finds the change that restores an earlier configuration', () => {
    const target = mergeChanges(CURRENT, { requestTimeoutMs: 6000, alertThresholds: { p99: 4000 } });
    const now = mergeChanges(target, { requestTimeoutMs: 9000, duplicateWindowMs: 1000 });
    expect(changesToReach(now, target)).toEqual({ requestTimeoutMs: 6000, duplicateWindowMs: 3000 });
    expect(mergeChanges(now, changesToReach(now, target))).toEqual(target);
  });

  it.each<[string, Parameters<typeof applyPlan>[0], ReturnType<typeof applyPlan>]>([
    ['thresholds and the duplicate window apply live', ['alertThresholds', 'duplicateWindowMs'], { live: ['alertThresholds', 'duplicateWindowMs'], atRestart: [] }],
    ['hub address, timeouts and retries apply at the next start', ['hubAddress', 'requestTimeoutMs', 'maxRetries', 'maxBackoffMs', 'retryOps'], { live: [], atRestart: ['hubAddress', 'requestTimeoutMs', 'maxRetries', 'maxBackoffMs', 'retryOps'] }],
  ])('%s', (_name, keys, plan) => {
    expect(applyPlan(keys)).toEqual(plan);
  });
});

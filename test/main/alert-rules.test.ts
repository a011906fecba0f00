// Alert rule evaluation, pure: what each rule measures, when it breaches, the fire -> resolve
// lifecycle (no data keeps an alert open, disabling resolves it) and which thresholds are refused.
import { describe, expect, it } from 'vitest';
import { ALERT_RULES, alertRuleDef } from '../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule, AlertRuleId } from '../../src-shared/domain/alerts';
import { HealthNow } from '../../src-shared/domain/health';
import { CodedError } from '../../src-shared/ipc/errors';
import { alertMessage, breaches, evaluateAlerts, measure, validateRuleChange } from '../../src-main/alerts/alert-rules';
import { healthNow, latencySummary } from '../support/health-fixture';
import type { DeepPartial } from '../support/health-fixture';

const summary = latencySummary();
/** Healthy figures with one placeOrder summary and six orders on the book. */
const GOOD_PATCH: DeepPartial<HealthNow> = {
  at: 1_000_000,
  byOp: [{ ...summary, op: 'placeOrder' }],
  counters: { ordersByState: { working: 1, filled: 5 } },
};
const GOOD: HealthNow = healthNow(GOOD_PATCH);

/** Healthy figures with `overrides` merged in, checked against the schema. */
function healthWith(overrides: DeepPartial<HealthNow> = {}): HealthNow {
  return healthNow(GOOD_PATCH, overrides);
}

/** Health in which rule `id` measures `value` (in its unit). */
const measuring: Record<AlertRuleId, (value: number) => HealthNow> = {
  'duplicate-rate': (v) => healthWith({ duplicateRate: v / 100 }),
  p99: (v) => healthWith({ latency: { recent: { p99: v, p99_9: Math.max(v, 120), max: Math.max(v, 150) } } }),
  p50: (v) => healthWith({ latency: { recent: { p50: v } } }),
  'push-success': (v) => healthWith({ pushSuccessRate: v / 100 }),
  throughput: (v) => healthWith({ throughput: { requestsPerSec: v } }),
  availability: (v) => healthWith({ availability: { '1h': v / 100 } }),
  'hub-down': (v) => healthWith({ hub: { state: 'down', downForMs: v * 1000 } }),
  'unknown-order': (v) => healthWith({ unknownOrders: { count: 1, oldestAgeMs: v * 1000 } }),
};

/** Health with nothing to measure for the rule, and what it then measures. */
const noData: Array<[AlertRuleId, HealthNow, number | null]> = [
  ['duplicate-rate', healthWith({ duplicateRate: null }), null],
  ['p99', healthWith({ latency: { recent: { ...summary, p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, count: 0 } } }), null],
  ['p50', healthWith({ latency: { recent: { ...summary, p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, count: 0 } } }), null],
  ['push-success', healthWith({ pushSuccessRate: null }), null],
  ['throughput', healthWith({ throughput: { requestsPerSec: 0 } }), 0],
  ['availability', healthWith({ availability: { '1h': null } }), null],
  ['hub-down', healthWith({ hub: { downForMs: null } }), 0],
  ['unknown-order', healthWith({ unknownOrders: { count: 0, oldestAgeMs: null } }), 0],
];

const rule = (id: AlertRuleId, threshold: number, enabled = true): AlertRule => ({ id, enabled, threshold });

function openEvent(id: AlertRuleId, eventId = 7): AlertEvent {
  return { id: eventId, rule: id, firedAt: 500, resolvedAt: null, value: 60, threshold: 50, message: 'earlier' };
}

function run(rules: AlertRule[], health: HealthNow, open: AlertEvent[] = [], now = 2_000) {
  return evaluateAlerts({ rules, health, open: new Map(open.map((e) => [e.rule, e])), now });
}

describe('healthWith', () => {
  it('builds a valid HealthNow and refuses an invalid one', () => {
    expect(HealthNow.parse(healthWith())).toEqual(GOOD);
    expect(healthWith({ latency: { recent: { p99: 9 } } }).latency.recent).toEqual({ ...summary, p99: 9 });
    expect(() => healthWith({ duplicateRate: 2 })).toThrow();
  });

  it('fires nothing for healthy figures with every rule enabled at its default threshold', () => {
    const rules = ALERT_RULES.map((def) => rule(def.id, def.defaultThreshold));
    expect(run(rules, healthWith())).toEqual({ fire: [], resolve: [] });
  });
});

describe('measure', () => {
  it.each<[string, AlertRuleId, HealthNow, number | null]>([
    ['duplicate rate as %', 'duplicate-rate', healthWith({ duplicateRate: 0.25 }), 25],
    ['recent p99, not since start', 'p99', healthWith({ latency: { recent: { p99: 700 }, sinceStart: { p99: 9000, p99_9: 9000, max: 9000 } } }), 700],
    ['recent p50', 'p50', healthWith({ latency: { recent: { p50: 42 } } }), 42],
    ['push success as %', 'push-success', healthWith({ pushSuccessRate: 0.5 }), 50],
    ['requests per second', 'throughput', healthWith({ throughput: { requestsPerSec: 12.5, ordersPerSec: 99 } }), 12.5],
    ['availability over 1 h as %', 'availability', healthWith({ availability: { '1h': 0.75, '24h': 0.1 } }), 75],
    ['outage in seconds', 'hub-down', healthWith({ hub: { state: 'down', downForMs: 12_500 } }), 12.5],
    ['oldest unknown order in seconds', 'unknown-order', healthWith({ unknownOrders: { count: 2, oldestAgeMs: 31_000 } }), 31],
  ])('%s', (_name, id, health, expected) => {
    expect(measure(id, health)).toBe(expected);
  });

  it.each(noData)('%s with no data measures null, or 0 for a count of nothing', (id, health, expected) => {
    expect(measure(id, health)).toBe(expected);
  });
});

describe('thresholds, per rule (threshold 50)', () => {
  const cases = ALERT_RULES.flatMap((def) => {
    const above = def.fires === 'above';
    return [
      [def.id, 'below', 40, !above],
      [def.id, 'at', 50, false],
      [def.id, 'above', 60, above],
    ] as Array<[AlertRuleId, string, number, boolean]>;
  });

  it.each(cases)('%s %s the threshold (%d) fires: %s', (id, _where, value, fires) => {
    expect(breaches(alertRuleDef(id), value, 50)).toBe(fires);
    const { fire, resolve } = run([rule(id, 50)], measuring[id](value));
    expect(resolve).toEqual([]);
    expect(fire.map((f) => [f.rule, f.value, f.threshold])).toEqual(fires ? [[id, value, 50]] : []);
  });

  it.each(ALERT_RULES.map((def) => [def.id, def.fires === 'above' ? 60 : 40] as const))('%s does not fire while disabled', (id, breaching) => {
    expect(run([rule(id, 50, true)], measuring[id](breaching)).fire).toHaveLength(1);
    expect(run([rule(id, 50, false)], measuring[id](breaching)).fire).toEqual([]);
  });

  it.each(noData.filter(([, , value]) => value === null))('%s with no data neither fires nor resolves', (id, health) => {
    const breachingThreshold = alertRuleDef(id).fires === 'above' ? 1 : 100;
    expect(run([rule(id, breachingThreshold)], health)).toEqual({ fire: [], resolve: [] });
    expect(run([rule(id, breachingThreshold)], health, [openEvent(id)])).toEqual({ fire: [], resolve: [] });
  });
});

describe('lifecycle', () => {
  const p99 = rule('p99', 5000);

  it('fires once, not again while open, and resolves when back under', () => {
    const over = measuring.p99(5512);
    const first = run([p99], over);
    expect(first.fire).toEqual([{ rule: 'p99', value: 5512, threshold: 5000, message: 'P99 latency 5512 ms over 5000 ms' }]);
    const open = { ...openEvent('p99'), value: 5512, threshold: 5000 };
    expect(run([p99], measuring.p99(8000), [open])).toEqual({ fire: [], resolve: [] });
    expect(run([p99], measuring.p99(5000), [open], 9_000)).toEqual({ fire: [], resolve: [{ event: open, at: 9_000 }] });
  });

  it('keeps an alert open while there is no data', () => {
    const open = openEvent('p99');
    expect(run([p99], healthWith({ latency: { recent: { ...summary, count: 0 } } }), [open]).resolve).toEqual([]);
  });

  it('resolves an open alert when its rule is disabled, even while still breaching', () => {
    const open = openEvent('p99');
    expect(run([{ ...p99, enabled: false }], measuring.p99(9000), [open], 3_000).resolve).toEqual([{ event: open, at: 3_000 }]);
  });

  it('judges an open alert by the current threshold', () => {
    const open = openEvent('p99');
    expect(run([rule('p99', 10_000)], measuring.p99(9000), [open]).resolve).toHaveLength(1);
  });

  it('resolves an open alert whose rule is not in the list', () => {
    const open = openEvent('p50');
    expect(run([p99], healthWith(), [open]).resolve).toEqual([{ event: open, at: 2_000 }]);
  });

  it('fires and resolves several rules in one evaluation', () => {
    const health = healthWith({ hub: { state: 'down', downForMs: 12_400 }, availability: { '1h': 0.972 }, latency: { recent: { p50: 30 } } });
    const rules = [rule('hub-down', 10), rule('availability', 99), rule('p50', 500)];
    const { fire, resolve } = run(rules, health, [openEvent('p50')]);
    expect(fire.map((f) => f.message)).toEqual(['Hub down 12 s over 10 s', 'Availability (1 h) 97.2 % under 99 %']);
    expect(resolve.map((r) => r.event.rule)).toEqual(['p50']);
  });
});

describe('messages', () => {
  it.each<[AlertRuleId, number, number, string]>([
    ['p99', 5512.4, 5000, 'P99 latency 5512 ms over 5000 ms'],
    ['hub-down', 12.4, 10, 'Hub down 12 s over 10 s'],
    ['availability', 97.2, 99, 'Availability (1 h) 97.2 % under 99 %'],
    ['availability', 98.96, 99, 'Availability (1 h) 98.96 % under 99 %'],
    ['duplicate-rate', 0.0004, 0, 'Duplicate rate 0.0004 % over 0 %'],
    ['throughput', 42.25, 100, 'Throughput 42.3/s under 100/s'],
    ['push-success', 90, 99.5, 'Push success 90 % under 99.5 %'],
  ])('%s %d against %d reads "%s"', (id, value, threshold, message) => {
    expect(run([rule(id, threshold)], measuring[id](value)).fire[0]?.message).toBe(message);
  });
});

describe('validateRuleChange', () => {
  it.each(ALERT_RULES.flatMap((def) => [[def.id, def.min] as const, [def.id, def.max] as const]))('%s accepts the edge threshold %d', (id, threshold) => {
    const before = rule(id, alertRuleDef(id).defaultThreshold, false);
    expect(validateRuleChange(before, { threshold })).toEqual({ id, enabled: false, threshold });
  });

  it('applies enabled alone and keeps the threshold', () => {
    expect(validateRuleChange(rule('p50', 700, true), { enabled: false })).toEqual({ id: 'p50', enabled: false, threshold: 700 });
  });

  it.each<[AlertRuleId, number, string]>([
    ['p99', 0, 'P99 latency threshold must be between 0.01 and 600000 ms, got 0'],
    ['p99', 600_001, 'P99 latency threshold must be between 0.01 and 600000 ms, got 600001'],
    ['p50', Number.NaN, 'P50 latency threshold must be between 0.01 and 600000 ms, got NaN'],
    ['availability', 100.5, 'Availability (1 h) threshold must be between 0 and 100 %, got 100.5'],
    ['duplicate-rate', -1, 'Duplicate rate threshold must be between 0 and 100 %, got -1'],
    ['hub-down', Number.POSITIVE_INFINITY, 'Hub down threshold must be between 1 and 86400 s, got Infinity'],
    ['throughput', -0.5, 'Throughput threshold must be between 0 and 1000000/s, got -0.5'],
  ])('%s refuses %d', (id, threshold, message) => {
    const before = rule(id, alertRuleDef(id).defaultThreshold);
    let caught: unknown;
    try {
      validateRuleChange(before, { threshold, enabled: false });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CodedError);
    expect((caught as CodedError).toData()).toEqual({ code: 'BAD_INPUT', message, fields: { threshold: message } });
    expect(before.enabled).toBe(true);
  });
});

describe('alertMessage for sub-millisecond latency', () => {
  it.each([
    ['p50', 0.6, 0.5, 'P50 latency 0.6 ms over 0.5 ms'],
    ['p99', 7.763, 5, 'P99 latency 7.763 ms over 5 ms'],
  ] as const)('%s %f over %f reads %j', (id, value, threshold, message) => {
    expect(alertMessage(alertRuleDef(id), value, threshold)).toBe(message);
  });
});

// Alert rule evaluation, pure: what each rule measures, when it breaches, the fire -> resolve
// lifecycle (no data keeps an alert open, disabling resolves it), the hysteresis that stops it
// flapping (a breach fires after forMs, a recovery resolves after clearMs) and which thresholds are refused.
import { describe, expect, it } from 'vitest';
import { ALERT_RULES, alertRuleDef } from '../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule, AlertRuleDef, AlertRuleId } from '../../src-shared/domain/alerts';
import { HealthNow } from '../../src-shared/domain/health';
import { CodedError } from '../../src-shared/ipc/errors';
import { alertMessage, breaches, evaluateAlerts, measure, validateRuleChange } from '../../src-main/alerts/alert-rules';
import type { AlertEvaluation, AlertStreak } from '../../src-main/alerts/alert-rules';
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

const NOW = 1_000_000;
/** Longer than any rule's forMs and clearMs. */
const LONGEST = Math.max(...ALERT_RULES.flatMap((def) => [def.forMs, def.clearMs]));

function run(rules: AlertRule[], health: HealthNow, open: AlertEvent[] = [], now = NOW, streaks?: ReadonlyMap<AlertRuleId, AlertStreak>): AlertEvaluation {
  return evaluateAlerts({ rules, health, open: new Map(open.map((e) => [e.rule, e])), streaks, now });
}

/**
 * Evaluates `health` at `now` as if the same figures had stood since `now - lastedMs`: an evaluation
 * at that moment gives the streaks (its own fire and resolve are dropped), the one at `now` is returned.
 */
function runHeld(lastedMs: number, rules: AlertRule[], health: HealthNow, open: AlertEvent[] = [], now = NOW): AlertEvaluation {
  const earlier = run(rules, health, open, now - lastedMs);
  return run(rules, health, open, now, earlier.streaks);
}

/** What an evaluation decided, without the streaks it hands on. */
const decided = ({ fire, resolve }: AlertEvaluation) => ({ fire, resolve });

const streaksOf = (id: AlertRuleId, streak: AlertStreak) => new Map<AlertRuleId, AlertStreak>([[id, streak]]);

describe('healthWith', () => {
  it('builds a valid HealthNow and refuses an invalid one', () => {
    expect(HealthNow.parse(healthWith())).toEqual(GOOD);
    expect(healthWith({ latency: { recent: { p99: 9 } } }).latency.recent).toEqual({ ...summary, p99: 9 });
    expect(() => healthWith({ duplicateRate: 2 })).toThrow();
  });

  it('fires nothing for healthy figures with every rule enabled at its default threshold', () => {
    const rules = ALERT_RULES.map((def) => rule(def.id, def.defaultThreshold));
    const held = runHeld(LONGEST, rules, healthWith());
    expect(decided(held)).toEqual({ fire: [], resolve: [] });
    expect(held.streaks).toEqual(new Map(rules.map((r) => [r.id, { breachSince: null, clearSince: NOW - LONGEST }])));
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

  it.each(cases)('%s %s the threshold (%d) fires once held for its forMs: %s', (id, _where, value, fires) => {
    expect(breaches(alertRuleDef(id), value, 50)).toBe(fires);
    for (const lasted of [alertRuleDef(id).forMs, LONGEST]) {
      const { fire, resolve } = runHeld(lasted, [rule(id, 50)], measuring[id](value));
      expect(resolve).toEqual([]);
      expect(fire.map((f) => [f.rule, f.value, f.threshold])).toEqual(fires ? [[id, value, 50]] : []);
    }
  });

  it.each(ALERT_RULES.map((def) => [def.id, def.fires === 'above' ? 60 : 40] as const))('%s does not fire while disabled', (id, breaching) => {
    expect(runHeld(alertRuleDef(id).forMs, [rule(id, 50, true)], measuring[id](breaching)).fire).toHaveLength(1);
    expect(runHeld(LONGEST, [rule(id, 50, false)], measuring[id](breaching)).fire).toEqual([]);
  });

  it.each(noData.filter(([, , value]) => value === null))('%s with no data neither fires nor resolves, however long its streak', (id, health) => {
    const breaching = rule(id, alertRuleDef(id).fires === 'above' ? 1 : 100);
    const none = streaksOf(id, { breachSince: null, clearSince: null });
    expect(run([breaching], health)).toEqual({ fire: [], resolve: [], streaks: none });
    expect(run([breaching], health, [openEvent(id)])).toEqual({ fire: [], resolve: [], streaks: none });
    // A breach past its forMs does not fire on a reading with no figure, nor a recovery past its clearMs resolve.
    const longBreach = streaksOf(id, { breachSince: NOW - LONGEST, clearSince: null });
    expect(run([breaching], health, [], NOW, longBreach)).toEqual({ fire: [], resolve: [], streaks: longBreach });
    const longRecovery = streaksOf(id, { breachSince: null, clearSince: NOW - LONGEST });
    expect(run([breaching], health, [openEvent(id)], NOW, longRecovery)).toEqual({ fire: [], resolve: [], streaks: longRecovery });
  });
});

describe('lifecycle', () => {
  const p99 = rule('p99', 5000);

  it('fires once the breach has lasted forMs, not again while open, and resolves when back under for clearMs', () => {
    const { forMs, clearMs } = alertRuleDef('p99');
    const over = measuring.p99(5512);
    const start = run([p99], over);
    expect(decided(start)).toEqual({ fire: [], resolve: [] });
    const first = run([p99], over, [], NOW + forMs, start.streaks);
    expect(first.fire).toEqual([{ rule: 'p99', value: 5512, threshold: 5000, message: 'P99 latency 5512 ms over 5000 ms' }]);
    const open = { ...openEvent('p99'), value: 5512, threshold: 5000 };
    const still = run([p99], measuring.p99(8000), [open], NOW + forMs + 1_000, first.streaks);
    expect(decided(still)).toEqual({ fire: [], resolve: [] });
    const back = run([p99], measuring.p99(5000), [open], NOW + 9_000, still.streaks);
    expect(decided(back)).toEqual({ fire: [], resolve: [] });
    const resolved = run([p99], measuring.p99(5000), [open], NOW + 9_000 + clearMs, back.streaks);
    expect(decided(resolved)).toEqual({ fire: [], resolve: [{ event: open, at: NOW + 9_000 + clearMs }] });
  });

  it('keeps an alert open while there is no data', () => {
    const open = openEvent('p99');
    const noFigures = healthWith({ latency: { recent: { ...summary, count: 0 } } });
    expect(run([p99], noFigures, [open]).resolve).toEqual([]);
    expect(run([p99], noFigures, [open], NOW, streaksOf('p99', { breachSince: null, clearSince: NOW - LONGEST })).resolve).toEqual([]);
  });

  it('resolves an open alert when its rule is disabled, even while still breaching', () => {
    const open = openEvent('p99');
    expect(run([{ ...p99, enabled: false }], measuring.p99(9000), [open], NOW + 3_000).resolve).toEqual([{ event: open, at: NOW + 3_000 }]);
  });

  it('judges an open alert by the current threshold', () => {
    const open = openEvent('p99');
    const { clearMs } = alertRuleDef('p99');
    expect(runHeld(clearMs, [rule('p99', 10_000)], measuring.p99(9000), [open]).resolve).toHaveLength(1);
    expect(runHeld(clearMs, [p99], measuring.p99(9000), [open]).resolve).toEqual([]);
  });

  it('resolves an open alert whose rule is not in the list at once', () => {
    const open = openEvent('p50');
    expect(run([p99], healthWith(), [open]).resolve).toEqual([{ event: open, at: NOW }]);
  });

  it('fires and resolves several rules in one evaluation', () => {
    const health = healthWith({ hub: { state: 'down', downForMs: 12_400 }, availability: { '1h': 0.972 }, latency: { recent: { p50: 30 } } });
    const rules = [rule('hub-down', 10), rule('availability', 99), rule('p50', 500)];
    const { fire, resolve } = runHeld(alertRuleDef('p50').clearMs, rules, health, [openEvent('p50')]);
    expect(fire.map((f) => f.message)).toEqual(['Hub down 12 s over 10 s', 'Availability (1 h) 97.2 % under 99 %']);
    expect(resolve.map((r) => r.event.rule)).toEqual(['p50']);
  });
});

describe('hysteresis, per rule (threshold 50)', () => {
  type Reading = 'bad' | 'good' | 'none';
  interface Tick {
    at: number;
    reading: Reading;
    enabled?: boolean;
  }
  type Happened = [at: number, what: 'fire' | 'resolve'];

  const T = NOW;
  const noFigure = new Map(noData.filter(([, , value]) => value === null).map(([id, health]) => [id, health]));
  /** Rules whose figure can be missing (the others measure 0 when there is nothing to count). */
  const nullable = (def: AlertRuleDef) => noFigure.has(def.id);

  function healthFor(id: AlertRuleId, reading: Reading): HealthNow {
    if (reading === 'none') {
      const none = noFigure.get(id);
      if (!none) throw new Error(`${id} always has a figure`);
      return none;
    }
    const above = alertRuleDef(id).fires === 'above';
    return measuring[id]((reading === 'bad') === above ? 60 : 40);
  }

  /** `reading` at each of `ats`, sorted and without repeats. */
  function ticks(reading: Reading, ...ats: number[]): Tick[] {
    return [...new Set(ats)].sort((a, b) => a - b).map((at) => ({ at, reading }));
  }

  /** from, from + step, ... up to and including `to` (nothing when to < from). */
  function span(from: number, to: number, step = 1_000): number[] {
    const ats: number[] = [];
    for (let at = from; at <= to; at += step) ats.push(at);
    return ats;
  }

  /** The ticks through evaluateAlerts as the engine runs them (streaks and the firing alert carried over): what happened, when. */
  function timeline(id: AlertRuleId, steps: Tick[], firing = false): Happened[] {
    let open: AlertEvent[] = firing ? [openEvent(id)] : [];
    let streaks: ReadonlyMap<AlertRuleId, AlertStreak> | undefined;
    const happened: Happened[] = [];
    for (const { at, reading, enabled = true } of steps) {
      const result = run([rule(id, 50, enabled)], healthFor(id, reading), open, at, streaks);
      streaks = result.streaks;
      for (const resolved of result.resolve) {
        expect(resolved.event).toBe(open[0]);
        happened.push([resolved.at, 'resolve']);
        open = [];
      }
      for (const fired of result.fire) {
        expect(fired.rule).toBe(id);
        happened.push([at, 'fire']);
        open = [{ ...openEvent(id), firedAt: at }];
      }
    }
    return happened;
  }

  const each = (keep: (def: AlertRuleDef) => boolean = () => true) => ALERT_RULES.filter(keep).map((def) => [def.id, def] as const);

  it('has the hysteresis each rule is meant to have', () => {
    const timing = Object.fromEntries(ALERT_RULES.map((def) => [def.id, [def.forMs, def.clearMs]]));
    expect(timing).toEqual({
      p99: [3000, 10000],
      p50: [3000, 10000],
      throughput: [30000, 30000],
      'push-success': [0, 60000],
      availability: [0, 60000],
      'duplicate-rate': [0, 0],
      'hub-down': [0, 0],
      'unknown-order': [0, 0],
    });
  });

  it.each(each())('%s fires only once the breach has lasted its forMs, and once', (id, { forMs }) => {
    const steps = ticks('bad', ...span(T, T + forMs - 1_000), T + forMs - 1, T + forMs, T + forMs + 1_000, T + LONGEST);
    expect(timeline(id, steps.filter((step) => step.at >= T))).toEqual([[T + forMs, 'fire']]);
  });

  it.each(each())('%s resolves only once back within the threshold for its clearMs', (id, { clearMs }) => {
    const steps = ticks('good', ...span(T, T + clearMs - 1_000), T + clearMs - 1, T + clearMs, T + clearMs + 1_000, T + LONGEST);
    expect(timeline(id, steps.filter((step) => step.at >= T), true)).toEqual([[T + clearMs, 'resolve']]);
  });

  it.each(each((def) => def.forMs > 0))('%s: a breach broken by one good evaluation counts forMs again from the next breach', (id, { forMs }) => {
    const again = T + 2_000;
    const steps = [...ticks('bad', T), ...ticks('good', T + 1_000), ...ticks('bad', ...span(again, again + forMs + 1_000), T + forMs, again + forMs - 1)].sort((a, b) => a.at - b.at);
    expect(timeline(id, steps)).toEqual([[again + forMs, 'fire']]);
  });

  it.each(each((def) => def.clearMs > 0))('%s: a recovery broken by one bad evaluation counts clearMs again from the next good one', (id, { clearMs }) => {
    const again = T + 2_000;
    const steps = [...ticks('good', T), ...ticks('bad', T + 1_000), ...ticks('good', ...span(again, again + clearMs + 1_000), T + clearMs, again + clearMs - 1)].sort((a, b) => a.at - b.at);
    expect(timeline(id, steps, true)).toEqual([[again + clearMs, 'resolve']]);
  });

  /** Five minutes of a figure crossing the threshold every second: bad, good, bad, ... */
  const flapping = span(T, T + 299_000).map((at, i): Tick => ({ at, reading: i % 2 === 0 ? 'bad' : 'good' }));

  it.each(each((def) => def.forMs > 1_000 || def.clearMs > 1_000))('%s does not flap on a figure alternating around the threshold every second', (id, { forMs }) => {
    // A breach never lasts forMs, so nothing fires; fired at once (forMs 0), a recovery never lasts clearMs, so it stays open.
    const fromQuiet = timeline(id, flapping);
    expect(fromQuiet).toEqual(forMs > 1_000 ? [] : [[T, 'fire']]);
    expect(fromQuiet.length).toBeLessThanOrEqual(1);
    expect(timeline(id, flapping, true)).toEqual([]);
  });

  it.each(each((def) => def.forMs === 0 && def.clearMs === 0))('%s (no hysteresis) follows the same alternating figure every second', (id) => {
    expect(timeline(id, flapping)).toEqual(flapping.map((step, i): Happened => [step.at, i % 2 === 0 ? 'fire' : 'resolve']));
  });

  it.each(each(nullable))('%s: a reading with no figure keeps both streaks as they were', (id) => {
    const breach = run([rule(id, 50)], healthFor(id, 'bad'), [], T);
    expect(run([rule(id, 50)], healthFor(id, 'none'), [], T + 1_000, breach.streaks).streaks).toEqual(streaksOf(id, { breachSince: T, clearSince: null }));
    const recovery = run([rule(id, 50)], healthFor(id, 'good'), [openEvent(id)], T);
    expect(run([rule(id, 50)], healthFor(id, 'none'), [openEvent(id)], T + 1_000, recovery.streaks).streaks).toEqual(streaksOf(id, { breachSince: null, clearSince: T }));
  });

  it.each(each((def) => nullable(def) && def.forMs > 0))('%s: no figure in the middle of a breach neither breaks it nor fires it', (id, { forMs }) => {
    const steps = [...ticks('bad', T), ...ticks('none', ...span(T + 1_000, T + forMs)), ...ticks('bad', T + forMs + 500)];
    expect(timeline(id, steps)).toEqual([[T + forMs + 500, 'fire']]);
  });

  it.each(each((def) => nullable(def) && def.clearMs > 0))('%s: no figure in the middle of a recovery neither breaks it nor resolves it', (id, { clearMs }) => {
    const steps = [...ticks('good', T), ...ticks('none', ...span(T + 1_000, T + clearMs)), ...ticks('good', T + clearMs + 500)];
    expect(timeline(id, steps, true)).toEqual([[T + clearMs + 500, 'resolve']]);
  });

  it.each(each())('%s: disabling resolves a firing alert at once, still breaching, and it does not fire again while disabled', (id) => {
    const disabled = span(T + 1_000, T + 1_000 + LONGEST).map((at): Tick => ({ at, reading: 'bad', enabled: false }));
    expect(timeline(id, [...ticks('bad', T), ...disabled], true)).toEqual([[T + 1_000, 'resolve']]);
  });

  it.each(each((def) => def.clearMs > 0))('%s: disabling resolves a firing alert at once, not clearMs after its recovery began', (id) => {
    expect(timeline(id, [...ticks('good', T), { at: T + 1_000, reading: 'good', enabled: false }], true)).toEqual([[T + 1_000, 'resolve']]);
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
    expect(runHeld(alertRuleDef(id).forMs, [rule(id, threshold)], measuring[id](value)).fire[0]?.message).toBe(message);
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

describe('a rule switched back on', () => {
  it('waits its forMs again: a breach while it was off does not count', () => {
    const rules = (enabled: boolean): AlertRule[] => [{ id: 'p99', enabled, threshold: 100 }];
    const bad = healthWith({ latency: { recent: { p99: 900 } } });
    const off = evaluateAlerts({ rules: rules(false), health: bad, open: new Map(), now: 0 });
    const on = evaluateAlerts({ rules: rules(true), health: bad, open: new Map(), streaks: off.streaks, now: 10_000 });
    expect(on.fire).toEqual([]);
    const later = evaluateAlerts({ rules: rules(true), health: bad, open: new Map(), streaks: on.streaks, now: 10_000 + alertRuleDef('p99').forMs });
    expect(later.fire.map((f) => f.rule)).toEqual(['p99']);
  });
});

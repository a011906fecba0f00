// The alert engine over real SQLite files: a fault fires one alert after the rule's forMs and resolves
// it after its clearMs, rule changes and firing alerts survive a restart (the streaks start afresh),
// refused changes change nothing, and storage errors are logged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ALERT_RULES, alertRuleDef } from '../../src-shared/domain/alerts';
import type { AlertEvent } from '../../src-shared/domain/alerts';
import type { HealthNow } from '../../src-shared/domain/health';
import { CodedError } from '../../src-shared/ipc/errors';
import { AlertEngine } from '../../src-main/alerts/alert-engine';
import { AlertStore } from '../../src-main/alerts/alert-store';
import { healthNow } from '../support/health-fixture';

/** Healthy figures; `p99` sets the recent P99 (ms). */
function health(p99 = 80): HealthNow {
  return healthNow({ latency: { recent: { p99, p99_9: Math.max(p99, 120), max: Math.max(p99, 150) } } });
}

const dirs: string[] = [];
const engines: AlertEngine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.dispose();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-alerts-'));
  dirs.push(dir);
  return dir;
}

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, set: (at: number) => (now = at) };
}

function engine(dataDir: string, now: () => number = () => 1_000_000, logger = pino({ level: 'silent' })): AlertEngine {
  const created = new AlertEngine({ dataDir, logger, now });
  engines.push(created);
  return created;
}

function restart(old: AlertEngine, dataDir: string, now?: () => number): AlertEngine {
  old.dispose();
  engines.splice(engines.indexOf(old), 1);
  return engine(dataDir, now);
}

const defaults = ALERT_RULES.map((def) => ({ id: def.id, enabled: def.enabledByDefault, threshold: def.defaultThreshold }));

describe('alert engine', () => {
  it('times P99 with the hysteresis these tests count on: fires after 3 s over, resolves after 10 s under', () => {
    expect(alertRuleDef('p99')).toMatchObject({ forMs: 3000, clearMs: 10_000 });
  });

  it('fires one alert for a P99 fault once it has lasted 3 s, keeps it while over, resolves it 10 s after it is back under', () => {
    const time = clock();
    const alerts = engine(tempDir(), time.now);

    expect(alerts.evaluate(health())).toEqual([]);
    time.set(1_001_000);
    expect(alerts.evaluate(health(5512))).toEqual([]);
    time.set(1_002_000);
    expect(alerts.evaluate(health(7000))).toEqual([]);
    time.set(1_004_000);
    const fired = alerts.evaluate(health(5512));
    expect(fired).toEqual([{ id: expect.any(Number), rule: 'p99', firedAt: 1_004_000, resolvedAt: null, value: 5512, threshold: 5000, message: 'P99 latency 5512 ms over 5000 ms' }]);
    expect(alerts.firingCount()).toBe(1);

    for (const at of [1_005_000, 1_006_000]) {
      time.set(at);
      expect(alerts.evaluate(health(7000))).toEqual([]);
    }
    expect(alerts.list()).toHaveLength(1);

    for (const at of [1_007_000, 1_016_999]) {
      time.set(at);
      expect(alerts.evaluate(health(100))).toEqual([]);
    }
    expect(alerts.firingCount()).toBe(1);
    time.set(1_017_000);
    const resolved = alerts.evaluate(health(100));
    expect(resolved).toEqual([{ ...fired[0], resolvedAt: 1_017_000 }]);
    expect(alerts.firingCount()).toBe(0);
    expect(alerts.list()).toEqual(resolved);
  });

  it('announces fired and resolved alerts on onDidChange', () => {
    const time = clock();
    const alerts = engine(tempDir(), time.now);
    const heard: AlertEvent[][] = [];
    alerts.onDidChange((events) => heard.push(events));

    for (const at of [1_000_000, 1_003_000, 1_003_500]) {
      time.set(at);
      alerts.evaluate(health(6000));
    }
    for (const at of [1_005_000, 1_015_000]) {
      time.set(at);
      alerts.evaluate(health());
    }

    expect(heard.map((events) => events.map((e) => [e.rule, e.firedAt, e.resolvedAt]))).toEqual([[['p99', 1_003_000, null]], [['p99', 1_003_000, 1_015_000]]]);
  });

  it('follows a P99 stall second by second: a 2 s blip fires nothing, the stall fires after 3 s and resolves 10 s after recovery', () => {
    const time = clock(0);
    const alerts = engine(tempDir(), time.now);
    const stalled = (second: number) => second === 1 || second === 2 || (second >= 5 && second <= 19);

    const seen: Array<[number, number, number | null]> = [];
    for (let second = 0; second <= 45; second++) {
      time.set(second * 1000);
      for (const event of alerts.evaluate(health(stalled(second) ? 7000 : 80))) seen.push([second, event.firedAt, event.resolvedAt]);
    }

    expect(seen).toEqual([
      [8, 8_000, null],
      [30, 8_000, 30_000],
    ]);
    expect(alerts.list()).toHaveLength(1);
  });

  it('keeps a changed rule across a restart', () => {
    const dir = tempDir();
    const time = clock();
    const first = engine(dir, time.now);
    expect(first.rules()).toEqual(defaults);
    expect(first.setRule({ id: 'p99', threshold: 8000 })).toEqual({ id: 'p99', enabled: true, threshold: 8000 });
    expect(first.setRule({ id: 'throughput', enabled: true })).toEqual({ id: 'throughput', enabled: true, threshold: 100 });

    const second = restart(first, dir, time.now);
    const expected = defaults.map((rule) => (rule.id === 'p99' ? { ...rule, threshold: 8000 } : rule.id === 'throughput' ? { ...rule, enabled: true } : rule));
    expect(second.rules()).toEqual(expected);
    // 6 s is under the kept 8 s threshold, however long it lasts (the default 5 s would fire after forMs).
    for (const at of [1_000_000, 1_003_000, 1_060_000]) {
      time.set(at);
      expect(second.evaluate(health(6000))).toEqual([]);
    }
  });

  it('keeps a firing alert across a restart and resolves it once the figures have been good for clearMs in the new run', () => {
    const dir = tempDir();
    const time = clock();
    const first = engine(dir, time.now);
    expect(first.evaluate(health(9000))).toEqual([]);
    time.set(1_003_000);
    const [fired] = first.evaluate(health(9000));
    expect(fired?.resolvedAt).toBeNull();

    time.set(1_060_000);
    const second = restart(first, dir, time.now);
    expect(second.list()).toEqual([fired]);
    expect(second.firingCount()).toBe(1);
    expect(second.evaluate(health(9000))).toEqual([]);

    for (const at of [1_070_000, 1_079_999]) {
      time.set(at);
      expect(second.evaluate(health())).toEqual([]);
    }
    time.set(1_080_000);
    expect(second.evaluate(health())).toEqual([{ ...fired, resolvedAt: 1_080_000 }]);
    expect(second.firingCount()).toBe(0);
  });

  it('starts the streaks afresh on a restart: good figures seen before it do not count towards clearMs', () => {
    const dir = tempDir();
    const time = clock();
    const first = engine(dir, time.now);
    first.evaluate(health(9000));
    time.set(1_003_000);
    const [fired] = first.evaluate(health(9000));
    expect(fired?.firedAt).toBe(1_003_000);
    // 9 s of good figures: one short of clearMs.
    for (let at = 1_004_000; at <= 1_013_000; at += 1000) {
      time.set(at);
      expect(first.evaluate(health())).toEqual([]);
    }

    time.set(1_013_500);
    const second = restart(first, dir, time.now);
    // 1_014_000 is 10 s after the recovery the first engine saw; the new one counts from its own first good figures.
    for (let at = 1_014_000; at <= 1_023_000; at += 1000) {
      time.set(at);
      expect(second.evaluate(health())).toEqual([]);
    }
    time.set(1_024_000);
    expect(second.evaluate(health())).toEqual([{ ...fired, resolvedAt: 1_024_000 }]);
  });

  it('refuses a bad rule change and changes nothing', () => {
    const dir = tempDir();
    const alerts = engine(dir);
    alerts.setRule({ id: 'p50', threshold: 700 });
    const before = alerts.rules();

    let refused: unknown;
    try {
      alerts.setRule({ id: 'p50', threshold: 0, enabled: false });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(CodedError);
    expect(refused).toMatchObject({ code: 'BAD_INPUT', message: 'P50 latency threshold must be between 0.01 and 600000 ms, got 0' });
    expect(() => alerts.setRule({ id: 'availability', threshold: Number.NaN })).toThrow(CodedError);
    expect(alerts.rules()).toEqual(before);
    expect(restart(alerts, dir).rules()).toEqual(before);
  });

  it('lists firing alerts first, then the newest, and selects by overlap with between()', () => {
    const dir = tempDir();
    const store = new AlertStore(dir);
    const fire = (rule: AlertEvent['rule'], firedAt: number) => store.insertFired({ rule, firedAt, value: 1, threshold: 0, message: `${rule} at ${firedAt}` });
    const early = fire('p99', 100);
    store.resolve(early.id, 200);
    const middle = fire('p50', 300);
    store.resolve(middle.id, 400);
    const firing = fire('hub-down', 250);
    const late = fire('p99', 500);
    store.resolve(late.id, 600);
    store.close();

    const alerts = engine(dir);
    expect(alerts.list().map((e) => e.message)).toEqual(['hub-down at 250', 'p99 at 500', 'p50 at 300', 'p99 at 100']);
    expect(alerts.list(2).map((e) => e.id)).toEqual([firing.id, late.id]);
    const ids = (from: number, to: number) => alerts.between(from, to).map((e) => e.id);
    expect(ids(0, 99)).toEqual([]);
    expect(ids(0, 100)).toEqual([early.id]);
    expect(ids(200, 200)).toEqual([early.id]);
    expect(ids(201, 249)).toEqual([]);
    expect(ids(201, 299)).toEqual([firing.id]);
    expect(ids(350, 450)).toEqual([firing.id, middle.id]);
    expect(ids(601, 10_000)).toEqual([firing.id]);
  });

  it('reads the file while another engine has it open', () => {
    const dir = tempDir();
    const time = clock();
    const writer = engine(dir, time.now);
    writer.evaluate(health(9000));
    time.set(1_003_000);
    expect(writer.evaluate(health(9000))).toHaveLength(1);
    const reader = new AlertStore(dir);
    try {
      expect(reader.open().map((e) => e.rule)).toEqual(['p99']);
    } finally {
      reader.close();
    }
  });

  it('logs a storage error instead of throwing it out of evaluate', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const alerts = engine(tempDir(), () => 1_000_000, pino({ level: 'error' }, sink));
    alerts.dispose();

    expect(alerts.evaluate(health(9000))).toEqual([]);
    expect(lines.map((line) => (JSON.parse(line) as { level: number; msg: string }).level)).toEqual([50]);
  });
});

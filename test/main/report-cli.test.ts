// `npm run report` end to end, as a child process reading data dirs written with the real stores
// (metrics.sqlite, alerts.sqlite): the JSON checkpoint matches what was written, the exit code
// follows the verdict (0 pass, 3 fail), Markdown carries the table, and bad flags (2) or a dir with
// no metrics (1, nothing created there) are refused as documented.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckpointReport } from '../../src-shared/domain/alerts';
import type { ReportRow } from '../../src-shared/domain/alerts';
import { AlertStore } from '../../src-main/alerts/alert-store';
import { decodeHistogram, encodeHistogram, latencyFigures, newLatencyHistogram, recordLatencyMs } from '../../src-main/metrics/latency-figures';
import { MetricsHistory } from '../../src-main/metrics/metrics-history';
import { collectCheckpoint } from '../../src-main/reports/report-data';
import type { StateChange } from '../../src-main/metrics/availability';
import { runTool } from './tools/run-tool';

const REPORT = 'src-main/tools/report/cli.ts';
const WAIT_MS = 20_000;

/** One second's requests as [latency ms, outcome]. */
type Second = readonly (readonly [number, 'ok' | 'timeout'])[];

interface DataDir {
  dir: string;
  /** Every latency written, for the expected figures. */
  latencies: number[];
}

function writeDataDir(seconds: readonly [number, Second][], states: readonly StateChange[], verifyAt: number): DataDir {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-report-'));
  const history = new MetricsHistory(dir);
  const latencies: number[] = [];
  try {
    for (const [at, requests] of seconds) {
      const histogram = newLatencyHistogram();
      for (const [ms] of requests) {
        recordLatencyMs(histogram, ms);
        latencies.push(ms);
      }
      const timeouts = requests.filter(([, outcome]) => outcome === 'timeout').length;
      history.appendAll('1s', { at, count: requests.length, timeouts, errors: 0, orders: timeouts, histogram: encodeHistogram(histogram) });
    }
    for (const change of states) history.appendState(change);
    history.appendVerify({ at: verifyAt, pass: true, hubOrders: 1000, hubDuplicates: 0, error: null });
  } finally {
    history.close();
  }
  return { dir, latencies };
}

/** What the report should show: every value written, in one histogram, read back from storage. */
function expectedFigures(latencies: readonly number[]): { p99: number; max: number } {
  const histogram = newLatencyHistogram();
  for (const ms of latencies) recordLatencyMs(histogram, ms);
  const { p99, max } = latencyFigures(decodeHistogram(encodeHistogram(histogram)));
  return { p99, max };
}

function rowOf(report: CheckpointReport, target: ReportRow['target']): ReportRow {
  const row = report.rows.find((r) => r.target === target);
  if (!row) throw new Error(`no ${target} row`);
  return row;
}

describe('report CLI (child process, real data dirs)', () => {
  const now = Math.floor(Date.now() / 1000) * 1000;
  let passing: DataDir;
  let failing: DataDir;
  let empty: string;
  let alertId = 0;

  beforeAll(() => {
    // Passing: 100 seconds of 100 requests at 1..50 ms ten minutes ago, one of them with a 6 s
    // timeout among them (0.01 %: the max, not the p99); the hub up for 50 minutes but for one 5 s
    // outage; a clean verify; one p99 alert that fired and resolved.
    const quiet = (second: number): Second => [
      ...Array.from({ length: 100 }, (_, i): Second[number] => [(i % 50) + 1, 'ok']),
      ...(second === 40 ? ([[6000, 'timeout']] as const) : []),
    ];
    passing = writeDataDir(
      Array.from({ length: 100 }, (_, s) => [now - 600_000 + s * 1000, quiet(s)]),
      [
        { at: now - 3_000_000, state: 'connecting' },
        { at: now - 2_999_000, state: 'up' },
        { at: now - 1_000_000, state: 'down' },
        { at: now - 998_000, state: 'reconnecting' },
        { at: now - 995_000, state: 'up' },
      ],
      now - 30_000,
    );
    const alerts = new AlertStore(passing.dir);
    try {
      const fired = alerts.insertFired({ rule: 'p99', firedAt: now - 560_000, value: 6000, threshold: 5000, message: 'P99 latency 6000 ms over 5000 ms' });
      alerts.resolve(fired.id, now - 550_000);
      alertId = fired.id;
    } finally {
      alerts.close();
    }

    // Failing: 5 % of requests are 6 s timeouts, and a 5 s outage within 200 s of observed time.
    const stalled: Second = Array.from({ length: 100 }, (_, i): Second[number] => (i < 5 ? [6000, 'timeout'] : [3, 'ok']));
    failing = writeDataDir(
      Array.from({ length: 20 }, (_, s) => [now - 150_000 + s * 1000, stalled]),
      [
        { at: now - 200_000, state: 'up' },
        { at: now - 100_000, state: 'down' },
        { at: now - 95_000, state: 'up' },
      ],
      now - 30_000,
    );
    empty = mkdtempSync(join(tmpdir(), 'hubdesk-report-empty-'));
  });

  afterAll(() => {
    for (const dir of [passing?.dir, failing?.dir, empty]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('--json: a CheckpointReport with the written p99 and max, availability under 100 %, the alert; exit 0', async () => {
    const run = await runTool(REPORT, ['--data-dir', passing.dir, '--window', '1h', '--json'], WAIT_MS);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = CheckpointReport.parse(JSON.parse(run.stdout));
    expect(report.window).toBe('1h');
    expect(report.to - report.from).toBe(3_600_000);
    expect(report.verdict).toBe('pass');

    const expected = expectedFigures(passing.latencies);
    expect(report.latency).toMatchObject({ requests: 10_001, timeouts: 1, errors: 0, p99: expected.p99, max: expected.max });
    expect(report.latency.p99).toBeLessThanOrEqual(50.1);
    expect(report.latency.max).toBeGreaterThanOrEqual(6000);

    const availability = rowOf(report, 'availability');
    expect(availability.status).toBe('pass');
    expect(availability.measured).toBeLessThan(100);
    expect(availability.measured).toBeGreaterThan(99);
    expect(rowOf(report, 'hub-down')).toMatchObject({ status: 'pass', measured: 5 });
    expect(rowOf(report, 'p99')).toMatchObject({ status: 'pass', measured: expected.p99 });
    expect(rowOf(report, 'duplicate-rate')).toMatchObject({ status: 'pass', measured: 0 });

    expect(report.alerts).toEqual([
      { id: alertId, rule: 'p99', firedAt: now - 560_000, resolvedAt: now - 550_000, value: 6000, threshold: 5000, message: 'P99 latency 6000 ms over 5000 ms' },
    ]);
  });

  it('a window with failing rows: exit 3, the report printed all the same', async () => {
    const run = await runTool(REPORT, ['--data-dir', failing.dir, '--window', '1h', '--json'], WAIT_MS);
    expect(run.code).toBe(3);
    const report = CheckpointReport.parse(JSON.parse(run.stdout));
    expect(report.verdict).toBe('fail');
    const expected = expectedFigures(failing.latencies);
    expect(report.latency).toMatchObject({ requests: 2000, timeouts: 100, p99: expected.p99, max: expected.max });
    expect(rowOf(report, 'p99')).toMatchObject({ status: 'fail', measured: expected.p99 });
    expect(rowOf(report, 'p99').measured).toBeGreaterThanOrEqual(6000);
    // Up 195 s of the ~200 s observed: about 97.5 %.
    expect(rowOf(report, 'availability').status).toBe('fail');
    expect(rowOf(report, 'availability').measured).toBeLessThan(99);
    expect(rowOf(report, 'hub-down')).toMatchObject({ status: 'pass', measured: 5 });
    // No alerts.sqlite in this dir: no alerts, and none created.
    expect(report.alerts).toEqual([]);
    expect(existsSync(join(failing.dir, 'alerts.sqlite'))).toBe(false);
  });

  it('Markdown by default: the heading with the verdict, the table, the alerts', async () => {
    const pass = await runTool(REPORT, ['--data-dir', passing.dir], WAIT_MS);
    expect(pass.code).toBe(0);
    expect(pass.stdout.split('\n')[0]).toBe('# hubdesk checkpoint 1h: PASS');
    expect(pass.stdout).toContain('| Target | Goal | Measured | Status | Detail |');
    expect(pass.stdout).toMatch(/^\| P99 latency \| ≤ 5,000 ms \| .* \| pass \|/m);
    expect(pass.stdout).toMatch(/^\| Hub down \| ≤ 10 s \| 5 s \| pass \| longest outage \|$/m);
    expect(pass.stdout).toMatch(/^- P99 latency: fired .*, resolved .*: P99 latency 6000 ms over 5000 ms$/m);

    const fail = await runTool(REPORT, ['--data-dir', failing.dir, '--window', '24h'], WAIT_MS);
    expect(fail.code).toBe(3);
    expect(fail.stdout.split('\n')[0]).toBe('# hubdesk checkpoint 24h: FAIL');
    expect(fail.stdout).toMatch(/^\| P99 latency \| ≤ 5,000 ms \| .* \| fail \|/m);
    expect(fail.stdout).toMatch(/## Alerts in the window\n\nNone\./);
  });

  it.each([
    ['an unknown window', ['--window', '2h'], '--window'],
    ['no --data-dir', ['--window', '1h'], '--data-dir'],
    ['an unknown flag', ['--windows', '1h'], '--windows'],
  ])('bad flags (%s): exit 2, the flag named on stderr, nothing on stdout', async (_name, flags, named) => {
    const args = named === '--data-dir' ? flags : ['--data-dir', passing.dir, ...flags];
    const run = await runTool(REPORT, args, WAIT_MS);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stdout).toBe('');
  });

  it('a dir with no metrics: exit 1, and no file created there (nor the dir itself)', async () => {
    const run = await runTool(REPORT, ['--data-dir', empty], WAIT_MS);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no metrics in');
    expect(run.stdout).toBe('');
    expect(readdirSync(empty)).toEqual([]);

    const missing = join(empty, 'not-a-console');
    const again = await runTool(REPORT, ['--data-dir', missing, '--json'], WAIT_MS);
    expect(again.code).toBe(1);
    expect(existsSync(missing)).toBe(false);
  });

  it('--help: usage on stdout, exit 0', async () => {
    const run = await runTool(REPORT, ['--help'], WAIT_MS);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('usage: npm run report -- --data-dir DIR [--window 1h|4h|12h|24h|7d] [--json]');
    expect(run.stdout).toContain('exit codes');
  });
});

describe('collectCheckpoint (real SQLite): what the CLI reads', () => {
  const T = Date.UTC(2026, 0, 15, 12, 0, 0);
  const NOW = T + 30_500;
  let dir: string;
  let history: MetricsHistory;
  let alerts: AlertStore;

  const point = (at: number, requests: Second): { at: number; count: number; timeouts: number; errors: number; orders: number; histogram: string } => {
    const histogram = newLatencyHistogram();
    for (const [ms] of requests) recordLatencyMs(histogram, ms);
    const timeouts = requests.filter(([, outcome]) => outcome === 'timeout').length;
    return { at, count: requests.length, timeouts, errors: 0, orders: 0, histogram: encodeHistogram(histogram) };
  };
  const many = (n: number, ms: number, outcome: 'ok' | 'timeout' = 'ok'): Second => Array.from({ length: n }, () => [ms, outcome] as const);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hubdesk-report-data-'));
    history = new MetricsHistory(dir);
    alerts = new AlertStore(dir);
    // Ten closed minutes (T-10 min .. T-1 min) of 600 requests at 20 ms; the one at T-5 min holds a 6 s
    // timeout. The last two minutes are in the 1-second points too (60 x 10), as the console keeps them.
    for (let m = 10; m >= 1; m--) {
      const at = T - m * 60_000;
      history.appendAll('1m', point(at, m === 5 ? [...many(599, 20), [6000, 'timeout']] : many(600, 20)));
      if (m <= 2) for (let s = 0; s < 60; s++) history.appendAll('1s', point(at + s * 1000, many(10, 20)));
    }
    // The current minute: only 1-second points so far (30 x 10 at 1 ms).
    for (let s = 0; s < 30; s++) history.appendAll('1s', point(T + s * 1000, many(10, 1)));
  });

  afterAll(() => {
    history.close();
    alerts.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('beyond an hour: the 1-minute points, then the 1-second points after the last minute, none counted twice', async () => {
    const report = await collectCheckpoint({ history, alerts }, '24h', NOW);
    expect(report.latency).toMatchObject({ requests: 6000 + 300, timeouts: 1 });
    expect(report.latency.max).toBeGreaterThanOrEqual(6000);
    // The busiest minute: 600 requests, 10/s.
    expect(rowOf(report, 'throughput').measured).toBe(10);
  });

  it('up to an hour: the 1-second points only', async () => {
    const report = await collectCheckpoint({ history, alerts }, '1h', NOW);
    expect(report).toMatchObject({ from: NOW - 3_600_000, to: NOW });
    expect(report.latency).toMatchObject({ requests: 1200 + 300, timeouts: 0 });
    expect(report.latency.max).toBeLessThan(20.1);
    expect(report.latency.p50).toBeGreaterThan(19.9);
  });
});

// `npm run bench:health`: the cost in main of the Health view's charts and the checkpoint report at
// full history (7 days of 1-minute points and an hour of 1-second points), first build and cached.
// A benchmark: it prints figures and asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALERT_RULES } from '../src-shared/domain/alerts';
import { HealthHistoryBuilder } from '../src-main/metrics/health-history';
import { newLatencyHistogram, recordLatencyMs, encodeHistogram } from '../src-main/metrics/latency-figures';
import { MetricsHistory } from '../src-main/metrics/metrics-history';
import { collectCheckpoint } from '../src-main/reports/report-data';

const REQUESTS_PER_SECOND = 100;
const dir = mkdtempSync(join(tmpdir(), 'hubdesk-bench-health-'));
const history = new MetricsHistory(dir);
const now = Date.now();

function point(at: number, requests: number): { at: number; count: number; timeouts: number; errors: number; orders: number; histogram: string } {
  const histogram = newLatencyHistogram();
  let timeouts = 0;
  for (let i = 0; i < Math.min(requests, 2000); i++) {
    const timedOut = Math.random() < 0.001;
    timeouts += timedOut ? 1 : 0;
    recordLatencyMs(histogram, timedOut ? 5250 : 0.5 + Math.random() * Math.random() * 40);
  }
  return { at, count: requests, timeouts, errors: 0, orders: Math.round(requests / 10), histogram: encodeHistogram(histogram) };
}

/** Wall time of a build, and the longest the event loop was held at once (the slices). */
async function time<T>(run: () => Promise<T> | T): Promise<[T, number, number]> {
  let longest = 0;
  let last = performance.now();
  let running = true;
  const probe = (): void => {
    const at = performance.now();
    longest = Math.max(longest, at - last);
    last = at;
    if (running) setImmediate(probe);
  };
  setImmediate(probe);
  const start = performance.now();
  const result = await run();
  running = false;
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return [result, round(performance.now() - start), round(Math.max(longest, performance.now() - last))];
}

async function main(): Promise<void> {
  process.stderr.write('bench:health: writing 7 days of 1-minute points and an hour of 1-second points…\n');
  const [, fillMs] = await time(() => {
    const firstMinute = Math.floor(now / 60_000) * 60_000 - 7 * 86_400_000;
    for (let at = firstMinute; at < now - 60_000; at += 60_000) history.appendAll('1m', point(at, REQUESTS_PER_SECOND * 60));
    for (let at = Math.floor(now / 1000) * 1000 - 3_600_000; at < now; at += 1000) history.appendAll('1s', point(at, REQUESTS_PER_SECOND));
  });
  const builder = new HealthHistoryBuilder(history, () => new Map());
  const targets = { p50Ms: 500, p99Ms: 5000 };
  const rows: string[][] = [];
  for (const window of ['5m', '1h', '24h', '7d'] as const) {
    const [chart, firstMs, firstHeld] = await time(() => builder.build(window, now, targets));
    const [, cachedMs, cachedHeld] = await time(() => builder.build(window, now + 1000, targets));
    rows.push([`chart ${window}`, String(chart.points.length), `${firstMs} ms (loop held ≤ ${firstHeld} ms)`, `${cachedMs} ms (≤ ${cachedHeld} ms)`]);
  }
  const rules = ALERT_RULES.map((def) => ({ id: def.id, enabled: def.enabledByDefault, threshold: def.defaultThreshold }));
  for (const window of ['1h', '24h', '7d'] as const) {
    const [report, ms, held] = await time(() => collectCheckpoint({ history, alerts: { rules: () => rules, between: () => [] } }, window, now));
    rows.push([`report ${window}`, `${report.latency.requests.toLocaleString('en-US')} requests`, `${ms} ms (loop held ≤ ${held} ms)`, '—']);
  }
  history.close();
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write(`history written in ${fillMs} ms (${REQUESTS_PER_SECOND} requests/s)\n`);
  process.stdout.write(`${['what', 'points', 'first build', 'next build (cached)'].join(' | ')}\n`);
  for (const row of rows) process.stdout.write(`${row.join(' | ')}\n`);
}

void main();

// The Health view's history from a real metrics.sqlite and retry-log.sqlite in a temp dir: buckets of
// the window's width, percentiles from the merged HdrHistograms (not averaged per-second
// percentiles), request/timeout/order/retry counts in the right bucket, the distribution over the
// window, 1-minute points for 24 h, and closed buckets served from the cache unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HealthHistory } from '../../src-shared/domain/health';
import type { HealthPoint } from '../../src-shared/domain/health';
import { HealthHistoryBuilder } from '../../src-main/metrics/health-history';
import { decodeHistogram, encodeHistogram, latencyFigures, newLatencyHistogram, recordLatencyMs } from '../../src-main/metrics/latency-figures';
import { MetricsHistory } from '../../src-main/metrics/metrics-history';
import type { AllPoint } from '../../src-main/metrics/metrics-history';
import { RetryStore } from '../../src-main/retry-log/retry-store';

/** [latency ms, how many, outcome, op]: one line of an interval's requests. */
type Requests = readonly (readonly [number, number, 'ok' | 'timeout', string])[];

const TARGETS = { p50Ms: 500, p99Ms: 5000 };
/** 12:00:00 UTC: a whole minute, so every bucket size of the plans divides it. */
const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const NOW = T + 30_500;

function values(requests: Requests): number[] {
  return requests.flatMap(([ms, n]) => Array.from({ length: n }, () => ms));
}

function pointOf(at: number, requests: Requests): AllPoint {
  const histogram = newLatencyHistogram();
  for (const ms of values(requests)) recordLatencyMs(histogram, ms);
  const count = (keep: (line: Requests[number]) => boolean): number => requests.filter(keep).reduce((sum, [, n]) => sum + n, 0);
  return {
    at,
    count: count(() => true),
    timeouts: count(([, , outcome]) => outcome === 'timeout'),
    errors: 0,
    orders: count(([, , , op]) => op === 'placeOrder'),
    histogram: encodeHistogram(histogram),
  };
}

/** The figures of all these values recorded in one histogram, read back from storage like the builder's. */
function mergedFigures(requests: Requests): { p50: number; p99: number; max: number } {
  const histogram = newLatencyHistogram();
  for (const ms of values(requests)) recordLatencyMs(histogram, ms);
  const { p50, p99, max } = latencyFigures(decodeHistogram(encodeHistogram(histogram)));
  return { p50, p99, max };
}

// Bucket A (the 10 s from T-60 s): a first second of 1000 requests at 3 s, then nine quiet seconds
// of 10 fast requests (3 of them orders). The slow second dominates: the bucket's p99 is 3 s, while
// the average of the ten per-second p99s is about 300 ms.
const A_SLOW: Requests = [[3000, 1000, 'ok', 'ping']];
const A_FAST: Requests = [[1, 7, 'ok', 'ping'], [1, 3, 'ok', 'placeOrder']];
// Bucket B (the 10 s from T-30 s): a first second of 100 requests with two 6 s order timeouts (that
// second's p99 is 6 s), then nine busy seconds of 1000 requests at 2 ms. Merged, the two stalls are
// 0.02 %: p99 is 2 ms, while the average of per-second p99s is about 600 ms. The max is the stall.
const B_STALL: Requests = [[2, 98, 'ok', 'ping'], [6000, 2, 'timeout', 'placeOrder']];
const B_BUSY: Requests = [[2, 1000, 'ok', 'ping']];

const secondsOf = (start: number, first: Requests, rest: Requests): [number, Requests][] =>
  Array.from({ length: 10 }, (_, i) => [start + i * 1000, i === 0 ? first : rest]);
const SECONDS: [number, Requests][] = [...secondsOf(T - 60_000, A_SLOW, A_FAST), ...secondsOf(T - 30_000, B_STALL, B_BUSY)];
const ALL_A: Requests = [...A_SLOW, ...Array.from({ length: 9 }, () => A_FAST).flat()];
const ALL_B: Requests = [...B_STALL, ...Array.from({ length: 9 }, () => B_BUSY).flat()];

// Retries: two in bucket A's sixth second, one at T-15 s where no request ended.
const RETRIES = [T - 55_500, T - 55_100, T - 15_000];

const byAt = (points: readonly HealthPoint[], at: number): HealthPoint | undefined => points.find((p) => p.at === at);
const sum = (points: readonly HealthPoint[], key: 'requests' | 'timeouts' | 'orders' | 'retries'): number => points.reduce((total, p) => total + p[key], 0);
const countIn = (history: HealthHistory, fromMs: number): number => history.distribution.find((b) => b.fromMs === fromMs)?.count ?? -1;

describe('HealthHistoryBuilder (real SQLite)', () => {
  let dir: string;
  let store: MetricsHistory;
  let retries: RetryStore;
  let builder: HealthHistoryBuilder;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hubdesk-health-history-'));
    store = new MetricsHistory(dir);
    retries = new RetryStore(dir);
    for (const [at, requests] of SECONDS) store.appendAll('1s', pointOf(at, requests));
    RETRIES.forEach((time, i) => {
      retries.append({ callId: `c${i}`, op: 'placeOrder', requestId: `r${i}`, attempt: 1, maxAttempts: 3, kind: 'retry', delayMs: 100, code: 'TIMEOUT', message: 'timed out' }, 'console', time);
    });
    builder = new HealthHistoryBuilder(store, (from, to, bucketMs) => retries.retriesPerBucket('console', from, to, bucketMs));
  });

  afterEach(() => {
    store.close();
    retries.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("'5m': 300 one-second buckets ending after now, one point per second with requests", async () => {
    const history = HealthHistory.parse(await builder.build('5m', NOW, TARGETS));
    expect(history).toMatchObject({ window: '5m', bucketMs: 1000, to: T + 31_000, from: T + 31_000 - 300_000, targets: TARGETS });
    expect((history.to - history.from) / history.bucketMs).toBe(300);
    // 20 seconds with requests, plus the retry-only second.
    expect(history.points.map((p) => p.at)).toEqual([...SECONDS.map(([at]) => at), T - 15_000]);
    expect(byAt(history.points, T - 60_000)).toEqual({ at: T - 60_000, ...mergedFigures(A_SLOW), requests: 1000, timeouts: 0, orders: 0, retries: 0 });
    expect(byAt(history.points, T - 30_000)).toMatchObject({ requests: 100, timeouts: 2, orders: 2, p99: mergedFigures(B_STALL).p99 });
    // Both retries of T-55.5 s and T-55.1 s are in the second that starts at T-56 s.
    expect(byAt(history.points, T - 56_000)).toMatchObject({ requests: 10, orders: 3, retries: 2 });
    expect(byAt(history.points, T - 15_000)).toEqual({ at: T - 15_000, p50: 0, p99: 0, max: 0, requests: 0, timeouts: 0, orders: 0, retries: 1 });
  });

  it("'1h': 360 ten-second buckets; p99 from the merged histogram, never the average of per-second p99s", async () => {
    const history = HealthHistory.parse(await builder.build('1h', NOW, TARGETS));
    expect(history).toMatchObject({ window: '1h', bucketMs: 10_000, to: T + 40_000, from: T + 40_000 - 3_600_000 });
    expect((history.to - history.from) / history.bucketMs).toBe(360);
    expect(history.points.map((p) => p.at)).toEqual([T - 60_000, T - 30_000, T - 20_000]);

    const a = byAt(history.points, T - 60_000);
    const b = byAt(history.points, T - 30_000);
    expect(a).toEqual({ at: T - 60_000, ...mergedFigures(ALL_A), requests: 1090, timeouts: 0, orders: 27, retries: 2 });
    expect(b).toEqual({ at: T - 30_000, ...mergedFigures(ALL_B), requests: 9100, timeouts: 2, orders: 2, retries: 0 });
    expect(byAt(history.points, T - 20_000)).toMatchObject({ requests: 0, retries: 1 });

    // What averaging the stored per-second p99s would have drawn instead, far from the truth.
    const averagedP99 = (first: Requests, rest: Requests): number => (mergedFigures(first).p99 + 9 * mergedFigures(rest).p99) / 10;
    expect(a?.p99).toBeGreaterThan(2990);
    expect(averagedP99(A_SLOW, A_FAST)).toBeLessThan(310);
    expect(b?.p99).toBeLessThan(2.01);
    expect(b?.max).toBeGreaterThanOrEqual(6000);
    expect(averagedP99(B_STALL, B_BUSY)).toBeGreaterThan(590);
  });

  it('sums requests, timeouts, orders and retries over the window and fills the distribution', async () => {
    const history = await builder.build('1h', NOW, TARGETS);
    expect(sum(history.points, 'requests')).toBe(1090 + 9100);
    expect(sum(history.points, 'timeouts')).toBe(2);
    expect(sum(history.points, 'orders')).toBe(29);
    expect(sum(history.points, 'retries')).toBe(3);

    expect(history.distribution.reduce((total, bucket) => total + bucket.count, 0)).toBe(1090 + 9100);
    expect(countIn(history, 1)).toBe(90); // A's 1 ms requests: [1, 2)
    expect(countIn(history, 2)).toBe(98 + 9000); // B's 2 ms requests: [2, 5)
    expect(countIn(history, 2000)).toBe(1000); // A's 3 s second: [2000, 5000)
    expect(countIn(history, 5000)).toBe(2); // B's 6 s stalls: [5000, 10 000)
    expect(countIn(history, 0)).toBe(0);
    // The 5-minute window covers the same requests: the same distribution.
    expect((await builder.build('5m', NOW, TARGETS)).distribution).toEqual(history.distribution);
  });

  it("'24h' reads the 1-minute points into 5-minute buckets (the 1-second points are not counted twice)", async () => {
    store.appendAll('1m', pointOf(T - 600_000, [[40, 500, 'ok', 'ping'], [40, 100, 'ok', 'placeOrder']]));
    store.appendAll('1m', pointOf(T - 540_000, [[700, 60, 'ok', 'ping'], [5500, 1, 'timeout', 'placeOrder']]));
    store.appendAll('1m', pointOf(T - 120_000, [[9, 10, 'ok', 'ping']]));

    const history = HealthHistory.parse(await builder.build('24h', NOW, TARGETS));
    expect(history).toMatchObject({ window: '24h', bucketMs: 300_000, to: T + 300_000, from: T + 300_000 - 86_400_000 });
    expect((history.to - history.from) / history.bucketMs).toBe(288);
    expect(history.points).toEqual([
      {
        at: T - 600_000,
        ...mergedFigures([[40, 600, 'ok', 'ping'], [700, 60, 'ok', 'ping'], [5500, 1, 'timeout', 'placeOrder']]),
        requests: 661,
        timeouts: 1,
        orders: 101,
        retries: 0,
      },
      // The bucket of the 1-second data: only its minute point's 10 requests, and all three retries.
      { at: T - 300_000, ...mergedFigures([[9, 10, 'ok', 'ping']]), requests: 10, timeouts: 0, orders: 0, retries: 3 },
    ]);
    expect(history.distribution.reduce((total, bucket) => total + bucket.count, 0)).toBe(671);
  });

  it('a second build from the cache gives the same result, for every window', async () => {
    store.appendAll('1m', pointOf(T - 600_000, [[40, 50, 'ok', 'ping']]));
    for (const window of ['5m', '1h', '24h', '7d'] as const) {
      const first = await builder.build(window, NOW, TARGETS);
      expect(await builder.build(window, NOW, TARGETS)).toEqual(first);
      // A fresh builder (nothing cached) agrees too.
      const fresh = new HealthHistoryBuilder(store, (from, to, bucketMs) => retries.retriesPerBucket('console', from, to, bucketMs));
      expect(await fresh.build(window, NOW, TARGETS)).toEqual(first);
    }
  });

  it('a point written into the open bucket shows up on the next build', async () => {
    const before1h = await builder.build('1h', NOW, TARGETS);
    const before5m = await builder.build('5m', NOW, TARGETS);
    expect(byAt(before1h.points, T + 30_000)).toBeUndefined();

    // The second [T+30 s, T+31 s) closes and is stored; the next build is a little later.
    const later = T + 31_200;
    store.appendAll('1s', pointOf(T + 30_000, [[8000, 3, 'timeout', 'placeOrder'], [4, 7, 'ok', 'ping']]));
    const after1h = await builder.build('1h', later, TARGETS);
    const after5m = await builder.build('5m', later, TARGETS);
    const expected = { ...mergedFigures([[8000, 3, 'timeout', 'placeOrder'], [4, 7, 'ok', 'ping']]), requests: 10, timeouts: 3, orders: 3, retries: 0 };
    expect(byAt(after1h.points, T + 30_000)).toEqual({ at: T + 30_000, ...expected });
    expect(byAt(after5m.points, T + 30_000)).toEqual({ at: T + 30_000, ...expected });
    // The cached buckets are unchanged.
    expect(after1h.points.filter((p) => p.at !== T + 30_000)).toEqual(before1h.points);
    expect(after5m.points.filter((p) => p.at !== T + 30_000)).toEqual(before5m.points);
    expect(countIn(after1h, 5000)).toBe(countIn(before1h, 5000) + 3);
  });
});

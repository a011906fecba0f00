// Chart data for the Health view: all hub requests over a window, in at most a few hundred buckets,
// each with percentiles from the merged HdrHistograms (never an average of percentiles), request,
// timeout, order and retry counts, and the latency distribution. Closed buckets are cached.
import type { Histogram } from 'hdr-histogram-js';
import type { HealthHistory, HealthPoint, HistoryWindow } from '../../src-shared/domain/health';
import { decodeHistogram, histogramDistribution, latencyFigures, newLatencyHistogram } from './latency-figures';
import type { MetricsHistory, Resolution } from './metrics-history';
import { forEachSliced } from './time-slice';

interface WindowPlan {
  spanMs: number;
  resolution: Resolution;
  bucketMs: number;
}

export const HISTORY_WINDOWS: Record<HistoryWindow, WindowPlan> = {
  '5m': { spanMs: 5 * 60_000, resolution: '1s', bucketMs: 1_000 },
  '1h': { spanMs: 3_600_000, resolution: '1s', bucketMs: 10_000 },
  '24h': { spanMs: 86_400_000, resolution: '1m', bucketMs: 5 * 60_000 },
  '7d': { spanMs: 7 * 86_400_000, resolution: '1m', bucketMs: 30 * 60_000 },
};

interface Bucket {
  point: HealthPoint;
  histogram: Histogram;
}

/** Retries logged per bucket start, for [from, to). */
export type RetryCounter = (from: number, to: number, bucketMs: number) => Map<number, number>;

export class HealthHistoryBuilder {
  /** Buckets that can no longer change, by `${bucketMs}:${at}`; null: one that saw no request. */
  private readonly closed = new Map<string, Bucket | null>();

  constructor(
    private readonly store: MetricsHistory,
    private readonly retries: RetryCounter,
  ) {}

  /** Decodes in slices (see time-slice.ts): a first 7-day build never blocks main for long. */
  async build(window: HistoryWindow, now: number, targets: { p50Ms: number; p99Ms: number }): Promise<HealthHistory> {
    const plan = HISTORY_WINDOWS[window];
    const to = Math.floor(now / plan.bucketMs) * plan.bucketMs + plan.bucketMs;
    const from = to - plan.spanMs;
    // A bucket is final once its last interval has been written (a 1-minute point lands after its minute).
    const settled = now - (plan.resolution === '1s' ? 2_000 : 61_000);
    const retries = onBuckets(this.retries(from, to, plan.bucketMs), plan.bucketMs, from, to);
    const missing = this.missingRange(plan, from, to);
    const fresh = missing ? await this.aggregate(plan, missing.from, to) : new Map<number, Bucket>();
    const points: HealthPoint[] = [];
    const whole = newLatencyHistogram();
    for (let at = from; at < to; at += plan.bucketMs) {
      const key = `${plan.bucketMs}:${at}`;
      const bucket = this.closed.has(key) ? this.closed.get(key) : fresh.get(at);
      if (at + plan.bucketMs <= settled) this.closed.set(key, bucket ?? null);
      if (!bucket) continue;
      whole.add(bucket.histogram);
      points.push({ ...bucket.point, retries: retries.get(at) ?? 0 });
    }
    // Retries can fall in a bucket that saw no request that ended.
    for (const [at, count] of retries) {
      if (!points.some((p) => p.at === at)) points.push({ at, p50: 0, p99: 0, max: 0, requests: 0, timeouts: 0, orders: 0, retries: count });
    }
    points.sort((a, b) => a.at - b.at);
    this.evict(plan.bucketMs, from);
    return { window, from, to, bucketMs: plan.bucketMs, points, distribution: histogramDistribution(whole), targets };
  }

  /** From where stored points must be read: after the last cached bucket of this plan. */
  private missingRange(plan: WindowPlan, from: number, to: number): { from: number } | null {
    let at = from;
    while (at < to && this.closed.has(`${plan.bucketMs}:${at}`)) at += plan.bucketMs;
    return at < to ? { from: at } : null;
  }

  private async aggregate(plan: WindowPlan, from: number, to: number): Promise<Map<number, Bucket>> {
    const buckets = new Map<number, Bucket & { counts: { requests: number; timeouts: number; orders: number } }>();
    await forEachSliced(this.store.allPoints(plan.resolution, from, to), (row) => {
      const at = Math.floor(row.at / plan.bucketMs) * plan.bucketMs;
      let bucket = buckets.get(at);
      if (!bucket) {
        bucket = { histogram: newLatencyHistogram(), point: emptyPoint(at), counts: { requests: 0, timeouts: 0, orders: 0 } };
        buckets.set(at, bucket);
      }
      bucket.histogram.add(decodeHistogram(row.histogram));
      bucket.counts.requests += row.count;
      bucket.counts.timeouts += row.timeouts;
      bucket.counts.orders += row.orders;
    });
    const result = new Map<number, Bucket>();
    for (const [at, bucket] of buckets) {
      const figures = latencyFigures(bucket.histogram);
      result.set(at, { histogram: bucket.histogram, point: { at, p50: figures.p50, p99: figures.p99, max: figures.max, retries: 0, ...bucket.counts } });
    }
    return result;
  }

  private evict(bucketMs: number, from: number): void {
    for (const key of this.closed.keys()) {
      const [size, at] = key.split(':').map(Number);
      if (size === bucketMs && (at ?? 0) < from) this.closed.delete(key);
    }
  }
}

/**
 * Retry counts keyed by bucket start: a counter's keys are floored onto this plan's buckets (and
 * summed), so a retry is never drawn between two buckets nor missed by the bucket it belongs to.
 */
function onBuckets(counts: ReadonlyMap<number, number>, bucketMs: number, from: number, to: number): Map<number, number> {
  const result = new Map<number, number>();
  for (const [at, count] of counts) {
    const start = Math.floor(at / bucketMs) * bucketMs;
    if (start < from || start >= to) continue;
    result.set(start, (result.get(start) ?? 0) + count);
  }
  return result;
}

function emptyPoint(at: number): HealthPoint {
  return { at, p50: 0, p99: 0, max: 0, requests: 0, timeouts: 0, orders: 0, retries: 0 };
}

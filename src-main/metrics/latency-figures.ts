// Latency figures from an HdrHistogram of microseconds: the histogram every tool records into,
// percentiles in ms (3 decimals) and throughput. Pure: no clocks, no I/O.
import { build, decodeFromCompressedBase64, encodeIntoCompressedBase64, JsHistogram } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

export interface LatencyFigures {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  /** Values recorded (every request that ended, successful or not). */
  recorded: number;
}

/** Microsecond resolution, 3 significant digits (±0.1 %), grows as needed: no value is ever clipped. */
export function newLatencyHistogram(): Histogram {
  return build({
    useWebAssembly: false,
    autoResize: true,
    bitBucketSize: 32,
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

/** Records one latency given in ms (fractional) as whole microseconds; negatives (clock noise) as 0. */
export function recordLatencyMs(histogram: Histogram, latencyMs: number): void {
  histogram.recordValue(Math.max(0, Math.round(latencyMs * 1000)));
}

/** Microseconds to ms, rounded to 3 decimals (the microsecond). */
export function microsToMs(micros: number): number {
  return Math.round(micros) / 1000;
}

export function latencyFigures(histogram: Histogram): LatencyFigures {
  if (histogram.totalCount === 0) return { p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, recorded: 0 };
  // A percentile is its bucket's upper bound (up to 0.1 % high); never report one above the exact max.
  const max = histogram.maxValue;
  const at = (percentile: number): number => microsToMs(Math.min(max, histogram.getValueAtPercentile(percentile)));
  return {
    p50: at(50),
    p90: at(90),
    p99: at(99),
    p99_9: at(99.9),
    max: microsToMs(max),
    recorded: histogram.totalCount,
  };
}

/** Completed requests per second over `durationMs`, 1 decimal; 0 for an empty or instant run. */
export function throughputPerSecond(completed: number, durationMs: number): number {
  if (completed <= 0 || durationMs <= 0) return 0;
  return Math.round((completed * 10_000) / durationMs) / 10;
}

/** A histogram as text (compressed, base64) for storage; decodeHistogram reads it back. */
export function encodeHistogram(histogram: Histogram): string {
  return encodeIntoCompressedBase64(histogram);
}

export function decodeHistogram(encoded: string): Histogram {
  return decodeFromCompressedBase64(encoded, 32, false);
}

/** The distribution chart's bucket edges in ms: a 1-2-5 ladder from 1 ms to 60 s. */
export const DISTRIBUTION_EDGES_MS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 60_000] as const;

/** Requests per bucket [edge, next edge) in ms; the last bucket takes everything above it. */
export function histogramDistribution(histogram: Histogram): { fromMs: number; toMs: number; count: number }[] {
  const edges = DISTRIBUTION_EDGES_MS;
  const buckets = edges.slice(0, -1).map((fromMs, i) => ({ fromMs, toMs: edges[i + 1] as number, count: 0 }));
  if (!(histogram instanceof JsHistogram) || histogram.totalCount === 0) return buckets;
  const values = histogram.recordedValuesIterator;
  values.reset();
  while (values.hasNext()) {
    const step = values.next();
    const ms = step.valueIteratedTo / 1000;
    const index = buckets.findIndex((bucket) => ms < bucket.toMs);
    const bucket = buckets[index === -1 ? buckets.length - 1 : index] as { count: number };
    bucket.count += step.countAtValueIteratedTo;
  }
  return buckets;
}

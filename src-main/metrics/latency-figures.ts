// Latency figures from an HdrHistogram of microseconds: the histogram every tool records into,
// percentiles in ms (3 decimals) and throughput. Pure: no clocks, no I/O.
import { build } from 'hdr-histogram-js';
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

// Figures from an HdrHistogram of microseconds: percentiles in ms within the histogram's 0.1 %,
// never above the exact max; failures' times are just values; throughput.
import { describe, expect, it } from 'vitest';
import { latencyFigures, microsToMs, newLatencyHistogram, recordLatencyMs, throughputPerSecond } from '../../src-main/metrics/latency-figures';

function histogramOf(valuesMs: readonly number[]): ReturnType<typeof newLatencyHistogram> {
  const histogram = newLatencyHistogram();
  for (const ms of valuesMs) recordLatencyMs(histogram, ms);
  return histogram;
}

const oneToThousand = Array.from({ length: 1000 }, (_, i) => (i + 1) / 10);

describe('latencyFigures', () => {
  it.each([
    { name: 'empty', values: [], expected: { p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, recorded: 0 } },
    { name: 'one value', values: [0.25], expected: { p50: 0.25, p90: 0.25, p99: 0.25, p99_9: 0.25, max: 0.25, recorded: 1 } },
    { name: '0.1 .. 100 ms', values: oneToThousand, expected: { p50: 50, p90: 90, p99: 99, p99_9: 99.9, max: 100, recorded: 1000 } },
    {
      name: 'a tail: 990 fast, 10 that waited 5.5 s for a retry',
      values: [...Array.from({ length: 990 }, () => 0.2), ...Array.from({ length: 10 }, () => 5500)],
      expected: { p50: 0.2, p90: 0.2, p99: 0.2, p99_9: 5500, max: 5500, recorded: 1000 },
    },
  ])('$name', ({ values, expected }) => {
    const figures = latencyFigures(histogramOf(values));
    expect(figures.recorded).toBe(expected.recorded);
    for (const key of ['p50', 'p90', 'p99', 'p99_9', 'max'] as const) {
      // HdrHistogram with 3 significant digits: within 0.1 % (plus the microsecond rounding).
      expect(Math.abs(figures[key] - expected[key])).toBeLessThanOrEqual(expected[key] * 0.001 + 0.001);
    }
  });

  it('never reports a percentile above the exact max', () => {
    const figures = latencyFigures(histogramOf([0.1, 123.456]));
    expect(figures.max).toBe(123.456);
    expect(figures.p99_9).toBeLessThanOrEqual(figures.max);
  });

  it('records sub-microsecond noise and negative clock skew as 0, huge values without clipping', () => {
    const figures = latencyFigures(histogramOf([-0.5, 0.0004, 600_000]));
    expect(figures.recorded).toBe(3);
    expect(figures.max).toBe(600_000);
  });
});

describe('microsToMs and throughputPerSecond', () => {
  it.each([
    [1, 0.001],
    [1500, 1.5],
    [123456, 123.456],
    [0, 0],
  ])('%i µs is %d ms', (micros, ms) => {
    expect(microsToMs(micros)).toBe(ms);
  });

  it.each([
    { completed: 5000, durationMs: 5000, rate: 1000 },
    { completed: 200, durationMs: 1500, rate: 133.3 },
    { completed: 0, durationMs: 1000, rate: 0 },
    { completed: 10, durationMs: 0, rate: 0 },
  ])('$completed in $durationMs ms: $rate/s', ({ completed, durationMs, rate }) => {
    expect(throughputPerSecond(completed, durationMs)).toBe(rate);
  });
});

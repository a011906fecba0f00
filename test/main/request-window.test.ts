// All hub requests over short intervals: one interval becomes a stored point whose histogram reads
// back what was recorded; the sliding window reports latency over its seconds (timeouts included),
// forgets a second once it falls out, and computes rates from completed seconds only.
import { describe, expect, it } from 'vitest';
import { decodeHistogram, latencyFigures } from '../../src-main/metrics/latency-figures';
import { RequestInterval, SlidingWindow } from '../../src-main/metrics/request-window';

/** HdrHistogram keeps 3 significant digits: a percentile may be off by up to 0.1 %. */
function expectWithinPrecision(actual: number, exact: number): void {
  expect(Math.abs(actual - exact)).toBeLessThanOrEqual(exact * 0.001 + 0.001);
}

/** The nearest-rank percentile of sorted values: the smallest value with at least p % at or below it. */
function exactPercentile(sorted: readonly number[], percentile: number): number {
  const rank = Math.max(1, Math.ceil((percentile / 100) * sorted.length));
  return sorted[rank - 1] as number;
}

describe('SlidingWindow latency', () => {
  it('reports p50/p99/max of a known distribution within HdrHistogram precision, timeouts counted', () => {
    const window = new SlidingWindow(10);
    const values: number[] = [];
    // 1..1000 ms spread over three seconds, then five timeouts at 5.5 s in the current second.
    for (let ms = 1; ms <= 1000; ms++) {
      window.record('ping', ms, 'ok');
      values.push(ms);
      if (ms === 400 || ms === 800) window.tick();
    }
    for (let i = 0; i < 5; i++) {
      window.record('placeOrder', 5500, 'timeout');
      values.push(5500);
    }
    window.record('ping', 12, 'error');
    values.push(12);
    values.sort((a, b) => a - b);

    const { latency } = window.figures();
    expect(latency.count).toBe(1006);
    expect(latency.timeouts).toBe(5);
    expect(latency.errors).toBe(1);
    expectWithinPrecision(latency.p50, exactPercentile(values, 50));
    expectWithinPrecision(latency.p90, exactPercentile(values, 90));
    expectWithinPrecision(latency.p99, exactPercentile(values, 99));
    // The timeouts are in the figures: the worst 0.1 % and the max are the 5.5 s waits.
    expect(exactPercentile(values, 99.9)).toBe(5500);
    expectWithinPrecision(latency.p99_9, 5500);
    expect(latency.max).toBe(5500);
  });

  it('an empty window reports zeros, not NaN', () => {
    expect(new SlidingWindow(5).figures()).toEqual({
      latency: { p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0, count: 0, timeouts: 0, errors: 0 },
      requestsPerSec: 0,
      ordersPerSec: 0,
    });
  });

  it('forgets a second once `seconds` ticks have passed, and not before', () => {
    const window = new SlidingWindow(10);
    window.record('ping', 6000, 'timeout');
    for (let second = 1; second < 10; second++) {
      window.tick();
      window.record('ping', 2, 'ok');
    }
    // Ten seconds in the window, the stall's included.
    expect(window.figures().latency).toMatchObject({ max: 6000, count: 10, timeouts: 1 });

    window.tick();
    const latency = window.figures().latency;
    expect(latency).toMatchObject({ max: 2, count: 9, timeouts: 0 });
    expect(latency.p99).toBe(2);
  });

  it('a slow burst long gone does not linger in p99 after a full wrap of the ring', () => {
    const window = new SlidingWindow(3);
    for (let i = 0; i < 100; i++) window.record('ping', 4000, 'ok');
    for (let t = 0; t < 3; t++) window.tick();
    window.record('ping', 1, 'ok');
    expect(window.figures().latency).toMatchObject({ p50: 1, p99: 1, max: 1, count: 1 });
  });
});

describe('SlidingWindow rates', () => {
  const burst = (window: SlidingWindow, n: number, op = 'ping'): void => {
    for (let i = 0; i < n; i++) window.record(op, 1, 'ok');
  };

  it('a burst in the current second shows in requestsPerSec only after the tick', () => {
    const window = new SlidingWindow(10);
    burst(window, 50);
    expect(window.figures().requestsPerSec).toBe(0);
    // The latency side sees the current second at once.
    expect(window.figures().latency.count).toBe(50);
    window.tick();
    expect(window.figures().requestsPerSec).toBe(50);
    burst(window, 30);
    expect(window.figures().requestsPerSec).toBe(50);
    window.tick();
    expect(window.figures().requestsPerSec).toBe(40);
  });

  it('averages over the completed seconds of a full ring, the oldest dropped', () => {
    const window = new SlidingWindow(3);
    burst(window, 10);
    window.tick();
    burst(window, 20);
    window.tick();
    burst(window, 30);
    // Completed: 10 and 20; the 30 is still filling.
    expect(window.figures().requestsPerSec).toBe(15);
    window.tick();
    // The ring holds 20, 30 and the empty current second.
    expect(window.figures().requestsPerSec).toBe(25);
    window.tick();
    expect(window.figures().requestsPerSec).toBe(15);
  });

  it.each([
    ['placeOrder only', [['placeOrder', 3]], 3, 3],
    ['other ops are requests, not orders', [['cancelOrder', 2], ['ping', 5], ['getPositions', 1]], 8, 0],
    ['a mix', [['placeOrder', 4], ['cancelOrder', 2], ['ping', 4]], 10, 4],
  ] as const)('orders: %s', (_name, ops, requestsPerSec, ordersPerSec) => {
    const window = new SlidingWindow(10);
    for (const [op, n] of ops) burst(window, n, op);
    window.tick();
    expect(window.figures()).toMatchObject({ requestsPerSec, ordersPerSec });
  });

  it('rates keep one decimal', () => {
    const window = new SlidingWindow(10);
    burst(window, 1);
    window.tick();
    window.tick();
    window.tick();
    expect(window.figures().requestsPerSec).toBe(0.3);
  });
});

describe('RequestInterval', () => {
  it('takes a stored point whose histogram reads back what was recorded, then starts afresh', () => {
    const interval = new RequestInterval();
    interval.record('placeOrder', 3, 'ok');
    interval.record('placeOrder', 5500, 'timeout');
    interval.record('ping', 1, 'error');
    interval.record('cancelOrder', 2, 'ok');
    const point = interval.take(42_000);
    expect(point).toMatchObject({ at: 42_000, count: 4, timeouts: 1, errors: 1, orders: 2 });
    const figures = latencyFigures(decodeHistogram(point?.histogram ?? ''));
    expect(figures.recorded).toBe(4);
    expectWithinPrecision(figures.max, 5500);
    expectWithinPrecision(figures.p50, 2);

    expect(interval.take(43_000)).toBeNull();
    interval.record('ping', 7, 'ok');
    const next = interval.take(44_000);
    expect(next).toMatchObject({ count: 1, timeouts: 0, errors: 0, orders: 0 });
    // Stored histograms keep values to HdrHistogram precision (the exact max is not in the encoding).
    expectWithinPrecision(latencyFigures(decodeHistogram(next?.histogram ?? '')).max, 7);
  });
});

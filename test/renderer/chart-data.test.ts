// The Health charts' data: counts per bucket read as rates whatever the bucket width, empty
// buckets as gaps, distribution buckets by their upper edge, a log axis that keeps the targets in
// view, time ticks as precise as the window, and each window's refresh.
import { describe, expect, it } from 'vitest';
import {
  axisMs,
  decadeTicks,
  distributionBars,
  distributionLabel,
  hasRequests,
  latencyPoints,
  logDomain,
  refreshEveryMs,
  retryPoints,
  throughputPoints,
  timeTick,
  timeTicks,
} from '../../src-renderer/features/health/chart-data';
import { history, point } from './health-fixtures';

describe('throughputPoints and retryPoints', () => {
  it.each([
    // bucketMs, requests, orders, retries → requests/s, orders/s, retries/min
    [1_000, 50, 5, 1, 50, 5, 60],
    [5_000, 50, 5, 1, 10, 1, 12],
    [60_000, 600, 60, 3, 10, 1, 3],
    [3_600_000, 36_000, 360, 60, 10, 0.1, 1],
  ])('a %i ms bucket of %i requests', (bucketMs, requests, orders, retries, perSecond, ordersPerSecond, perMinute) => {
    const h = history({ bucketMs, points: [point(0, { requests, orders, retries })] });
    expect(throughputPoints(h)).toEqual([{ at: 0, requests: perSecond, orders: ordersPerSecond }]);
    expect(retryPoints(h)).toEqual([{ at: 0, retries: perMinute }]);
  });
});

describe('latencyPoints', () => {
  it('draws a bucket without requests as a gap, and sub-0.1 ms figures at the floor', () => {
    const points = latencyPoints(history({ points: [point(0, { requests: 0, p50: 0 }), point(5_000, { p50: 0.02, p99: 3, max: 9 })] }));
    expect(points).toEqual([
      { at: 0, p50: null, p99: null, max: null },
      { at: 5_000, p50: 0.1, p99: 3, max: 9 },
    ]);
    expect(hasRequests(history({ points: [point(0, { requests: 0 })] }))).toBe(false);
  });
});

describe('distribution', () => {
  it.each([
    [1, '≤ 1 ms'],
    [5, '≤ 5 ms'],
    [0.5, '≤ 0.5 ms'],
    [250, '≤ 250 ms'],
    [1_000, '≤ 1 s'],
    [2_500, '≤ 2.5 s'],
  ])('a bucket up to %d ms is labelled %s', (toMs, label) => {
    expect(distributionLabel(toMs)).toBe(label);
  });

  it('keeps the counts in bucket order', () => {
    expect(distributionBars(history())).toEqual([
      { label: '≤ 5 ms', count: 80 },
      { label: '≤ 50 ms', count: 20 },
    ]);
  });
});

describe('logDomain and decadeTicks', () => {
  it.each([
    [[2, 40, 500, 5_000], [1, 10_000]],
    [[0.3, 12, null], [0.1, 100]],
    [[null], [1, 1_000]],
    [[100], [100, 1_000]],
  ])('%j spans %j', (values, domain) => {
    expect(logDomain(values)).toEqual(domain);
  });

  it('puts a tick at each decade', () => {
    expect(decadeTicks([0.1, 1_000])).toEqual([0.1, 1, 10, 100, 1_000]);
  });
});

describe('timeTick and refreshEveryMs', () => {
  const at = new Date(2025, 2, 3, 14, 2, 9).getTime(); // a Monday, local time

  it.each([
    ['5m', '14:02:09'],
    ['1h', '14:02'],
    ['24h', '14:02'],
    ['7d', 'Mon 14:02'],
  ] as const)('%s ticks read %s', (window, expected) => {
    expect(timeTick(window, at)).toBe(expected);
  });

  it('refreshes short windows every 5 s and long ones every minute', () => {
    expect(['5m', '1h', '24h', '7d'].map((w) => refreshEveryMs(w as '5m'))).toEqual([5_000, 5_000, 60_000, 60_000]);
  });
});

describe('axisMs and timeTicks', () => {
  it.each([
    [0.1, '0.1 ms'],
    [100, '100 ms'],
    [1_000, '1 s'],
    [10_000, '10 s'],
  ])('a latency tick at %d ms reads %s', (ms, expected) => {
    expect(axisMs(ms)).toBe(expected);
  });

  it.each([
    ['5 min', 5 * 60_000, 60_000],
    ['1 h', 3_600_000, 600_000],
    ['24 h', 86_400_000, 6 * 3_600_000],
    ['7 d', 7 * 86_400_000, 86_400_000],
  ])('a %s window gets round ticks, at most 7', (_name, span, step) => {
    const from = new Date(2025, 2, 3, 14, 2, 9).getTime();
    const ticks = timeTicks(from, from + span);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(7);
    expect(ticks[0]).toBeGreaterThanOrEqual(from);
    expect(ticks.slice(1).map((at, index) => at - (ticks[index] ?? 0))).toEqual(ticks.slice(1).map(() => step));
    // Round on the local clock: whole minutes, and whole hours for the long windows.
    const first = new Date(ticks[0] ?? 0);
    expect(first.getSeconds()).toBe(0);
    if (step >= 3_600_000) expect(first.getMinutes()).toBe(0);
  });
});

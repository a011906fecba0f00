// Per-operation latency: percentiles against a known distribution, timeouts recorded with their
// full wait (the open-loop point of view: a stall shows in p99 and max), intervals that reset.
import { describe, expect, it } from 'vitest';
import { OpLatency } from '../../src-main/metrics/op-latency';

describe('OpLatency', () => {
  it('gives the percentiles of a uniform 1..1000 ms distribution within 0.1 %', () => {
    const metrics = new OpLatency();
    for (let ms = 1; ms <= 1000; ms++) metrics.record('ping', ms, 'ok');
    const [ping] = metrics.cumulative();
    expect(ping?.count).toBe(1000);
    for (const [key, expected] of [['p50', 500], ['p90', 900], ['p99', 990], ['p99_9', 999], ['max', 1000]] as const) {
      expect(Math.abs((ping?.latency[key] ?? 0) - expected) / expected).toBeLessThanOrEqual(0.001);
    }
  });

  it('keeps timed-out requests in the figures: a stall shows in p99 and max', () => {
    const metrics = new OpLatency();
    for (let i = 0; i < 980; i++) metrics.record('placeOrder', 1, 'ok');
    for (let i = 0; i < 20; i++) metrics.record('placeOrder', 5500, 'timeout');
    const [place] = metrics.cumulative();
    expect(place).toMatchObject({ count: 1000, timeouts: 20, errors: 0 });
    expect(place?.latency.p50).toBeCloseTo(1, 2);
    expect(place?.latency.p99).toBeGreaterThan(5490);
    expect(place?.latency.max).toBeCloseTo(5500, 0);
  });

  it('reports each 1-second interval on its own and starts the next empty', () => {
    const metrics = new OpLatency();
    metrics.record('ping', 2, 'ok');
    metrics.record('orderStatus', 7, 'error');
    expect(metrics.tick().map((p) => [p.op, p.count, p.errors, p.latency.max])).toEqual([
      ['ping', 1, 0, 2],
      ['orderStatus', 1, 1, 7],
    ]);
    metrics.record('ping', 3, 'ok');
    expect(metrics.tick().map((p) => [p.op, p.count, p.latency.max])).toEqual([['ping', 1, 3]]);
    expect(metrics.cumulative().find((f) => f.op === 'ping')?.count).toBe(2);
  });
});

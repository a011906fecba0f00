// The open-loop runner with calls that are not a hub: every request recorded, failures included,
// the concurrency cap held, and time waiting for a slot counted as latency (no coordinated omission).
import { describe, expect, it } from 'vitest';
import { latencyFigures } from '../../../src-main/metrics/latency-figures';
import { runOpenLoop } from '../../../src-main/tools/stress/open-loop';

const after = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('runOpenLoop', () => {
  it('records every request, and counts failures (thrown or rejected) by their code', async () => {
    let n = 0;
    const result = await runOpenLoop({
      count: 40,
      rate: 2000,
      concurrency: 100,
      call: () => {
        n += 1;
        if (n % 10 === 0) throw new Error('sync');
        if (n % 10 === 5) return Promise.reject(new RangeError('async'));
        return after(1);
      },
      classify: (error) => (error instanceof Error ? error.message : 'other'),
    });
    expect(result.succeeded).toBe(32);
    expect(result.failures).toBe(8);
    expect(result.failureCodes).toEqual({ sync: 4, async: 4 });
    // Nothing dropped from the figures: the failed requests' times are in the histogram too.
    expect(latencyFigures(result.histogram).recorded).toBe(40);
  });

  it('never has more than --concurrency requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    await runOpenLoop({
      count: 30,
      rate: 10_000,
      concurrency: 3,
      call: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await after(2);
        inFlight -= 1;
      },
    });
    expect(most).toBe(3);
  });

  it('counts the wait for a free slot as latency: latency runs from the scheduled time', async () => {
    // 10 requests due within 9 ms, one at a time, each holding its slot for at least 20 ms: the last
    // one cannot end before ~200 ms after the start, though its own call took only ~20 ms.
    const callMs: number[] = [];
    const result = await runOpenLoop({
      count: 10,
      rate: 1000,
      concurrency: 1,
      call: async () => {
        const started = performance.now();
        await after(20);
        callMs.push(performance.now() - started);
      },
    });
    const figures = latencyFigures(result.histogram);
    expect(Math.max(...callMs)).toBeLessThan(figures.max);
    expect(figures.max).toBeGreaterThanOrEqual(9 * 19);
    expect(result.durationMs).toBeGreaterThanOrEqual(figures.max);
  });

  it('reports progress, ending with everything done', async () => {
    const seen: Array<{ sent: number; done: number }> = [];
    await runOpenLoop({ count: 20, rate: 500, concurrency: 100, call: () => after(1), onProgress: (p) => seen.push(p), progressEveryMs: 5 });
    expect(seen.at(-1)).toMatchObject({ sent: 20, done: 20, failures: 0 });
    expect(seen.length).toBeGreaterThan(1);
  });
});

// The closed-loop runner: every task runs once, never more than `concurrency` at a time, and the
// next starts as soon as one ends.
import { describe, expect, it } from 'vitest';
import { runClosedLoop } from '../../../src-main/tools/stress/closed-loop';

describe('runClosedLoop', () => {
  it.each([
    { count: 50, concurrency: 7 },
    { count: 3, concurrency: 10 },
    { count: 1, concurrency: 1 },
  ])('runs $count tasks, at most $concurrency at once', async ({ count, concurrency }) => {
    const ran: number[] = [];
    let inFlight = 0;
    let peak = 0;
    await runClosedLoop({
      count,
      concurrency,
      task: async (index) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, index % 3));
        ran.push(index);
        inFlight -= 1;
      },
    });
    expect(ran.sort((a, b) => a - b)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(peak).toBe(Math.min(count, concurrency));
  });

  it('reports the time from the first start to the last end', async () => {
    let clock = 100;
    const ms = await runClosedLoop({ count: 2, concurrency: 1, task: async () => void (clock += 5) }, () => clock);
    expect(ms).toBe(10);
  });

  it('stops on a task that throws', async () => {
    await expect(runClosedLoop({ count: 5, concurrency: 2, task: async (i) => { if (i === 3) throw new Error('bug'); } })).rejects.toThrow('bug');
  });
});

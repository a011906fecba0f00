// The open-loop schedule maths, table-driven: due times, due counts at boundaries, wake plans.
import { describe, expect, it } from 'vitest';
import { SPIN_BELOW_MS, dueCount, scheduledOffsetMs, sendingSpanMs, wakePlan } from '../../../src-main/tools/stress/schedule';

describe('scheduledOffsetMs', () => {
  it.each([
    { index: 0, rate: 1000, ms: 0 },
    { index: 1, rate: 1000, ms: 1 },
    { index: 4999, rate: 1000, ms: 4999 },
    { index: 1, rate: 500, ms: 2 },
    { index: 3, rate: 3, ms: 1000 },
    { index: 1, rate: 0.5, ms: 2000 },
    { index: 10, rate: 200, ms: 50 },
  ])('request $index at $rate/s is due at $ms ms', ({ index, rate, ms }) => {
    expect(scheduledOffsetMs(index, rate)).toBeCloseTo(ms, 9);
  });
});

describe('dueCount', () => {
  it.each([
    { elapsed: -1, rate: 1000, count: 10, due: 0, why: 'before the start nothing is due' },
    { elapsed: 0, rate: 1000, count: 10, due: 1, why: 'request 0 is due at once' },
    { elapsed: 0.999, rate: 1000, count: 10, due: 1, why: 'request 1 not yet' },
    { elapsed: 1, rate: 1000, count: 10, due: 2, why: 'exactly on a due time counts' },
    { elapsed: 5.5, rate: 1000, count: 10, due: 6, why: 'between due times' },
    { elapsed: 10_000, rate: 1000, count: 10, due: 10, why: 'never more than count' },
    { elapsed: 1000, rate: 3, count: 10, due: 4, why: 'offset 3 x 1000/3 lands on 1000 exactly' },
    { elapsed: 333.3333333333333, rate: 3, count: 10, due: 2, why: 'float boundary agrees with scheduledOffsetMs' },
    { elapsed: 333.3, rate: 3, count: 10, due: 1, why: 'just before the second' },
    { elapsed: 1999, rate: 0.5, count: 10, due: 1, why: 'slow rates' },
  ])('$why', ({ elapsed, rate, count, due }) => {
    expect(dueCount(elapsed, rate, count)).toBe(due);
  });

  it('agrees with scheduledOffsetMs at every due time for awkward rates', () => {
    for (const rate of [3, 7, 333, 999.9, 1000, 1234.5]) {
      for (let index = 0; index < 500; index += 1) {
        const at = scheduledOffsetMs(index, rate);
        expect(dueCount(at, rate, 500)).toBe(index + 1);
      }
    }
  });
});

describe('sendingSpanMs', () => {
  it.each([
    { count: 1, rate: 1000, ms: 0 },
    { count: 2, rate: 1000, ms: 1 },
    { count: 5000, rate: 1000, ms: 4999 },
    { count: 200, rate: 200, ms: 995 },
  ])('$count requests at $rate/s span $ms ms', ({ count, rate, ms }) => {
    expect(sendingSpanMs(count, rate)).toBeCloseTo(ms, 9);
  });
});

describe('wakePlan', () => {
  it.each([
    { gap: -5, plan: { kind: 'now' } },
    { gap: 0, plan: { kind: 'now' } },
    { gap: 0.2, plan: { kind: 'spin' } },
    { gap: SPIN_BELOW_MS - 0.01, plan: { kind: 'spin' } },
    { gap: SPIN_BELOW_MS, plan: { kind: 'sleep', ms: 1 } },
    { gap: 5, plan: { kind: 'sleep', ms: 3 } },
    { gap: 1000.7, plan: { kind: 'sleep', ms: 998 } },
  ])('a gap of $gap ms: $plan.kind', ({ gap, plan }) => {
    expect(wakePlan(gap)).toEqual(plan);
  });

  it('never sleeps past the due time', () => {
    for (let gap = SPIN_BELOW_MS; gap < 50; gap += 0.37) {
      const plan = wakePlan(gap);
      expect(plan.kind).toBe('sleep');
      if (plan.kind === 'sleep') expect(plan.ms).toBeLessThanOrEqual(gap - 1);
    }
  });
});

// Pure maths of the open-loop schedule: when request i is due, and how the runner should wait for
// the next one (sleep on a timer, or spin on setImmediate near the deadline). No timers, no I/O.

/** Below this gap the runner spins: a libuv timer fires up to ~1 ms late, which would count as latency. */
export const SPIN_BELOW_MS = 2;

/** When request `index` (0-based) is due, in ms after the run's start, at `rate` requests per second. */
export function scheduledOffsetMs(index: number, rate: number): number {
  return (index * 1000) / rate;
}

/** How many requests are due by `elapsedMs` (request i is due once its offset has passed). */
export function dueCount(elapsedMs: number, rate: number, count: number): number {
  if (elapsedMs < 0) return 0;
  // Count with the same division as scheduledOffsetMs so the two never disagree on a boundary.
  let due = Math.min(count, Math.floor((elapsedMs * rate) / 1000) + 1);
  while (due < count && scheduledOffsetMs(due, rate) <= elapsedMs) due += 1;
  while (due > 0 && scheduledOffsetMs(due - 1, rate) > elapsedMs) due -= 1;
  return due;
}

/** The span from the first request's due time to the last one's. */
export function sendingSpanMs(count: number, rate: number): number {
  return count <= 1 ? 0 : scheduledOffsetMs(count - 1, rate);
}

export type WakePlan = { kind: 'now' } | { kind: 'spin' } | { kind: 'sleep'; ms: number };

/**
 * How to wait `gapMs` until the next request is due: nothing when it is due already, a timer that
 * wakes SPIN_BELOW_MS early when it is far, otherwise setImmediate turns (I/O still runs between them).
 */
const NOW: WakePlan = Object.freeze({ kind: 'now' });
const SPIN: WakePlan = Object.freeze({ kind: 'spin' });

export function wakePlan(gapMs: number): WakePlan {
  // Shared constants: a spin asks for a plan on every event-loop turn, garbage there is GC pauses.
  if (gapMs <= 0) return NOW;
  if (gapMs < SPIN_BELOW_MS) return SPIN;
  return { kind: 'sleep', ms: Math.max(1, Math.floor(gapMs - SPIN_BELOW_MS)) };
}

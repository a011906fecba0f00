// All hub requests together over short intervals: one interval's HdrHistogram and counts (for the
// stored 1-second and 1-minute points) and a sliding window of the last N seconds (the "now"
// figures and the alert rules). Pure: the owner calls tick() once a second.
import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../../src-shared/domain/health';
import { encodeHistogram, latencyFigures, newLatencyHistogram, recordLatencyMs } from './latency-figures';
import type { AllPoint } from './metrics-history';
import type { RequestOutcome } from './op-latency';

const ORDER_OP = 'placeOrder';

/** One interval of all requests: what it recorded, then reset for the next. */
export class RequestInterval {
  readonly histogram: Histogram = newLatencyHistogram();
  count = 0;
  timeouts = 0;
  errors = 0;
  orders = 0;

  record(op: string, latencyMs: number, outcome: RequestOutcome): void {
    recordLatencyMs(this.histogram, latencyMs);
    this.count += 1;
    if (outcome === 'timeout') this.timeouts += 1;
    else if (outcome === 'error') this.errors += 1;
    if (op === ORDER_OP) this.orders += 1;
  }

  /** The interval as a stored point (null when it saw no request), then starts a new one. */
  take(at: number): AllPoint | null {
    const point = this.count === 0 ? null : { at, count: this.count, timeouts: this.timeouts, errors: this.errors, orders: this.orders, histogram: encodeHistogram(this.histogram) };
    this.reset();
    return point;
  }

  reset(): void {
    this.histogram.reset();
    this.count = 0;
    this.timeouts = 0;
    this.errors = 0;
    this.orders = 0;
  }
}

export function summarize(histogram: Histogram, counts: { count: number; timeouts: number; errors: number }): LatencySummary {
  const { p50, p90, p99, p99_9, max } = latencyFigures(histogram);
  return { p50, p90, p99, p99_9, max, count: counts.count, timeouts: counts.timeouts, errors: counts.errors };
}

/** The last `seconds` seconds: a ring of 1-second intervals, the current one included. */
export class SlidingWindow {
  private readonly slots: RequestInterval[];
  private current = 0;
  private filled = 1;

  constructor(private readonly seconds: number) {
    this.slots = Array.from({ length: seconds }, () => new RequestInterval());
  }

  record(op: string, latencyMs: number, outcome: RequestOutcome): void {
    (this.slots[this.current] as RequestInterval).record(op, latencyMs, outcome);
  }

  /** Moves to the next second, forgetting the oldest. */
  tick(): void {
    this.current = (this.current + 1) % this.seconds;
    (this.slots[this.current] as RequestInterval).reset();
    this.filled = Math.min(this.seconds, this.filled + 1);
  }

  /** Latency over the window, and the rates per second over the seconds observed so far. */
  figures(): { latency: LatencySummary; requestsPerSec: number; ordersPerSec: number } {
    const merged = newLatencyHistogram();
    const totals = { count: 0, timeouts: 0, errors: 0, orders: 0 };
    // Rates from whole seconds only: the current second is still filling.
    let completedRequests = 0;
    let completedOrders = 0;
    this.slots.forEach((slot, index) => {
      if (index === this.current) return;
      completedRequests += slot.count;
      completedOrders += slot.orders;
    });
    for (const slot of this.slots) {
      if (slot.count === 0) continue;
      merged.add(slot.histogram);
      totals.count += slot.count;
      totals.timeouts += slot.timeouts;
      totals.errors += slot.errors;
      totals.orders += slot.orders;
    }
    const seconds = this.filled - 1;
    const rate = (n: number): number => (seconds === 0 ? 0 : Math.round((n / seconds) * 10) / 10);
    return { latency: summarize(merged, totals), requestsPerSec: rate(completedRequests), ordersPerSec: rate(completedOrders) };
  }
}

// Latency per hub operation (placeOrder, orderStatus, ping …): an HdrHistogram since start and one
// for the current 1-second interval, with timeouts and errors counted beside them. A timed-out
// request is recorded with its full wait, never dropped. No clocks here: the owner calls tick().
import type { Histogram } from 'hdr-histogram-js';
import { latencyFigures, newLatencyHistogram, recordLatencyMs } from './latency-figures';
import type { LatencyFigures } from './latency-figures';

export type RequestOutcome = 'ok' | 'timeout' | 'error';

export interface OpFigures {
  op: string;
  count: number;
  timeouts: number;
  errors: number;
  latency: LatencyFigures;
}

interface OpSeries {
  cumulative: Histogram;
  interval: Histogram;
  count: number;
  timeouts: number;
  errors: number;
  intervalCount: number;
  intervalTimeouts: number;
  intervalErrors: number;
}

export class OpLatency {
  private readonly series = new Map<string, OpSeries>();

  record(op: string, latencyMs: number, outcome: RequestOutcome): void {
    let series = this.series.get(op);
    if (!series) {
      series = { cumulative: newLatencyHistogram(), interval: newLatencyHistogram(), count: 0, timeouts: 0, errors: 0, intervalCount: 0, intervalTimeouts: 0, intervalErrors: 0 };
      this.series.set(op, series);
    }
    recordLatencyMs(series.cumulative, latencyMs);
    recordLatencyMs(series.interval, latencyMs);
    series.count += 1;
    series.intervalCount += 1;
    if (outcome === 'timeout') {
      series.timeouts += 1;
      series.intervalTimeouts += 1;
    } else if (outcome === 'error') {
      series.errors += 1;
      series.intervalErrors += 1;
    }
  }

  /** Figures since start, per operation. */
  cumulative(): OpFigures[] {
    return [...this.series].map(([op, s]) => ({ op, count: s.count, timeouts: s.timeouts, errors: s.errors, latency: latencyFigures(s.cumulative) }));
  }

  /** Closes the current interval: its figures per operation (only those with requests), then a new one. */
  tick(): OpFigures[] {
    const points: OpFigures[] = [];
    for (const [op, s] of this.series) {
      if (s.intervalCount > 0) {
        points.push({ op, count: s.intervalCount, timeouts: s.intervalTimeouts, errors: s.intervalErrors, latency: latencyFigures(s.interval) });
      }
      s.interval.reset();
      s.intervalCount = 0;
      s.intervalTimeouts = 0;
      s.intervalErrors = 0;
    }
    return points;
  }
}

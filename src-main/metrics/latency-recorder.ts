// Records every hub attempt's latency three ways: since start, per second and per minute; closes
// the intervals on a 1-second timer and keeps them in the MetricsHistory of the data dir.
import type { Logger } from 'pino';
import { MetricsHistory } from './metrics-history';
import { OpLatency } from './op-latency';
import type { OpFigures, RequestOutcome } from './op-latency';

export class LatencyRecorder {
  private readonly total = new OpLatency();
  private readonly second = new OpLatency();
  private readonly minute = new OpLatency();
  private readonly history: MetricsHistory;
  private timer: NodeJS.Timeout | undefined;
  private lastMinute: number;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.history = new MetricsHistory(dataDir);
    this.lastMinute = Math.floor(this.now() / 60_000);
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  record(op: string, ms: number, outcome: RequestOutcome): void {
    this.total.record(op, ms, outcome);
    this.second.record(op, ms, outcome);
    this.minute.record(op, ms, outcome);
  }

  /** Since start, per operation. */
  cumulative(): OpFigures[] {
    return this.total.cumulative();
  }

  /** Closes the second (and, on a new minute, the minute) and stores their points. */
  tick(): void {
    const now = this.now();
    try {
      this.history.append('1s', Math.floor(now / 1000) * 1000, this.second.tick());
      const minute = Math.floor(now / 60_000);
      if (minute !== this.lastMinute) {
        this.history.append('1m', this.lastMinute * 60_000, this.minute.tick());
        this.lastMinute = minute;
      }
    } catch (error) {
      this.logger.error({ err: error }, 'storing latency history failed');
    }
  }

  get store(): MetricsHistory {
    return this.history;
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.tick();
    this.history.close();
  }
}

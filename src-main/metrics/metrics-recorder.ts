// Records every hub attempt's latency three ways (since start, per second, per minute) and every
// connection state change; closes the intervals on a 1-second timer and keeps all of it in the
// MetricsHistory of the data dir. Availability over a window is derived from the state log.
import type { Logger } from 'pino';
import type { ConnectionState } from '../../src-shared/ipc/contract';
import { availability } from './availability';
import { MetricsHistory } from './metrics-history';
import { OpLatency } from './op-latency';
import type { OpFigures, RequestOutcome } from './op-latency';

export class MetricsRecorder {
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
    this.recordState('connecting');
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  record(op: string, ms: number, outcome: RequestOutcome): void {
    this.total.record(op, ms, outcome);
    this.second.record(op, ms, outcome);
    this.minute.record(op, ms, outcome);
  }

  /** A connection state change (up, degraded, down …), for availability. */
  recordState(state: ConnectionState | 'stopped'): void {
    try {
      this.history.appendState({ at: this.now(), state });
    } catch (error) {
      this.logger.error({ err: error }, 'storing a connection state failed');
    }
  }

  /**
   * Availability over the last 1 h, 24 h and 7 d: usable (up or degraded) time over observed time.
   * Time the console was not running is not counted; until the first change, nothing is known.
   */
  availability(): { '1h': number | null; '24h': number | null; '7d': number | null } {
    const now = this.now();
    const over = (ms: number): number | null => availability(this.history.states(now - ms), now - ms, now);
    return { '1h': over(3_600_000), '24h': over(86_400_000), '7d': over(604_800_000) };
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
    this.recordState('stopped');
    this.history.close();
  }
}

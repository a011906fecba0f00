// Records every hub attempt's latency three ways (since start, per second, per minute) and every
// connection state change; closes the intervals on a 1-second timer and keeps all of it in the
// MetricsHistory of the data dir. Availability over a window is derived from the state log.
import type { Logger } from 'pino';
import type { ConnectionState } from '../../src-shared/ipc/contract';
import { availability } from './availability';
import type { StateChange } from './availability';
import { MetricsHistory } from './metrics-history';
import { OpLatency } from './op-latency';
import { RequestInterval, SlidingWindow, summarize } from './request-window';
import { RECENT_WINDOW_MS } from '../../src-shared/domain/health';
import type { LatencySummary } from '../../src-shared/domain/health';
import type { OpFigures, RequestOutcome } from './op-latency';

export class MetricsRecorder {
  private readonly total = new OpLatency();
  private readonly second = new OpLatency();
  private readonly minute = new OpLatency();
  /** All operations together: this second, this minute, and the recent window. */
  private readonly allSecond = new RequestInterval();
  private readonly allMinute = new RequestInterval();
  private readonly allTotal = new RequestInterval();
  private readonly recentWindow = new SlidingWindow(RECENT_WINDOW_MS / 1000);
  private readonly history: MetricsHistory;
  private timer: NodeJS.Timeout | undefined;
  private lastMinute: number;
  private lastState: StateChange['state'] | undefined;
  private grace: NodeJS.Timeout | undefined;

  constructor(
    dataDir: string,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.history = new MetricsHistory(dataDir);
    this.lastMinute = Math.floor(this.now() / 60_000);
  }

  /**
   * Starts the 1-second intervals. The first `graceMs` (the first hello's timeout) count as
   * `starting`, not against availability: a console a few seconds old has not yet had the time to
   * reach any hub. After it, the connection's state then (`connecting` if still not up) is logged.
   */
  start(graceMs = 0, current?: () => ConnectionState): void {
    this.recordState('starting');
    this.grace = setTimeout(() => {
      if (this.lastState === 'starting') this.recordState(current?.() ?? 'connecting');
    }, graceMs);
    this.grace.unref();
    this.timer = setInterval(() => this.tick(), 1000);
    this.timer.unref();
  }

  record(op: string, ms: number, outcome: RequestOutcome): void {
    this.total.record(op, ms, outcome);
    this.second.record(op, ms, outcome);
    this.minute.record(op, ms, outcome);
    this.allSecond.record(op, ms, outcome);
    this.allMinute.record(op, ms, outcome);
    this.allTotal.record(op, ms, outcome);
    this.recentWindow.record(op, ms, outcome);
  }

  /** All requests of the recent window: latency (timeouts included) and rates. */
  recent(): { latency: LatencySummary; requestsPerSec: number; ordersPerSec: number } {
    return this.recentWindow.figures();
  }

  /** All requests since start. */
  sinceStart(): LatencySummary {
    return summarize(this.allTotal.histogram, this.allTotal);
  }

  /** A connection state change (up, degraded, down …), for availability. */
  recordState(state: StateChange['state']): void {
    this.lastState = state;
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
    // The interval that just closed is stamped with its start.
    const second = Math.floor(now / 1000) * 1000 - 1000;
    this.recentWindow.tick();
    try {
      this.history.append('1s', second, this.second.tick());
      const all = this.allSecond.take(second);
      if (all) this.history.appendAll('1s', all);
      const minute = Math.floor(now / 60_000);
      if (minute !== this.lastMinute) {
        this.history.append('1m', this.lastMinute * 60_000, this.minute.tick());
        const allMinute = this.allMinute.take(this.lastMinute * 60_000);
        if (allMinute) this.history.appendAll('1m', allMinute);
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
    clearTimeout(this.grace);
    this.tick();
    this.recordState('stopped');
    this.history.close();
  }
}

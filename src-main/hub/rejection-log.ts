// Counts every hub message the console refused, by reason, and logs them so a flood cannot flood
// the log: the first of a reason in full (with a short escaped preview of the frame, never the
// frame), then at most one summary line per reason per window. Owns its timers; no sockets.
import type { Logger } from 'pino';
import { HUB_REJECT_REASONS } from '../../src-shared/domain/health';
import type { HubRejectReason } from '../../src-shared/domain/health';
import { preview } from './inbound';
import type { Rejection } from './inbound';

/** One summary line per reason at most this often. */
export const REJECTION_LOG_WINDOW_MS = 10_000;

export type RejectionCounts = Record<HubRejectReason, number>;

interface Window {
  suppressed: number;
  timer: NodeJS.Timeout;
}

export class RejectionLog {
  private readonly counts = Object.fromEntries(HUB_REJECT_REASONS.map((reason) => [reason, 0])) as RejectionCounts;
  private readonly windows = new Map<HubRejectReason, Window>();

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = REJECTION_LOG_WINDOW_MS,
  ) {}

  /** Counts a refused reply or event; logs it unless its reason was logged within the window. */
  record(source: 'reply' | 'event', rejection: Rejection, frame: Uint8Array | undefined): void {
    const { reason } = rejection;
    this.counts[reason] += 1;
    const window = this.windows.get(reason);
    if (window) {
      window.suppressed += 1;
      return;
    }
    this.logger.warn(
      { source, reason, detail: rejection.detail, bytes: frame?.length, preview: frame && preview(frame), rejected: this.counts[reason] },
      `hub ${source} refused (${reason}): ${rejection.detail}`,
    );
    this.open(reason);
  }

  /** Every reason with its count since start, zeros included. */
  snapshot(): RejectionCounts {
    return { ...this.counts };
  }

  private open(reason: HubRejectReason): void {
    const timer = setTimeout(() => this.summarise(reason), this.windowMs);
    // A pending summary must not keep a closing process alive.
    timer.unref();
    this.windows.set(reason, { suppressed: 0, timer });
  }

  /** The window ends: one line for what it held back; a new window opens only if the flood goes on. */
  private summarise(reason: HubRejectReason): void {
    const window = this.windows.get(reason);
    this.windows.delete(reason);
    if (!window || window.suppressed === 0) return;
    this.logSummary(reason, window.suppressed);
    this.open(reason);
  }

  private logSummary(reason: HubRejectReason, suppressed: number): void {
    this.logger.warn(
      { reason, suppressed, rejected: this.counts[reason], windowMs: this.windowMs },
      `hub messages refused (${reason}): ${suppressed} more within ${this.windowMs / 1000} s, ${this.counts[reason]} since start`,
    );
  }

  /** Logs what the open windows still hold, then stops their timers. */
  dispose(): void {
    for (const [reason, window] of this.windows) {
      clearTimeout(window.timer);
      if (window.suppressed > 0) this.logSummary(reason, window.suppressed);
    }
    this.windows.clear();
  }
}

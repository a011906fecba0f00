// Counts every hub message the console refused, by reason, and logs them so a flood cannot flood
// the log: the first of a reason in full (with a short escaped preview of the frame, never the
// frame), then at most one summary line per reason per window (RepeatWindows). No sockets.
import type { Logger } from 'pino';
import { HUB_REJECT_REASONS } from '../../src-shared/domain/health';
import type { HubRejectReason } from '../../src-shared/domain/health';
import { RepeatWindows } from '../../src-shared/util/repeat-windows';
import { preview } from './inbound';
import type { Rejection } from './inbound';

/** One summary line per reason at most this often. */
export const REJECTION_LOG_WINDOW_MS = 10_000;

export type RejectionCounts = Record<HubRejectReason, number>;

export class RejectionLog {
  private readonly counts = Object.fromEntries(HUB_REJECT_REASONS.map((reason) => [reason, 0])) as RejectionCounts;
  private readonly windows: RepeatWindows<HubRejectReason>;

  constructor(
    private readonly logger: Logger,
    private readonly windowMs = REJECTION_LOG_WINDOW_MS,
  ) {
    this.windows = new RepeatWindows(windowMs, ({ first, count }) => this.logSummary(first, count));
  }

  /** Counts a refused reply or event; logs it unless its reason was logged within the window. */
  record(source: 'reply' | 'event', rejection: Rejection, frame: Uint8Array | undefined): void {
    const { reason } = rejection;
    this.counts[reason] += 1;
    if (!this.windows.admit(reason, reason)) return;
    this.logger.warn(
      { source, reason, detail: rejection.detail, bytes: frame?.length, preview: frame && preview(frame), rejected: this.counts[reason] },
      `hub ${source} refused (${reason}): ${rejection.detail}`,
    );
  }

  /** Every reason with its count since start, zeros included. */
  snapshot(): RejectionCounts {
    return { ...this.counts };
  }

  private logSummary(reason: HubRejectReason, suppressed: number): void {
    this.logger.warn(
      { reason, suppressed, rejected: this.counts[reason], windowMs: this.windowMs },
      `hub messages refused (${reason}): ${suppressed} more within ${this.windowMs / 1000} s, ${this.counts[reason]} since start`,
    );
  }

  /** Logs what the open windows still hold, then stops their timers. */
  dispose(): void {
    this.windows.dispose();
  }
}

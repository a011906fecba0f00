// Notion's pace: requests spaced to average `ratePerSec`, and everything paused while Notion's
// Retry-After runs. The slot arithmetic is pure; `gate()` is the one waiting shell around it.
import { setTimeout as delay } from 'node:timers/promises';

/** The gate was closed (dispose) while a request waited for its slot: nothing was sent. */
export class GateClosedError extends Error {
  override name = 'GateClosedError';
}

export class PaceLimiter {
  private nextAt = -Infinity;
  private pausedUntil = -Infinity;
  private readonly closer = new AbortController();

  constructor(
    private ratePerSec: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    PaceLimiter.check(ratePerSec);
  }

  private static check(rate: number): void {
    if (!(rate > 0) || !Number.isFinite(rate)) throw new RangeError(`ratePerSec must be a positive number, got ${rate}`);
  }

  setRate(ratePerSec: number): void {
    PaceLimiter.check(ratePerSec);
    this.ratePerSec = ratePerSec;
  }

  /** Takes the next slot: how many ms from now this request may go (0: at once). */
  reserve(): number {
    const now = this.now();
    const at = Math.max(now, this.nextAt, this.pausedUntil);
    this.nextAt = at + 1000 / this.ratePerSec;
    return at - now;
  }

  /** Holds every request (already reserved ones included, as they wait in gate) for `ms` from now. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.max(0, ms));
  }

  /** ms left of a Retry-After pause (0 when none). */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntil - this.now());
  }

  /**
   * Waits for this request's slot, and again while a pause set meanwhile lasts. Rejects with
   * GateClosedError once close() is called.
   */
  readonly gate = async (): Promise<void> => {
    let wait = this.reserve();
    while (wait > 0) {
      try {
        await delay(wait, undefined, { signal: this.closer.signal });
      } catch {
        throw new GateClosedError('the Notion outbox is shutting down; the request was not sent');
      }
      wait = this.pausedForMs();
    }
    if (this.closer.signal.aborted) throw new GateClosedError('the Notion outbox is shutting down; the request was not sent');
  };

  close(): void {
    this.closer.abort();
  }
}

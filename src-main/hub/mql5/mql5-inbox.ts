// The Data socket's messages waiting to be read, in arrival order, with one reader at a time (the
// channel's request in flight). Leftovers are drained as stale before each request; a backlog
// over MAX_INBOX drops its oldest, counted. No sockets.
import type { RejectionLog } from '../rejection-log';

export interface Inbound {
  readonly value: unknown;
  readonly frame: Buffer;
}

/** Data messages kept unread at most. */
const MAX_INBOX = 1000;

export class Mql5Inbox {
  private readonly items: Inbound[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly rejections: RejectionLog) {}

  push(item: Inbound): void {
    this.items.push(item);
    for (const old of this.items.splice(0, Math.max(0, this.items.length - MAX_INBOX))) {
      this.rejections.record('reply', { reason: 'late_reply', detail: 'a Data message left unread too long' }, old.frame);
    }
    this.wake?.();
  }

  /** Leftovers of earlier requests (late, duplicated): counted, never read as `label`'s answer. */
  drain(label: string): void {
    for (const item of this.items.splice(0)) {
      this.rejections.record('reply', { reason: 'late_reply', detail: `before ${label}: a Data message no request was waiting for` }, item.frame);
    }
  }

  /** The next message, or undefined at the deadline or once `cancelled` says so (after interrupt()). */
  async next(deadline: number, cancelled: () => boolean): Promise<Inbound | undefined> {
    for (;;) {
      if (cancelled()) return undefined;
      const item = this.items.shift();
      if (item) return item;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        this.wake = done;
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
      });
      this.wake = undefined;
    }
  }

  /** Wakes the reader so it asks `cancelled` again. */
  interrupt(): void {
    this.wake?.();
  }
}

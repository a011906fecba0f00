// Serialises sends on one zeromq socket (v6 allows one pending send per socket) through a bounded
// FIFO. Owns no socket: it is handed one and never closes it.

export type Frames = ReadonlyArray<string | Uint8Array>;

export interface Sender {
  send(frames: Array<string | Uint8Array>): Promise<void>;
}

export class SendQueue {
  private readonly pending: Frames[] = [];
  private pumping = false;
  private disposed = false;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    private readonly socket: Sender,
    private readonly limit: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Queues a message; false when it was dropped (queue full or disposed). */
  push(frames: Frames): boolean {
    if (this.disposed || this.pending.length >= this.limit) return false;
    this.pending.push(frames);
    if (!this.pumping) this.idle = this.pump();
    return true;
  }

  /** Resolves once everything queued so far has been handed to the socket. */
  drained(): Promise<void> {
    return this.idle;
  }

  dispose(): void {
    this.disposed = true;
    this.pending.length = 0;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (let next = this.pending.shift(); next && !this.disposed; next = this.pending.shift()) {
        try {
          await this.socket.send([...next]);
        } catch (error) {
          if (!this.disposed) this.onError(error);
        }
      }
    } finally {
      this.pumping = false;
    }
  }
}

// A raw client of the headless host's WebSocket for the fuzz tests: sends any frame (text, binary,
// invalid UTF-8), counts every reply it gets and says how the server closed the connection.
import WebSocket from 'ws';
import type { Result } from '../../src-shared/ipc/errors';
import { socketUrlOf } from './ws-client';

export interface WsReply {
  id: number;
  result: Result<unknown>;
}

export class FuzzSocket {
  readonly replies: WsReply[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private wake: (() => void) | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string } & Partial<WsReply>;
      if (message.type !== 'reply') return;
      this.replies.push({ id: message.id as number, result: message.result as Result<unknown> });
      this.wake?.();
    });
    // A write into a connection the server just cut (an oversized frame) errors: that is expected.
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    void this.closed.then(() => this.wake?.());
  }

  /** Opens `/ws` with the token of a host link (`http://host/?token=…`), as the host's own page would. */
  static open(link: string, origin: string): Promise<FuzzSocket> {
    const socket = new WebSocket(socketUrlOf(link), { origin, maxPayload: 64 * 1024 * 1024 });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new FuzzSocket(socket)));
      socket.once('error', reject);
    });
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends one frame exactly as given: a string as text, bytes as binary unless `asText`. */
  send(data: string | Uint8Array, asText = false): void {
    this.socket.send(data, { binary: typeof data !== 'string' && !asText });
  }

  /** Waits until `count` replies have arrived in all, or the connection closed, or the time is up. */
  async until(count: number, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.replies.length < count && this.open && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    this.wake = undefined;
  }

  /** One invoke; resolves with its reply. */
  async call(id: number, channel: string, input: unknown): Promise<WsReply | undefined> {
    const before = this.replies.length;
    this.send(JSON.stringify({ type: 'invoke', id, channel, input }));
    await this.until(before + 1);
    return this.replies[before];
  }

  close(): void {
    this.socket.terminate();
  }
}

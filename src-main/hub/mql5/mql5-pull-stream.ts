// One of the EA's PUSH sockets (Data, Live or Streaming) as the console's PULL: one receive loop,
// each frame checked (one frame, size cap, UTF-8 JSON) and handed on as a value; refused frames are
// counted and logged by reason. A connection libzmq dropped gets a new socket. Never throws.
import { Pull } from 'zeromq';
import type { Logger } from 'pino';
import type { RejectionLog } from '../rejection-log';

const RECONNECT_MS = 100;
const RECEIVE_QUEUE_MESSAGES = 10_000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface PullStreamOptions {
  readonly endpoint: string;
  /** Frames over this are refused (counted, logged). */
  readonly capBytes: number;
  /** libzmq drops the connection for a frame over this; a new socket follows. */
  readonly socketMaxBytes: number;
  /** How refusals are counted: Data carries replies, Live and Streaming carry events. */
  readonly source: 'reply' | 'event';
  readonly label: string;
}

export class Mql5PullStream {
  private socket: Pull | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly options: PullStreamOptions,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
    /** Each JSON value read, in arrival order. */
    private readonly onValue: (value: unknown, frame: Buffer) => void,
  ) {}

  start(): void {
    if (this.disposed) return;
    const socket = new Pull({ linger: 0, immediate: true, maxMessageSize: this.options.socketMaxBytes, receiveHighWaterMark: RECEIVE_QUEUE_MESSAGES });
    this.socket = socket;
    socket.events.on('disconnect', () => this.dropped(socket));
    socket.connect(this.options.endpoint);
    void this.receiveLoop(socket);
  }

  private dropped(socket: Pull): void {
    if (this.disposed || socket !== this.socket || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.disposed) return;
      socket.close();
      this.start();
    }, RECONNECT_MS);
  }

  private async receiveLoop(socket: Pull): Promise<void> {
    try {
      for await (const frames of socket) this.handle(frames);
    } catch (error) {
      if (!socket.closed) this.logger.error({ err: error }, `MQL5 ${this.options.label} stream stopped`);
    }
  }

  private handle(frames: Buffer[]): void {
    const { source, capBytes, label } = this.options;
    const body = frames.length === 1 ? frames[0] : undefined;
    if (!body) return this.rejections.record(source, { reason: 'bad_frames', detail: `${label}: ${frames.length} frames; a message is one JSON frame` }, frames[frames.length - 1]);
    if (body.length > capBytes) return this.rejections.record(source, { reason: 'oversized', detail: `${label}: ${body.length} bytes, over ${capBytes}` }, body);
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(body));
    } catch {
      return this.rejections.record(source, { reason: 'not_json', detail: `${label}: not UTF-8 JSON` }, body);
    }
    try {
      this.onValue(value, body);
    } catch (error) {
      this.logger.error({ err: error }, `an MQL5 ${label} listener failed; the stream goes on`);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    if (this.socket && !this.socket.closed) this.socket.close();
  }
}

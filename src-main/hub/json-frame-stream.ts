// A bridge's receive-only socket (PULL from the MQL5 EA's PUSH sockets, SUB to the origin gateway's
// PUB ticks): one receive loop, each frame checked (one frame, size cap, UTF-8 JSON) and handed on
// as a value; refused frames are counted and logged by reason. A dropped connection gets a new socket.
import { Pull, Subscriber } from 'zeromq';
import type { Readable, Socket } from 'zeromq';
import type { Logger } from 'pino';
import { EVENT_QUEUE_MESSAGES } from './event-stream';
import type { RejectionLog } from './rejection-log';

const RECONNECT_MS = 100;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export interface JsonFrameStreamOptions {
  readonly endpoint: string;
  /** PULL for a PUSH socket; SUB for a PUB that sends no topic frame, so it subscribes to everything. */
  readonly socket: 'pull' | 'sub';
  /** Frames over this are refused (counted, logged). */
  readonly capBytes: number;
  /** libzmq drops the connection for a frame over this; a new socket follows. */
  readonly socketMaxBytes: number;
  /** How refusals are counted: a stream of replies or of events. */
  readonly source: 'reply' | 'event';
  /** How refusals and logs name the stream ("MQL5 Live", "origin ticks"). */
  readonly label: string;
}

type ReceivingSocket = Socket & Readable;

/** Never throws into the app: a failing listener is logged and the stream goes on. */
export class JsonFrameStream {
  private socket: ReceivingSocket | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly options: JsonFrameStreamOptions,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
    /** Each JSON value read, in arrival order, with the frame it came in. */
    private readonly onValue: (value: unknown, frame: Buffer) => void,
  ) {}

  start(): void {
    if (this.disposed) return;
    const socket = this.open();
    this.socket = socket;
    // libzmq does not reconnect a connection it dropped for an oversized frame: a new socket does.
    socket.events.on('disconnect', () => this.dropped(socket));
    socket.connect(this.options.endpoint);
    void this.receiveLoop(socket);
  }

  private open(): ReceivingSocket {
    const options = { linger: 0, immediate: true, maxMessageSize: this.options.socketMaxBytes, receiveHighWaterMark: EVENT_QUEUE_MESSAGES };
    if (this.options.socket === 'pull') return new Pull(options);
    const subscriber = new Subscriber(options);
    subscriber.subscribe();
    return subscriber;
  }

  private dropped(socket: ReceivingSocket): void {
    if (this.disposed || socket !== this.socket || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.disposed) return;
      socket.close();
      this.start();
    }, RECONNECT_MS);
  }

  private async receiveLoop(socket: ReceivingSocket): Promise<void> {
    try {
      for await (const frames of socket) this.handle(frames);
    } catch (error) {
      if (!socket.closed) this.logger.error({ err: error }, `the ${this.options.label} stream stopped`);
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
      // A failing listener must not end the receive loop: every later frame would be lost.
      this.logger.error({ err: error }, `a listener of the ${label} stream failed; the stream goes on`);
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    if (this.socket && !this.socket.closed) this.socket.close();
  }
}

// The origin gateway's PUB ticks (zmq_service.py publish_tick): one JSON frame per tick, no topic,
// so the SUB subscribes to everything. Each tick is checked on arrival; refused ones are counted
// and logged by reason and dropped; a dropped connection gets a new socket. Never throws into the app.
import { Subscriber } from 'zeromq';
import type { Logger } from 'pino';
import type { Quote } from '../../../src-shared/domain/market';
import { Emitter } from '../../../src-shared/util/emitter';
import { EVENT_QUEUE_MESSAGES, EVENT_SOCKET_MAX_BYTES } from '../event-stream';
import { MAX_FRAME_BYTES } from '../protocol';
import type { RejectionLog } from '../rejection-log';
import { OriginTick, toQuote } from './origin-wire';

const RECONNECT_MS = 100;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class OriginTickStream {
  private socket: Subscriber | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly quote = new Emitter<Quote>();
  readonly onQuote = this.quote.event;

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
  ) {}

  start(): void {
    const socket = new Subscriber({ linger: 0, immediate: true, maxMessageSize: EVENT_SOCKET_MAX_BYTES, receiveHighWaterMark: EVENT_QUEUE_MESSAGES });
    this.socket = socket;
    // libzmq does not reconnect a connection it dropped for an oversized frame: a new socket does.
    socket.events.on('disconnect', () => this.dropped(socket));
    socket.connect(this.endpoint);
    socket.subscribe();
    void this.receiveLoop(socket);
  }

  private dropped(socket: Subscriber): void {
    if (this.disposed || socket !== this.socket || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.disposed) return;
      socket.close();
      this.start();
    }, RECONNECT_MS);
  }

  private async receiveLoop(socket: Subscriber): Promise<void> {
    try {
      for await (const frames of socket) this.handle(frames);
    } catch (error) {
      if (!socket.closed) this.logger.error({ err: error }, 'origin tick stream stopped');
    }
  }

  private handle(frames: Buffer[]): void {
    const body = frames.length === 1 ? frames[0] : undefined;
    const last = frames[frames.length - 1];
    if (!body) return this.rejections.record('event', { reason: 'bad_frames', detail: `${frames.length} frames; a tick is one JSON frame` }, last);
    if (body.length > MAX_FRAME_BYTES) return this.rejections.record('event', { reason: 'oversized', detail: `${body.length} bytes` }, body);
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(body));
    } catch {
      return this.rejections.record('event', { reason: 'not_json', detail: 'not UTF-8 JSON' }, body);
    }
    const tick = OriginTick.safeParse(value);
    const quote = tick.success ? toQuote(tick.data) : undefined;
    if (!quote) return this.rejections.record('event', { reason: 'bad_event', detail: 'not a tick {symbol, bid ≤ ask, timestamp}' }, body);
    try {
      this.quote.fire(quote);
    } catch (error) {
      this.logger.error({ err: error }, 'a quote listener failed; the tick stream goes on');
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    this.quote.dispose();
    if (this.socket && !this.socket.closed) this.socket.close();
  }
}

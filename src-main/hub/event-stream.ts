// The hub's event socket (SUB): heartbeats, order updates and quotes, each checked on arrival
// (inbound.ts). Refused messages are counted and logged by reason and dropped; nothing here throws
// into the app.
import { Subscriber } from 'zeromq';
import type { Logger } from 'pino';
import type { Quote } from '../../src-shared/domain/market';
import type { HubOrder } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import { readEvent } from './inbound';
import { EVENT_TOPIC, MAX_REPLY_BYTES } from './protocol';
import type { HeartbeatEvent } from './protocol';
import type { RejectionLog } from './rejection-log';

export class HubEventStream {
  // libzmq's hard ceiling (a publisher sending more is disconnected); frames over the 1 MiB event
  // cap but under it are read only far enough to be counted as oversized.
  private readonly socket = new Subscriber({ linger: 0, immediate: true, maxMessageSize: MAX_REPLY_BYTES });
  private readonly heartbeat = new Emitter<HeartbeatEvent>();
  private readonly quote = new Emitter<Quote>();
  private readonly order = new Emitter<HubOrder>();
  readonly onHeartbeat = this.heartbeat.event;
  readonly onQuote = this.quote.event;
  readonly onOrder = this.order.event;

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
  ) {}

  start(): void {
    this.socket.connect(this.endpoint);
    this.socket.subscribe(EVENT_TOPIC.heartbeat, EVENT_TOPIC.order, EVENT_TOPIC.quotePrefix);
    void this.receiveLoop();
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) this.handle(frames);
    } catch (error) {
      if (!this.socket.closed) this.logger.error({ err: error }, 'hub event stream stopped');
    }
  }

  private handle(frames: Buffer[]): void {
    const verdict = readEvent(frames);
    if (!verdict.ok) {
      this.rejections.record('event', verdict, frames[frames.length - 1]);
      return;
    }
    const { event } = verdict;
    try {
      if (event.topic === 'hb') this.heartbeat.fire(event.value);
      else if (event.topic === 'order') this.order.fire(event.value);
      else this.quote.fire(event.value);
    } catch (error) {
      // A failing listener must not end the receive loop: every later event would be lost.
      this.logger.error({ err: error, topic: event.topic }, 'a hub event listener failed; the event stream goes on');
    }
  }

  dispose(): void {
    this.heartbeat.dispose();
    this.quote.dispose();
    this.order.dispose();
    if (!this.socket.closed) this.socket.close();
  }
}

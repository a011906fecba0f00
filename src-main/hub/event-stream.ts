// The hub's event socket (SUB): heartbeats, order updates and quotes, each checked on arrival
// (inbound.ts). Refused messages are counted and logged by reason and dropped; a dropped connection
// gets a new socket; nothing here throws into the app.
import { Subscriber } from 'zeromq';
import type { Logger } from 'pino';
import type { Quote } from '../../src-shared/domain/market';
import type { HubOrder } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import { RepeatWindows } from '../../src-shared/util/repeat-windows';
import { readEvent } from './inbound';
import { EVENT_TOPIC, MAX_FRAME_BYTES } from './protocol';
import type { HeartbeatEvent } from './protocol';
import type { RejectionLog } from './rejection-log';

/**
 * libzmq's hard ceiling on an event frame: twice the protocol's 1 MiB cap. A frame between the two
 * is read only far enough to be counted as oversized; a larger one makes libzmq drop the connection
 * before buffering it, so no event frame costs main more than 2 MiB.
 */
export const EVENT_SOCKET_MAX_BYTES = 2 * MAX_FRAME_BYTES;

/** How long after a dropped connection the new socket connects (libzmq's own reconnect interval). */
const RECONNECT_MS = 100;
/** One warn line per this long at most while the connection keeps being dropped. */
const DROP_LOG_WINDOW_MS = 10_000;

/**
 * Events libzmq queues for main before it drops more (ZMQ_RCVHWM; libzmq's default is 1,000). A
 * quote is about 70 bytes and an order update about 300, so a full queue of real events is a few
 * MB. 10,000 is 1,000 s of 10 Hz quotes on one symbol, 10 s on a hundred, and about a second of
 * the order updates of the stress benchmark's peak (~12,000 orders/s): enough to ride out a stall
 * of main (a 64 MiB listing being parsed, a long commit) without losing an order update.
 */
export const EVENT_QUEUE_MESSAGES = 10_000;

export class HubEventStream {
  private socket: Subscriber | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly drops: RepeatWindows<null>;
  private readonly heartbeat = new Emitter<HeartbeatEvent>();
  private readonly quote = new Emitter<Quote>();
  private readonly order = new Emitter<HubOrder>();
  private readonly reopened = new Emitter<void>();
  /** A new socket replaced a dropped one: events published in between were missed. */
  readonly onDidReopen = this.reopened.event;
  readonly onHeartbeat = this.heartbeat.event;
  readonly onQuote = this.quote.event;
  readonly onOrder = this.order.event;

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
    private readonly rejections: RejectionLog,
  ) {
    this.drops = new RepeatWindows(DROP_LOG_WINDOW_MS, ({ count }) =>
      this.logger.warn({ endpoint, dropped: count }, `hub event connection dropped ${count} more times within ${DROP_LOG_WINDOW_MS / 1000} s; reconnected each time`),
    );
  }

  start(): void {
    this.open();
  }

  private open(): void {
    const socket = new Subscriber({ linger: 0, immediate: true, maxMessageSize: EVENT_SOCKET_MAX_BYTES, receiveHighWaterMark: EVENT_QUEUE_MESSAGES });
    this.socket = socket;
    // libzmq does not reconnect a connection it dropped for a frame over maxMessageSize (a protocol
    // error), and cannot say that from a hub going away: either way a new socket connects.
    socket.events.on('disconnect', () => this.dropped(socket));
    socket.connect(this.endpoint);
    socket.subscribe(EVENT_TOPIC.heartbeat, EVENT_TOPIC.order, EVENT_TOPIC.quotePrefix);
    void this.receiveLoop(socket);
  }

  private dropped(socket: Subscriber): void {
    if (this.disposed || socket !== this.socket || this.reconnectTimer) return;
    if (this.drops.admit('drop', null)) {
      this.logger.warn({ endpoint: this.endpoint }, 'hub event connection dropped (the hub went away, or sent a frame over 2 MiB); reconnecting');
    }
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.disposed) return;
      socket.close();
      this.open();
      this.reopened.fire();
    }, RECONNECT_MS);
  }

  private async receiveLoop(socket: Subscriber): Promise<void> {
    try {
      for await (const frames of socket) this.handle(frames);
    } catch (error) {
      if (!socket.closed) this.logger.error({ err: error }, 'hub event stream stopped');
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
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    this.drops.dispose();
    this.heartbeat.dispose();
    this.quote.dispose();
    this.order.dispose();
    this.reopened.dispose();
    if (this.socket && !this.socket.closed) this.socket.close();
  }
}

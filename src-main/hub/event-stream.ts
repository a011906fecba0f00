// The hub's event socket (SUB): heartbeats, order updates and quotes, each validated on arrival.
// Invalid or oversized messages are counted and dropped; nothing here throws into the app.
import { Subscriber } from 'zeromq';
import type { Logger } from 'pino';
import { Quote } from '../../src-shared/domain/market';
import { HubOrder } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import { EVENT_TOPIC, HeartbeatEvent, MAX_REQUEST_BYTES } from './protocol';

export class HubEventStream {
  private readonly socket = new Subscriber({ linger: 0, immediate: true });
  private readonly heartbeat = new Emitter<HeartbeatEvent>();
  private readonly quote = new Emitter<Quote>();
  private readonly order = new Emitter<HubOrder>();
  readonly onHeartbeat = this.heartbeat.event;
  readonly onQuote = this.quote.event;
  readonly onOrder = this.order.event;
  invalidMessages = 0;

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
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
    const [topicFrame, body] = frames;
    if (frames.length !== 2 || !topicFrame || !body || body.length > MAX_REQUEST_BYTES) {
      this.reject('malformed or oversized event frame', { frames: frames.length, bytes: body?.length });
      return;
    }
    const topic = topicFrame.toString('utf8');
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      this.reject('event body is not JSON', { topic });
      return;
    }
    if (topic === EVENT_TOPIC.heartbeat) this.emit(HeartbeatEvent.safeParse(value), this.heartbeat, topic);
    else if (topic === EVENT_TOPIC.order) this.emit(HubOrder.safeParse(value), this.order, topic);
    else if (topic.startsWith(EVENT_TOPIC.quotePrefix)) this.emit(Quote.safeParse(value), this.quote, topic);
  }

  private emit<T>(parsed: { success: true; data: T } | { success: false; error: unknown }, emitter: Emitter<T>, topic: string): void {
    if (parsed.success) emitter.fire(parsed.data);
    else this.reject('event failed validation', { topic, issues: String(parsed.error) });
  }

  private reject(reason: string, detail: Record<string, unknown>): void {
    this.invalidMessages += 1;
    this.logger.warn({ ...detail, invalidMessages: this.invalidMessages }, `hub event dropped: ${reason}`);
  }

  dispose(): void {
    this.heartbeat.dispose();
    this.quote.dispose();
    this.order.dispose();
    if (!this.socket.closed) this.socket.close();
  }
}

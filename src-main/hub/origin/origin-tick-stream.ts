// The origin gateway's PUB ticks (zmq_service.py publish_tick): one JSON frame per tick, no topic,
// so the SUB subscribes to everything (json-frame-stream.ts). Each tick is checked on arrival;
// refused ones are counted and logged by reason and dropped. Never throws into the app.
import type { Logger } from 'pino';
import type { Quote } from '../../../src-shared/domain/market';
import { Emitter } from '../../../src-shared/util/emitter';
import { EVENT_SOCKET_MAX_BYTES } from '../event-stream';
import { JsonFrameStream } from '../json-frame-stream';
import { MAX_FRAME_BYTES } from '../protocol';
import type { RejectionLog } from '../rejection-log';
import { OriginTick, toQuote } from './origin-wire';

const LABEL = 'origin ticks';

export class OriginTickStream {
  private readonly stream: JsonFrameStream;
  private readonly quote = new Emitter<Quote>();
  readonly onQuote = this.quote.event;

  constructor(
    readonly endpoint: string,
    logger: Logger,
    private readonly rejections: RejectionLog,
  ) {
    const options = { endpoint, socket: 'sub', capBytes: MAX_FRAME_BYTES, socketMaxBytes: EVENT_SOCKET_MAX_BYTES, source: 'event', label: LABEL } as const;
    this.stream = new JsonFrameStream(options, logger, rejections, (value, frame) => this.take(value, frame));
  }

  start(): void {
    this.stream.start();
  }

  private take(value: unknown, frame: Buffer): void {
    const tick = OriginTick.safeParse(value);
    const quote = tick.success ? toQuote(tick.data) : undefined;
    if (!quote) return this.rejections.record('event', { reason: 'bad_event', detail: `${LABEL}: not a tick {symbol, bid ≤ ask, timestamp}` }, frame);
    this.quote.fire(quote);
  }

  dispose(): void {
    this.stream.dispose();
    this.quote.dispose();
  }
}

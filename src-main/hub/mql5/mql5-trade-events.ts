// The EA's Streaming socket (OnTradeTransaction): every trade request the server processed, with
// the comment the stock EA reports nowhere else. Kept by comment (bounded, oldest out first), with
// the ticket each placement got and the tickets removed since, so an order can be corroborated.
import type { Logger } from 'pino';
import { MAX_FRAME_BYTES } from '../protocol';
import { EVENT_SOCKET_MAX_BYTES } from '../event-stream';
import { JsonFrameStream } from '../json-frame-stream';
import type { RejectionLog } from '../rejection-log';
import { Mql5TradeEvent, isSuccess } from './mql5-wire';

/** Comments (and tickets) remembered at most; the console's own orders of a long session fit. */
const MAX_KEPT = 10_000;
/** Events kept per comment: a resubmitted order has a few at most. */
const MAX_PER_COMMENT = 8;

export class Mql5TradeEvents {
  private readonly byComment = new Map<string, Array<{ event: Mql5TradeEvent; seq: number }>>();
  private readonly commentByTicket = new Map<number, string>();
  private readonly removed = new Set<number>();
  private readonly waiters = new Set<(stop: boolean) => void>();
  private seq = 0;
  private readonly stream: JsonFrameStream;

  constructor(endpoint: string, logger: Logger, private readonly rejections: RejectionLog) {
    const options = { endpoint, socket: 'pull', capBytes: MAX_FRAME_BYTES, socketMaxBytes: EVENT_SOCKET_MAX_BYTES, source: 'event', label: 'MQL5 Streaming' } as const;
    this.stream = new JsonFrameStream(options, logger, rejections, (value, frame) => this.take(value, frame));
  }

  start(): void {
    this.stream.start();
  }

  /** The events whose request carried this comment, oldest first; only those after `mark` if given. */
  forComment(comment: string, mark = 0): Mql5TradeEvent[] {
    return (this.byComment.get(comment) ?? []).filter((kept) => kept.seq > mark).map((kept) => kept.event);
  }

  /** A mark for forComment and waitUntil: events that arrive from now on come after it. */
  mark(): number {
    return this.seq;
  }

  /** The comment of the order a successful placement gave this ticket. */
  commentOf(ticket: number): string | undefined {
    return this.commentByTicket.get(ticket);
  }

  /** A TRADE_ACTION_REMOVE of this ticket succeeded. */
  isRemoved(ticket: number): boolean {
    return this.removed.has(ticket);
  }

  /** Placements seen whose ticket a TRADE_ACTION_REMOVE took away since (ORDER_CANCEL, here or in the terminal). */
  removedOrders(): Array<{ ticket: number; comment: string }> {
    const out: Array<{ ticket: number; comment: string }> = [];
    for (const ticket of this.removed) {
      const comment = this.commentByTicket.get(ticket);
      if (comment) out.push({ ticket, comment });
    }
    return out;
  }

  /** `probe`'s answer once it has one (asked now and after every event), or undefined after `ms`. */
  waitUntil<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
    const now = probe();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise((resolve) => {
      const check = (stop: boolean): void => {
        const value = stop ? undefined : probe();
        if (stop || value !== undefined) finish(value);
      };
      const finish = (value: T | undefined): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => finish(undefined), ms);
      this.waiters.add(check);
    });
  }

  private take(value: unknown, frame: Buffer): void {
    const parsed = Mql5TradeEvent.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.rejections.record('event', { reason: 'bad_event', detail: `MQL5 Streaming: not a trade event (${issue?.path.map(String).join('.') ?? ''}: ${issue?.message ?? 'invalid'})` }, frame);
      return;
    }
    const event = parsed.data;
    const { comment } = event.request;
    this.seq += 1;
    if (event.request.action === 'TRADE_ACTION_REMOVE' && isSuccess(event.result.retcode)) remember(this.removed, event.result.order);
    if (comment !== '') {
      if (isSuccess(event.result.retcode) && event.result.order > 0) {
        this.commentByTicket.delete(event.result.order);
        this.commentByTicket.set(event.result.order, comment);
        trim(this.commentByTicket);
      }
      const kept = this.byComment.get(comment) ?? [];
      this.byComment.delete(comment);
      this.byComment.set(comment, [...kept, { event, seq: this.seq }].slice(-MAX_PER_COMMENT));
      trim(this.byComment);
    }
    for (const check of [...this.waiters]) check(false);
  }

  dispose(): void {
    this.stream.dispose();
    for (const check of [...this.waiters]) check(true);
  }
}

function trim(map: Map<unknown, unknown>): void {
  for (const key of map.keys()) {
    if (map.size <= MAX_KEPT) return;
    map.delete(key);
  }
}

function remember(set: Set<number>, ticket: number): void {
  set.add(ticket);
  for (const old of set) {
    if (set.size <= MAX_KEPT) return;
    set.delete(old);
  }
}

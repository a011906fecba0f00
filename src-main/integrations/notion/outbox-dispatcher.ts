// Drains the outbox into Notion strictly in seq order, one event at a time, at Notion's pace: each
// attempt committed before it starts, cockatiel backoff between attempts, parked after maxAttempts
// or a refusal. Owns the pusher it is given; never creates a page itself.
import { ExponentialBackoff, type IBackoff } from 'cockatiel';
import type { Logger } from 'pino';
import type { OutboxEvent, PushFigures } from '../../../src-shared/domain/outbox';
import { Emitter, type Event } from '../../../src-shared/util/emitter';
import type { NotionPusher, PushOutcome } from './notion-pusher';
import type { AttemptRecord, OutboxStore } from './outbox-store';
import { PaceLimiter } from './pace-limiter';

export interface BackoffOptions {
  /** First wait after a failed attempt (default 1 s). */
  initialDelayMs?: number;
  /** Longest wait between two attempts (default 60 s). */
  maxDelayMs?: number;
  /**
   * Least wait before the look-up of an event whose create may have happened (default 2 s), so a
   * page a lost reply created has time to show in Notion's query results.
   */
  lookupDelayMs?: number;
}

export interface OutboxDispatcherOptions {
  store: OutboxStore;
  logger: Logger;
  pusher?: NotionPusher | null;
  /** Requests per second on average, the look-up and the create counted alike (default 3, Notion's). */
  ratePerSec?: number;
  backoff?: BackoffOptions;
  /** Attempts per event before it is parked (default 50). */
  maxAttempts?: number;
}

export const DEFAULT_RATE_PER_SEC = 3;
export const DEFAULT_MAX_ATTEMPTS = 50;
export const DEFAULT_BACKOFF = { initialDelayMs: 1000, maxDelayMs: 60_000, lookupDelayMs: 2000 } as const;
const STEP_ERROR_PAUSE_MS = 1000;

/** What the outbox records for an attempt's outcome, given the attempts made so far. Pure. */
export function attemptRecord(outcome: PushOutcome, attempts: number, maxAttempts: number): AttemptRecord {
  if (outcome.kind === 'pushed') return { kind: 'pushed', pageId: outcome.pageId, foundByQuery: outcome.foundByQuery };
  if (outcome.kind === 'refused') return { kind: 'parked', message: outcome.message, uncertain: outcome.uncertain };
  if (attempts >= maxAttempts) {
    return { kind: 'parked', message: `gave up after ${attempts} attempts; last: ${outcome.message}`, uncertain: outcome.uncertain };
  }
  return { kind: 'failed', message: outcome.message, uncertain: outcome.uncertain };
}

export class OutboxDispatcher {
  private readonly changed = new Emitter<OutboxEvent>();
  private readonly figuresChanged = new Emitter<PushFigures>();
  /** Every change of an event: enqueued, attempt started, pushed, failed, parked, retried by hand. */
  readonly onDidChange: Event<OutboxEvent> = this.changed.event;
  readonly onDidChangeFigures: Event<PushFigures> = this.figuresChanged.event;

  private readonly store: OutboxStore;
  private readonly logger: Logger;
  private readonly limiter: PaceLimiter;
  private readonly backoffFactory: ExponentialBackoff<unknown>;
  private readonly maxAttempts: number;
  private readonly lookupDelayMs: number;
  private pusher: NotionPusher | null;
  private retired: NotionPusher[] = [];
  /** Backoff of the head event: reset when another event becomes the head. */
  private head: { id: string; backoff: IBackoff<unknown> | undefined; notBefore: number } | undefined;
  private lastErrorMessage: string | null = null;
  private loop: Promise<void> | undefined;
  private wakeUp: (() => void) | undefined;
  private idleWaiters: Array<() => void> = [];
  private disposed = false;

  constructor(options: OutboxDispatcherOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.pusher = options.pusher ?? null;
    this.limiter = new PaceLimiter(options.ratePerSec ?? DEFAULT_RATE_PER_SEC);
    this.maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new RangeError(`maxAttempts must be a whole number ≥ 1, got ${this.maxAttempts}`);
    const backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.backoffFactory = new ExponentialBackoff({ initialDelay: backoff.initialDelayMs, maxDelay: backoff.maxDelayMs });
    this.lookupDelayMs = backoff.lookupDelayMs;
  }

  /** Resumes the outbox: an attempt cut off by the last exit becomes uncertain, then pushing goes on. */
  start(): void {
    if (this.loop || this.disposed) return;
    const recovered = this.store.recoverInFlight();
    if (recovered > 0) this.logger.warn({ recovered }, 'notion outbox: attempts cut off by the last exit; those events will be looked up before any create');
    this.loop = this.run();
  }

  /** Swaps the Notion connection (null: none); the old one finishes its attempt first. */
  setPusher(pusher: NotionPusher | null): void {
    if (this.pusher) this.retired.push(this.pusher);
    this.pusher = pusher;
    if (this.head) this.head.notBefore = 0;
    this.lastErrorMessage = null;
    this.wake();
  }

  isConfigured(): boolean {
    return this.pusher !== null;
  }

  /** The last failed attempt's message, cleared by the next success. */
  lastError(): string | null {
    return this.lastErrorMessage;
  }

  /** Tells the dispatcher the outbox changed outside it (enqueue, retry by hand). */
  notify(event: OutboxEvent): void {
    this.changed.fire(event);
    this.fireFigures();
    this.wake();
  }

  /** Resolves once no event is pending (now, or after the dispatcher has drained the outbox). */
  whenIdle(): Promise<void> {
    if (!this.store.nextPending()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.limiter.close();
    this.pusher?.dispose();
    this.wake();
    await this.loop;
    for (const pusher of this.retired.splice(0)) pusher.dispose();
    this.changed.dispose();
    this.figuresChanged.dispose();
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private wake(): void {
    this.wakeUp?.();
  }

  /** Sleeps until woken (enqueue, retry, configure, dispose) or until `ms` has passed. */
  private sleep(ms?: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => done(), ms);
      const done = (): void => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      this.wakeUp = done;
    });
  }

  private async run(): Promise<void> {
    while (!this.disposed) {
      try {
        await this.step();
      } catch (error) {
        // The outbox file failed us (locked, disk full…). An attempt it could not record may have
        // created its page: mark it uncertain, so the next try looks first; then go on after a pause.
        this.logger.error({ err: error }, 'notion outbox: could not record an attempt; retrying in 1 s');
        try {
          this.store.recoverInFlight();
        } catch {
          // Still failing: the next step will say so again.
        }
        await this.sleep(STEP_ERROR_PAUSE_MS);
      }
    }
  }

  private async step(): Promise<void> {
    for (const pusher of this.retired.splice(0)) pusher.dispose();
    const next = this.store.nextPending();
    if (!next) for (const resolve of this.idleWaiters.splice(0)) resolve();
    const pusher = this.pusher;
    if (!next || !pusher) return this.sleep();
    if (this.head?.id !== next.id) this.head = { id: next.id, backoff: undefined, notBefore: 0 };
    const wait = this.head.notBefore - performance.now();
    if (wait > 0) return this.sleep(wait);
    await this.attempt(next, pusher);
  }

  private async attempt(next: OutboxEvent, pusher: NotionPusher): Promise<void> {
    const started = this.store.beginAttempt(next.id);
    this.changed.fire(started);
    const outcome = await pusher.push(started, this.limiter.gate);
    const record = attemptRecord(outcome, started.attempts, this.maxAttempts);
    const event = this.store.recordAttempt(started.id, record);
    if (outcome.kind === 'pushed') {
      this.lastErrorMessage = null;
      this.logger.debug({ eventId: event.id, seq: event.seq, pageId: outcome.pageId, foundByQuery: outcome.foundByQuery, attempts: event.attempts }, 'notion outbox: pushed');
    } else {
      this.lastErrorMessage = outcome.message;
      const fields = { eventId: event.id, seq: event.seq, attempt: started.attempts, uncertain: event.uncertain, error: outcome.message };
      if (record.kind === 'parked') this.logger.warn(fields, 'notion outbox: parked (retry by hand)');
      else this.logger.info(fields, 'notion outbox: attempt failed');
      this.scheduleRetry(outcome.kind === 'retry' ? outcome.retryAfterMs : null, event.uncertain);
    }
    this.changed.fire(event);
    this.fireFigures();
  }

  /**
   * The head waits its backoff, at least Notion's Retry-After (which also holds every request), and
   * at least lookupDelayMs before it looks for a page that may exist.
   */
  private scheduleRetry(retryAfterMs: number | null, uncertain: boolean): void {
    if (!this.head) return;
    this.head.backoff = this.head.backoff ? this.head.backoff.next(undefined) : this.backoffFactory.next();
    if (retryAfterMs !== null) this.limiter.pauseFor(retryAfterMs);
    const waitMs = Math.max(this.head.backoff.duration, retryAfterMs ?? 0, uncertain ? this.lookupDelayMs : 0);
    this.head.notBefore = performance.now() + waitMs;
  }

  private fireFigures(): void {
    if (this.disposed) return;
    this.figuresChanged.fire(this.store.figures());
  }
}

// The load cycle a store feed shares: load on start and after every reconnect, retry a failed load
// after a backoff delay, drop what an overtaken load brings back, and hold the events that race a
// load until its reply lands. It knows nothing of the channels or stores its owner feeds.
import { ExponentialBackoff } from 'cockatiel';
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import type { RendererBridge } from './bridge';

export interface ReloadingFeedOptions {
  /** Delays between failed loads. */
  backoff?: IBackoffFactory<unknown>;
}

/**
 * Whether a load may be asked for now (a trader-only feed: whether main has said this session is a
 * trader's). While false, start, reconnects and retries ask nothing; the owner reloads once it turns true.
 */
export type FeedGate = () => boolean;

/**
 * One load of the owner's snapshot. `isCurrent` turns false once a newer load (a reconnect started
 * another) or dispose overtook it: check it after every await. Resolves false to have it retried;
 * what an overtaken load resolves is ignored (the newer load decides).
 */
export type FeedLoad = (isCurrent: () => boolean) => Promise<boolean>;

export class ReloadingFeed<E> {
  private readonly bridge: RendererBridge;
  private readonly load: FeedLoad;
  private readonly mayLoad: FeedGate;
  private readonly backoff: IBackoffFactory<unknown>;
  private readonly subscriptions: (() => void)[] = [];
  /** Which load is current: replies to an older one are dropped. */
  private generation = 0;
  /** Events that arrived while loading; defined only then. */
  private held: E[] | undefined;
  private retryDelay: IBackoff<unknown> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(bridge: RendererBridge, load: FeedLoad, options: ReloadingFeedOptions = {}, mayLoad: FeedGate = () => true) {
    this.bridge = bridge;
    this.load = load;
    this.backoff = options.backoff ?? new ExponentialBackoff({ initialDelay: 500, maxDelay: 10_000 });
    this.mayLoad = mayLoad;
  }

  /** Keeps the owner's event `subscriptions` until dispose, reloads after each reconnect, and loads. */
  start(subscriptions: readonly (() => void)[]): void {
    this.subscriptions.push(
      ...subscriptions,
      // Events may have been missed while the link was down: only a reload can say what changed.
      this.bridge.onDidReconnect(() => {
        this.retryDelay = undefined;
        void this.reload();
      }),
    );
    void this.reload();
  }

  dispose(): void {
    this.disposed = true;
    this.generation++;
    clearTimeout(this.retryTimer);
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
  }

  /** Loads afresh, overtaking any load on its way; a failure schedules the next try. Nothing while gated. */
  async reload(): Promise<void> {
    if (this.disposed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (!this.mayLoad()) return;
    const generation = ++this.generation;
    this.held ??= [];
    const isCurrent = (): boolean => generation === this.generation && !this.disposed;
    const loaded = await this.load(isCurrent);
    if (!isCurrent()) return;
    if (loaded) this.retryDelay = undefined;
    else this.scheduleRetry();
  }

  /** True when a load is on its way: `event` is held for the owner to apply after the reply. */
  hold(event: E): boolean {
    if (!this.held) return false;
    this.held.push(event);
    return true;
  }

  /** The events held since the load began, oldest first; from now on events are not held. */
  takeHeld(): E[] {
    const held = this.held ?? [];
    this.held = undefined;
    return held;
  }

  private scheduleRetry(): void {
    this.retryDelay = this.retryDelay ? this.retryDelay.next(undefined) : this.backoff.next(undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.reload();
    }, this.retryDelay.duration);
  }
}

// Feeds the stores from main: a snapshot first, then events as deltas; a gap in the orders seq,
// a reconnect or a failed snapshot leads to a new snapshot. The only writer of the session's stores
// (the checks store's verify run aside: checks-verify.ts writes that).
import { ExponentialBackoff } from 'cockatiel';
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import type { EventChannel } from '../../src-shared/ipc/channels';
import type { EventPayload, Snapshot } from '../../src-shared/ipc/contract';
import type { Stores } from '../stores';
import { replaceAccount } from '../stores/account';
import { replaceSummary } from '../stores/checks';
import { isNewerConnection } from '../stores/connection';
import { applyQuotes, replaceMarket } from '../stores/market';
import { classifyOrdersSeq, replaceOrders, upsertOrders } from '../stores/orders';
import type { RendererBridge } from './bridge';
import { log } from './log';

/**
 * The session's channels. The retry log (retry-log-sync.ts), health and alerts (health-sync.ts) and settings
 * have their own feeds, outside the snapshot.
 */
type SessionChannel = Exclude<EventChannel, 'retries:changed' | 'health:changed' | 'alerts:changed' | 'settings:changed' | 'outbox:changed'>;
type SyncEvent = { [C in SessionChannel]: { channel: C; payload: EventPayload<C> } }[SessionChannel];

/** Full-state events with no version: one that raced a snapshot cannot be told newer or older. */
const UNVERSIONED: ReadonlySet<SessionChannel> = new Set<SessionChannel>(['account:changed', 'symbols:changed', 'checks:changed']);

export interface SessionSyncOptions {
  /** Delays between failed snapshot attempts. */
  backoff?: IBackoffFactory<unknown>;
}

export class SessionSync {
  private readonly stores: Stores;
  private readonly bridge: RendererBridge;
  private readonly backoff: IBackoffFactory<unknown>;
  private readonly subscriptions: (() => void)[] = [];
  /** Events that arrived while a snapshot was on its way; defined only then. */
  private buffered: SyncEvent[] | undefined;
  private inFlight = false;
  /** A resync was asked for while one was in flight: run another when it lands. */
  private again = false;
  private retryDelay: IBackoff<unknown> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(bridge: RendererBridge, stores: Stores, options: SessionSyncOptions = {}) {
    this.bridge = bridge;
    this.stores = stores;
    this.backoff = options.backoff ?? new ExponentialBackoff({ initialDelay: 250, maxDelay: 5_000 });
  }

  start(): void {
    const on = <C extends SessionChannel>(channel: C) =>
      this.bridge.on(channel, (payload) => this.receive({ channel, payload } as SyncEvent));
    this.subscriptions.push(
      on('connection:changed'),
      on('symbols:changed'),
      on('quotes:changed'),
      on('orders:changed'),
      on('account:changed'),
      on('checks:changed'),
      this.bridge.onDidChangeLink((link) => this.stores.connection.setState({ link })),
      this.bridge.onDidReconnect(() => {
        clearTimeout(this.retryTimer);
        this.retryTimer = undefined;
        void this.resync();
      }),
    );
    this.stores.connection.setState({ link: this.bridge.link });
    void this.resync();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.retryTimer);
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
  }

  /** Takes a new snapshot now, or right after the one in flight. */
  async resync(): Promise<void> {
    if (this.disposed) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    this.buffered ??= [];
    const reply = await this.bridge.invoke('session:snapshot', {});
    this.inFlight = false;
    if (this.disposed) return;

    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    if (reply.ok) {
      this.retryDelay = undefined;
      this.applySnapshot(reply.result);
      for (const event of buffered) this.replayOrBuffer(event);
    } else {
      log.warn(`snapshot failed (${reply.error.code}): ${reply.error.message}`);
      // Without a base, full-state events still help; orders wait for the next snapshot.
      for (const event of buffered) if (event.channel !== 'orders:changed') this.apply(event);
      if (!this.again) this.scheduleRetry();
    }
    if (this.again) {
      this.again = false;
      void this.resync();
    }
  }

  private scheduleRetry(): void {
    this.retryDelay = this.retryDelay ? this.retryDelay.next(undefined) : this.backoff.next(undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.resync();
    }, this.retryDelay.duration);
  }

  /** Asks for a snapshot unless one is already due: a failing main is not hammered per event. */
  private requestResync(): void {
    if (this.retryTimer === undefined) void this.resync();
  }

  private receive(event: SyncEvent): void {
    if (this.buffered) this.buffered.push(event);
    else this.apply(event);
  }

  private applySnapshot(snapshot: Snapshot): void {
    const { connection, market, orders, account, checks } = this.stores;
    connection.setState({ info: snapshot.connection, principal: snapshot.principal });
    checks.setState((state) => replaceSummary(state, snapshot.checks));
    market.setState((state) => replaceMarket(state, snapshot.symbols, snapshot.quotes));
    orders.setState(replaceOrders(snapshot.orders));
    account.setState(replaceAccount(snapshot.account));
  }

  /** A gap found while replaying starts the next snapshot: the rest then wait for that one. */
  private replayOrBuffer(event: SyncEvent): void {
    if (this.buffered) this.buffered.push(event);
    else this.replay(event);
  }

  /**
   * An event that raced the snapshot. Orders sort themselves out by seq and quotes by ts; a
   * connection event counts only if newer; account, symbol and checks events carry no version,
   * and on an ordered transport they predate the snapshot's reply, so they are dropped.
   */
  private replay(event: SyncEvent): void {
    if (UNVERSIONED.has(event.channel)) return;
    if (event.channel === 'connection:changed') {
      if (isNewerConnection(this.stores.connection.getState().info, event.payload)) this.apply(event);
      return;
    }
    if (event.channel === 'orders:changed') {
      // Deltas already folded into the snapshot are expected here, and only here.
      if (classifyOrdersSeq(this.stores.orders.getState().lastSeq, event.payload.seq) === 'stale') return;
    }
    this.apply(event);
  }

  private apply(event: SyncEvent): void {
    switch (event.channel) {
      case 'connection:changed':
        this.stores.connection.setState({ info: event.payload });
        return;
      case 'symbols:changed':
        this.stores.market.setState((state) => replaceMarket(state, event.payload.symbols, []));
        return;
      case 'quotes:changed':
        this.stores.market.setState((state) => applyQuotes(state, event.payload.quotes));
        return;
      case 'account:changed':
        this.stores.account.setState(replaceAccount(event.payload));
        return;
      case 'orders:changed':
        this.applyOrders(event.payload);
        return;
      case 'checks:changed':
        this.stores.checks.setState((state) => replaceSummary(state, event.payload));
        return;
      default: {
        // A channel added to the contract fails to compile here until it is handled.
        const unhandled: never = event;
        log.warn('unhandled event', unhandled);
      }
    }
  }

  private applyOrders(delta: EventPayload<'orders:changed'>): void {
    const lastSeq = this.stores.orders.getState().lastSeq;
    const verdict = classifyOrdersSeq(lastSeq, delta.seq);
    if (verdict === 'apply') {
      this.stores.orders.setState((state) => upsertOrders(state, delta));
      return;
    }
    // A live delta out of order (a gap, or a seq that went back) means the projection can no
    // longer be trusted; only a snapshot can say what the orders are now.
    log.info(`orders seq ${delta.seq} after ${lastSeq ?? 'none'}: taking a new snapshot`);
    this.requestResync();
  }
}

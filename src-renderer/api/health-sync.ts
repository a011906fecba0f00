// Feeds the health and alerts stores from main, whichever view is open (the nav's firing badge
// needs the alerts): health:now, alerts:list and alerts:rules on start and after a reconnect,
// then health:changed (replaces) and alerts:changed (upserts by id). A failed load is retried.
import { ExponentialBackoff } from 'cockatiel';
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import type { StoreApi } from 'zustand/vanilla';
import type { AlertEvent } from '../../src-shared/domain/alerts';
import type { AlertsState } from '../stores/alerts';
import { ALERT_HISTORY_LIMIT, failAlertsLoad, replaceAlerts, replaceRules, upsertAlerts } from '../stores/alerts';
import type { HealthState } from '../stores/health';
import { replaceHealth } from '../stores/health';
import type { RendererBridge } from './bridge';
import { log } from './log';

export interface HealthSyncStores {
  readonly health: StoreApi<HealthState>;
  readonly alerts: StoreApi<AlertsState>;
}

export interface HealthSyncOptions {
  /** Delays between failed loads of the alerts or the rules. */
  backoff?: IBackoffFactory<unknown>;
}

export class HealthSync {
  private readonly bridge: RendererBridge;
  private readonly stores: HealthSyncStores;
  private readonly backoff: IBackoffFactory<unknown>;
  private readonly subscriptions: (() => void)[] = [];
  /** Which load is current: replies to an older one (a reconnect started another) are dropped. */
  private generation = 0;
  /** alerts:changed events that arrived while the alerts were loading; defined only then. */
  private buffered: AlertEvent[][] | undefined;
  private retryDelay: IBackoff<unknown> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(bridge: RendererBridge, stores: HealthSyncStores, options: HealthSyncOptions = {}) {
    this.bridge = bridge;
    this.stores = stores;
    this.backoff = options.backoff ?? new ExponentialBackoff({ initialDelay: 500, maxDelay: 10_000 });
  }

  start(): void {
    this.subscriptions.push(
      this.bridge.on('health:changed', (now) => this.stores.health.setState((state) => replaceHealth(state, now))),
      this.bridge.on('alerts:changed', (payload) => this.receive(payload.events)),
      // Events may have been missed while the link was down: only a reload can say what is firing.
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

  /** Loads the live figures, the alerts and the rules afresh. */
  async reload(): Promise<void> {
    if (this.disposed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const generation = ++this.generation;
    this.buffered ??= [];
    void this.loadHealth(generation);
    const [alerts, rules] = await Promise.all([this.loadAlerts(generation), this.loadRules(generation)]);
    if (generation !== this.generation || this.disposed) return;
    if (alerts && rules) this.retryDelay = undefined;
    else this.scheduleRetry();
  }

  private async loadHealth(generation: number): Promise<void> {
    const reply = await this.bridge.invoke('health:now', {});
    if (generation !== this.generation) return;
    // health:changed follows within a second anyway: a failure here needs no retry of its own.
    if (reply.ok) this.stores.health.setState((state) => replaceHealth(state, reply.result));
    else log.warn(`health failed to load (${reply.error.code}): ${reply.error.message}`);
  }

  /** Whether the alerts loaded; a stale reply counts as loaded (the newer load decides). */
  private async loadAlerts(generation: number): Promise<boolean> {
    const reply = await this.bridge.invoke('alerts:list', { limit: ALERT_HISTORY_LIMIT });
    if (generation !== this.generation) return true;
    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    if (reply.ok) {
      this.stores.alerts.setState((state) => buffered.reduce(upsertAlerts, replaceAlerts(state, reply.result.events)));
      return true;
    }
    log.warn(`alerts failed to load (${reply.error.code}): ${reply.error.message}`);
    // Events that raced the failed load are still facts: the badge should count them.
    this.stores.alerts.setState((state) => buffered.reduce(upsertAlerts, failAlertsLoad(state, reply.error)));
    return false;
  }

  private async loadRules(generation: number): Promise<boolean> {
    const reply = await this.bridge.invoke('alerts:rules', {});
    if (generation !== this.generation) return true;
    if (reply.ok) {
      this.stores.alerts.setState((state) => replaceRules(state, reply.result.rules));
      return true;
    }
    log.warn(`alert rules failed to load (${reply.error.code}): ${reply.error.message}`);
    return false;
  }

  private scheduleRetry(): void {
    this.retryDelay = this.retryDelay ? this.retryDelay.next(undefined) : this.backoff.next(undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.reload();
    }, this.retryDelay.duration);
  }

  private receive(events: AlertEvent[]): void {
    if (this.buffered) this.buffered.push(events);
    else this.stores.alerts.setState((state) => upsertAlerts(state, events));
  }
}

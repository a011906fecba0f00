// Feeds the health and alerts stores from main, whichever view is open (the nav's firing badge
// needs the alerts): health:now, alerts:list and alerts:rules on start and after a reconnect,
// then health:changed (replaces) and alerts:changed (upserts by id). A failed load is retried.
import type { StoreApi } from 'zustand/vanilla';
import type { AlertEvent } from '../../src-shared/domain/alerts';
import type { AlertsState } from '../stores/alerts';
import { ALERT_HISTORY_LIMIT, failAlertsLoad, replaceAlerts, replaceRules, upsertAlerts } from '../stores/alerts';
import type { HealthState } from '../stores/health';
import { replaceHealth } from '../stores/health';
import type { RendererBridge } from './bridge';
import { log } from './log';
import { ReloadingFeed, type ReloadingFeedOptions } from './reloading-feed';

export interface HealthSyncStores {
  readonly health: StoreApi<HealthState>;
  readonly alerts: StoreApi<AlertsState>;
}

/** backoff: delays between failed loads of the alerts or the rules. */
export type HealthSyncOptions = ReloadingFeedOptions;

export class HealthSync {
  private readonly bridge: RendererBridge;
  private readonly stores: HealthSyncStores;
  /** Holds the alerts:changed events that race the alerts' load. */
  private readonly feed: ReloadingFeed<AlertEvent[]>;

  constructor(bridge: RendererBridge, stores: HealthSyncStores, options: HealthSyncOptions = {}) {
    this.bridge = bridge;
    this.stores = stores;
    this.feed = new ReloadingFeed(bridge, (isCurrent) => this.load(isCurrent), options);
  }

  start(): void {
    this.feed.start([
      this.bridge.on('health:changed', (now) => this.stores.health.setState((state) => replaceHealth(state, now))),
      this.bridge.on('alerts:changed', (payload) => this.receive(payload.events)),
    ]);
  }

  dispose(): void {
    this.feed.dispose();
  }

  /** Loads the live figures, the alerts and the rules afresh. */
  reload(): Promise<void> {
    return this.feed.reload();
  }

  /** Whether the alerts and the rules loaded. */
  private async load(isCurrent: () => boolean): Promise<boolean> {
    void this.loadHealth(isCurrent);
    const [alerts, rules] = await Promise.all([this.loadAlerts(isCurrent), this.loadRules(isCurrent)]);
    return alerts && rules;
  }

  private async loadHealth(isCurrent: () => boolean): Promise<void> {
    const reply = await this.bridge.invoke('health:now', {});
    if (!isCurrent()) return;
    // health:changed follows within a second anyway: a failure here needs no retry of its own.
    if (reply.ok) this.stores.health.setState((state) => replaceHealth(state, reply.result));
    else log.warn(`health failed to load (${reply.error.code}): ${reply.error.message}`);
  }

  /** Whether the alerts loaded; a stale reply counts as loaded (the newer load decides). */
  private async loadAlerts(isCurrent: () => boolean): Promise<boolean> {
    const reply = await this.bridge.invoke('alerts:list', { limit: ALERT_HISTORY_LIMIT });
    if (!isCurrent()) return true;
    const buffered = this.feed.takeHeld();
    if (reply.ok) {
      this.stores.alerts.setState((state) => buffered.reduce(upsertAlerts, replaceAlerts(state, reply.result.events)));
      return true;
    }
    log.warn(`alerts failed to load (${reply.error.code}): ${reply.error.message}`);
    // Events that raced the failed load are still facts: the badge should count them.
    this.stores.alerts.setState((state) => buffered.reduce(upsertAlerts, failAlertsLoad(state, reply.error)));
    return false;
  }

  private async loadRules(isCurrent: () => boolean): Promise<boolean> {
    const reply = await this.bridge.invoke('alerts:rules', {});
    if (!isCurrent()) return true;
    if (reply.ok) {
      this.stores.alerts.setState((state) => replaceRules(state, reply.result.rules));
      return true;
    }
    log.warn(`alert rules failed to load (${reply.error.code}): ${reply.error.message}`);
    return false;
  }

  private receive(events: AlertEvent[]): void {
    if (!this.feed.hold(events)) this.stores.alerts.setState((state) => upsertAlerts(state, events));
  }
}

// Feeds the settings store from main, whichever view is open, in a trader's session only (a viewer
// may not read them): settings:get and settings:history once main says the session is a trader's and
// after a reconnect, then settings:changed (the state replaced, the record upserted by id). A failed
// load is retried. Thresholds a change put in force also reach the alerts store.
import type { StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../src-shared/ipc/contract';
import type { AlertsState } from '../stores/alerts';
import { applyThresholds } from '../stores/alerts';
import type { ConnectionStoreState } from '../stores/connection';
import { isTraderSession } from '../stores/connection';
import type { SettingsStoreState } from '../stores/settings';
import { failSettingsLoad, receiveChanged, replaceHistory, replaceSettings, SETTINGS_HISTORY_LIMIT } from '../stores/settings';
import type { RendererBridge } from './bridge';
import { log } from './log';
import { ReloadingFeed, type ReloadingFeedOptions } from './reloading-feed';

type SettingsChanged = EventPayload<'settings:changed'>;

export interface SettingsSyncStores {
  readonly settings: StoreApi<SettingsStoreState>;
  readonly alerts: StoreApi<AlertsState>;
  /** Who the session is (from the snapshot): nothing is asked until it is a trader. */
  readonly connection: StoreApi<ConnectionStoreState>;
}

export type SettingsSyncOptions = ReloadingFeedOptions;

export class SettingsSync {
  private readonly bridge: RendererBridge;
  private readonly stores: SettingsSyncStores;
  /** Holds the settings:changed events that race a load. */
  private readonly feed: ReloadingFeed<SettingsChanged>;

  constructor(bridge: RendererBridge, stores: SettingsSyncStores, options: SettingsSyncOptions = {}) {
    this.bridge = bridge;
    this.stores = stores;
    // A viewer's asking would only be refused, and each refusal is a `denied` row in the audit trail.
    this.feed = new ReloadingFeed(bridge, (isCurrent) => this.load(isCurrent), options, () => isTraderSession(stores.connection.getState()));
  }

  start(): void {
    this.feed.start([
      this.bridge.on('settings:changed', (payload) => this.receive(payload)),
      // Until the first snapshot nobody knows who this is; it loads when main says a trader.
      this.stores.connection.subscribe((state, previous) => {
        if (isTraderSession(state) && !isTraderSession(previous)) void this.feed.reload();
      }),
    ]);
  }

  dispose(): void {
    this.feed.dispose();
  }

  /** Loads the settings in force and the history afresh; changes that raced it apply on top. */
  reload(): Promise<void> {
    return this.feed.reload();
  }

  private async load(isCurrent: () => boolean): Promise<boolean> {
    const [state, history] = await Promise.all([
      this.bridge.invoke('settings:get', {}),
      this.bridge.invoke('settings:history', { limit: SETTINGS_HISTORY_LIMIT }),
    ]);
    if (!isCurrent()) return true;
    const buffered = this.feed.takeHeld();
    const failure = !state.ok ? state.error : !history.ok ? history.error : null;
    this.stores.settings.setState((current) => {
      let next = state.ok ? replaceSettings(current, state.result) : current;
      next = history.ok ? replaceHistory(next, history.result.records) : next;
      if (failure) next = failSettingsLoad(next, failure);
      // Events are newer than any reply they raced: the last one's state is the one in force.
      return buffered.reduce(receiveChanged, next);
    });
    for (const payload of buffered) this.followThresholds(payload);
    if (failure) log.warn(`settings failed to load (${failure.code}): ${failure.message}`);
    // Refused (a token that is no longer a trader's): asking again would only be refused again.
    return !failure || failure.code === 'FORBIDDEN';
  }

  private receive(payload: SettingsChanged): void {
    if (this.feed.hold(payload)) return;
    this.stores.settings.setState((state) => receiveChanged(state, payload));
    this.followThresholds(payload);
  }

  /** An applied change put every threshold of its `after` in force (main aligns all of them). */
  private followThresholds({ record }: SettingsChanged): void {
    if (record.status !== 'applied' && record.status !== 'confirmed') return;
    this.stores.alerts.setState((state) => applyThresholds(state, record.after.alertThresholds));
  }
}

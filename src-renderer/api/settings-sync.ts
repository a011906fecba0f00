// Feeds the settings store from main, whichever view is open: settings:get and settings:history on
// start and after a reconnect, then settings:changed (the state replaced, the record upserted by
// id). A failed load is retried. Thresholds a change put in force also reach the alerts store.
import { ExponentialBackoff } from 'cockatiel';
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import type { StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../src-shared/ipc/contract';
import type { AlertsState } from '../stores/alerts';
import { applyThresholds } from '../stores/alerts';
import type { SettingsStoreState } from '../stores/settings';
import { failSettingsLoad, receiveChanged, replaceHistory, replaceSettings, SETTINGS_HISTORY_LIMIT } from '../stores/settings';
import type { RendererBridge } from './bridge';
import { log } from './log';

type SettingsChanged = EventPayload<'settings:changed'>;

export interface SettingsSyncStores {
  readonly settings: StoreApi<SettingsStoreState>;
  readonly alerts: StoreApi<AlertsState>;
}

export interface SettingsSyncOptions {
  /** Delays between failed loads. */
  backoff?: IBackoffFactory<unknown>;
}

export class SettingsSync {
  private readonly bridge: RendererBridge;
  private readonly stores: SettingsSyncStores;
  private readonly backoff: IBackoffFactory<unknown>;
  private readonly subscriptions: (() => void)[] = [];
  /** Which load is current: replies to an older one (a reconnect started another) are dropped. */
  private generation = 0;
  /** settings:changed events that arrived while loading; defined only then. */
  private buffered: SettingsChanged[] | undefined;
  private retryDelay: IBackoff<unknown> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private disposed = false;

  constructor(bridge: RendererBridge, stores: SettingsSyncStores, options: SettingsSyncOptions = {}) {
    this.bridge = bridge;
    this.stores = stores;
    this.backoff = options.backoff ?? new ExponentialBackoff({ initialDelay: 500, maxDelay: 10_000 });
  }

  start(): void {
    this.subscriptions.push(
      this.bridge.on('settings:changed', (payload) => this.receive(payload)),
      // Changes may have been made while the link was down: only a reload can say which.
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

  /** Loads the settings in force and the history afresh; changes that raced it apply on top. */
  async reload(): Promise<void> {
    if (this.disposed) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const generation = ++this.generation;
    this.buffered ??= [];
    const [state, history] = await Promise.all([
      this.bridge.invoke('settings:get', {}),
      this.bridge.invoke('settings:history', { limit: SETTINGS_HISTORY_LIMIT }),
    ]);
    if (generation !== this.generation || this.disposed) return;
    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    const failure = !state.ok ? state.error : !history.ok ? history.error : null;
    this.stores.settings.setState((current) => {
      let next = state.ok ? replaceSettings(current, state.result) : current;
      next = history.ok ? replaceHistory(next, history.result.records) : next;
      if (failure) next = failSettingsLoad(next, failure);
      // Events are newer than any reply they raced: the last one's state is the one in force.
      return buffered.reduce(receiveChanged, next);
    });
    for (const payload of buffered) this.followThresholds(payload);
    if (!failure) {
      this.retryDelay = undefined;
      return;
    }
    log.warn(`settings failed to load (${failure.code}): ${failure.message}`);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.retryDelay = this.retryDelay ? this.retryDelay.next(undefined) : this.backoff.next(undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.reload();
    }, this.retryDelay.duration);
  }

  private receive(payload: SettingsChanged): void {
    if (this.buffered) {
      this.buffered.push(payload);
      return;
    }
    this.stores.settings.setState((state) => receiveChanged(state, payload));
    this.followThresholds(payload);
  }

  /** An applied change put every threshold of its `after` in force (main aligns all of them). */
  private followThresholds({ record }: SettingsChanged): void {
    if (record.status !== 'applied' && record.status !== 'confirmed') return;
    this.stores.alerts.setState((state) => applyThresholds(state, record.after.alertThresholds));
  }
}

// Feeds the outbox store while the Notion view is open: outbox:list for the view's filter and
// notion:status, then live outbox:changed batches on top; a reconnect reloads. The connection's
// status carries the last push error, which no event says, so it is asked for again (at most once
// a statusIntervalMs) after changes. The feed's side of the store: commands are notion-commands.ts.
import type { StoreApi } from 'zustand/vanilla';
import type { EventPayload } from '../../src-shared/ipc/contract';
import type { OutboxState, OutboxViewFilter } from '../stores/outbox';
import {
  closeOutbox,
  failOutboxLoad,
  OUTBOX_LIMIT,
  replaceFigures,
  replaceNotionStatus,
  replaceOutbox,
  startOutboxLoad,
  upsertOutboxEvents,
} from '../stores/outbox';
import type { RendererBridge } from './bridge';
import { log } from './log';
import { ViewFeed } from './view-feed';

/** What the view may ask of the feed. */
export interface OutboxFeed {
  /** Shows the outbox for this filter: loads it and the connection, then keeps them live until close(). */
  open(filter: OutboxViewFilter): void;
  close(): void;
}

export interface OutboxSyncOptions {
  /** The renderer's clock, for the age of the figures. */
  now?: () => number;
  /** The least time between two notion:status refreshes caused by outbox changes. */
  statusIntervalMs?: number;
}

export class OutboxSync extends ViewFeed<OutboxViewFilter, OutboxState> implements OutboxFeed {
  private readonly now: () => number;
  private readonly statusIntervalMs: number;
  /** notion:status requests on their way (a reload may start one while an older one is out). */
  private statusInFlight = 0;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  /** Outbox changes arrived since the last status was asked for. */
  private statusStale = false;

  constructor(bridge: RendererBridge, store: StoreApi<OutboxState>, options: OutboxSyncOptions = {}) {
    super(bridge, store);
    this.now = options.now ?? Date.now;
    this.statusIntervalMs = options.statusIntervalMs ?? 1_000;
  }

  protected subscribe(): () => void {
    return this.bridge.on('outbox:changed', (payload) => this.receive(payload));
  }

  protected closed(): void {
    clearTimeout(this.statusTimer);
    this.statusTimer = undefined;
    this.statusStale = false;
    this.store.setState(closeOutbox);
  }

  protected async load(filter: OutboxViewFilter): Promise<void> {
    const generation = ++this.generation;
    this.store.setState((state) => startOutboxLoad(state, filter));
    const listed = this.bridge.invoke('outbox:list', { ...(filter !== null ? { status: filter } : {}), limit: OUTBOX_LIMIT });
    void this.refreshStatus();
    const reply = await listed;
    if (generation !== this.generation) return;
    if (!reply.ok) {
      log.warn(`outbox failed to load (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failOutboxLoad(state, reply.error));
      return;
    }
    const { events, figures } = reply.result;
    this.store.setState((state) => replaceOutbox(state, events, figures, this.now()));
  }

  /**
   * Changes that arrive while a load is on its way are not applied: main sends a reply and events
   * in order, so anything that arrived before the reply is already in it (and may be older than it).
   */
  private receive(payload: EventPayload<'outbox:changed'>): void {
    if (this.store.getState().status !== 'ready') return;
    const at = this.now();
    this.store.setState((state) => replaceFigures(upsertOutboxEvents(state, payload.events), payload.figures, at));
    this.requestStatus();
  }

  private requestStatus(): void {
    if (this.statusInFlight > 0 || this.statusTimer !== undefined) {
      this.statusStale = true;
      return;
    }
    void this.refreshStatus();
  }

  private async refreshStatus(): Promise<void> {
    const generation = this.generation;
    this.statusInFlight++;
    this.statusStale = false;
    const reply = await this.bridge.invoke('notion:status', {});
    this.statusInFlight--;
    if (generation !== this.generation) return;
    if (reply.ok) this.store.setState((state) => replaceNotionStatus(state, reply.result.status));
    else log.warn(`notion status failed to load (${reply.error.code}): ${reply.error.message}`);
    clearTimeout(this.statusTimer);
    this.statusTimer = setTimeout(() => {
      this.statusTimer = undefined;
      if (this.statusStale) void this.refreshStatus();
    }, this.statusIntervalMs);
  }
}

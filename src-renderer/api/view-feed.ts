// The skeleton of a feed that fills a store only while its view is open (the Retry log, the Notion
// outbox, the Audit trail): open(filter) loads, close() drops any load on its way, refresh() and a
// reconnect reload the open view.
import type { StoreApi } from 'zustand/vanilla';
import type { RendererBridge } from './bridge';

export abstract class ViewFeed<F, S extends { status: string; filter: F }> {
  protected readonly subscriptions: (() => void)[] = [];
  /** Which load is current: a reply to an older one (filter changed, view closed) is dropped. */
  protected generation = 0;

  constructor(
    protected readonly bridge: RendererBridge,
    protected readonly store: StoreApi<S>,
  ) {}

  start(): void {
    this.subscriptions.push(
      this.subscribe(),
      // Changes may have been missed while the link was down.
      this.bridge.onDidReconnect(() => this.refresh()),
    );
  }

  dispose(): void {
    this.close();
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
  }

  open(filter: F): void {
    void this.load(filter);
  }

  close(): void {
    this.generation++;
    this.closed();
  }

  /** Loads the open view's filter again; nothing while the view is closed. */
  refresh(): void {
    const { status, filter } = this.store.getState();
    if (status !== 'idle') void this.load(filter);
  }

  /** Subscribes to the view's live event channels; the function it returns ends them all. */
  protected abstract subscribe(): () => void;
  protected abstract load(filter: F): Promise<void>;
  /** Resets the feed's own state and the store when the view closes. */
  protected abstract closed(): void;
}

// Feeds the retry-log store while the Retry log view is open: retries:list for the view's filter,
// then live retries:changed entries on top; a reconnect reloads. The only writer of that store.
import type { RetryEntry } from '../../src-shared/domain/retry';
import type { RetryLogFilter, RetryLogState } from '../stores/retry-log';
import { closeRetryLog, failRetryLoad, replaceRetryLog, retryQuery, startRetryLoad, upsertRetryEntries } from '../stores/retry-log';
import { log } from './log';
import { ViewFeed } from './view-feed';

/** What the view may ask of the feed: the only commands that touch the retry-log store. */
export interface RetryLogFeed {
  /** Shows the log for this filter: loads it, then keeps it live until close(). */
  open(filter: RetryLogFilter): void;
  close(): void;
}

export class RetryLogSync extends ViewFeed<RetryLogFilter, RetryLogState> implements RetryLogFeed {
  /** Live entries that arrived while a load was on its way; defined only then. */
  private buffered: RetryEntry[][] | undefined;

  protected subscribe(): () => void {
    return this.bridge.on('retries:changed', (payload) => this.receive(payload.entries));
  }

  protected closed(): void {
    this.buffered = undefined;
    this.store.setState(closeRetryLog);
  }

  protected async load(filter: RetryLogFilter): Promise<void> {
    const generation = ++this.generation;
    this.buffered = [];
    this.store.setState((state) => startRetryLoad(state, filter));
    const reply = await this.bridge.invoke('retries:list', { ...retryQuery(filter), limit: filter.limit });
    if (generation !== this.generation) return;
    const buffered = this.buffered ?? [];
    this.buffered = undefined;
    if (!reply.ok) {
      log.warn(`retry log failed to load (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failRetryLoad(state, reply.error));
      return;
    }
    const { entries, total } = reply.result;
    this.store.setState((state) => buffered.reduce(upsertRetryEntries, replaceRetryLog(state, entries, total)));
  }

  private receive(entries: RetryEntry[]): void {
    if (this.buffered) {
      this.buffered.push(entries);
      return;
    }
    // Without a loaded base (view closed, or the load failed) there is nothing to apply them to.
    if (this.store.getState().status !== 'ready') return;
    this.store.setState((state) => upsertRetryEntries(state, entries));
  }
}

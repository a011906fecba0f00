// The retry log support staff read: the RetryStore in the data dir, a bounded in-memory window of
// the latest entries for the UI, and a watcher that streams new and changed rows (from this or any
// other process, such as the stress tool) in batches.
import type { Logger } from 'pino';
import { retryLogCsv } from '../../src-shared/domain/retry';
import type { RetryEntry, RetryFilter } from '../../src-shared/domain/retry';
import { Emitter } from '../../src-shared/util/emitter';
import type { RetryEvent, RetryListener } from '../hub/retry-policy';
import { RetryStore } from './retry-store';

export interface RetryLogOptions {
  dataDir: string;
  /** Who writes: 'console', 'stress' … shown in the log. */
  source: string;
  logger: Logger;
  /** Entries kept in memory (the newest). */
  capacity?: number;
  /** How often to look for rows written by other processes; 0 for a writer that never reads. */
  pollMs?: number;
}

export const DEFAULT_RETRY_LOG_CAPACITY = 10_000;
const BATCH = 5000;

export class RetryLog implements RetryListener {
  private readonly store: RetryStore;
  private readonly window = new Map<number, RetryEntry>();
  private readonly changed = new Emitter<RetryEntry[]>();
  /** New and changed entries, in batches. */
  readonly onDidChange = this.changed.event;
  private readonly capacity: number;
  private rev = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RetryLogOptions) {
    this.store = new RetryStore(options.dataDir);
    this.capacity = options.capacity ?? DEFAULT_RETRY_LOG_CAPACITY;
  }

  start(): void {
    const { entries, rev } = this.store.latest(this.capacity);
    for (const entry of entries) this.window.set(entry.id, entry);
    this.rev = rev;
    if ((this.options.pollMs ?? 200) > 0) this.timer = setInterval(() => this.poll(), this.options.pollMs ?? 200);
  }

  onRetry(event: RetryEvent): void {
    this.write(() => this.store.append(event, this.options.source));
  }

  onSettled(callId: string, outcome: 'succeeded' | 'gave-up'): void {
    this.write(() => this.store.settle(callId, outcome));
  }

  /** This process's retries per bucket start, for the Health charts. */
  retriesPerBucket(from: number, to: number, bucketMs: number): Map<number, number> {
    return this.store.retriesPerBucket(this.options.source, from, to, bucketMs);
  }

  /** This process's retries and give-ups since `since`. */
  totals(since: number): { retries: number; giveUps: number } {
    return this.store.totals(this.options.source, since);
  }

  /** Newest first, from the in-memory window; `total` counts the whole log on disk. */
  list(filter: RetryFilter): { entries: RetryEntry[]; total: number } {
    const limit = filter.limit ?? 500;
    const entries: RetryEntry[] = [];
    for (const entry of [...this.window.values()].sort((a, b) => b.id - a.id)) {
      if ((filter.op && entry.op !== filter.op) || (filter.outcome && entry.outcome !== filter.outcome)) continue;
      entries.push(entry);
      if (entries.length >= limit) break;
    }
    return { entries, total: this.store.count(filter) };
  }

  /** The whole matching log on disk as CSV, oldest first. */
  csv(filter: RetryFilter): { csv: string; rows: number } {
    const rows = [...this.store.iterate(filter)];
    return { csv: retryLogCsv(rows), rows: rows.length };
  }

  /** Picks up rows written or changed since the last look, by any process. */
  poll(): void {
    try {
      for (;;) {
        const { entries, rev } = this.store.changedSince(this.rev, BATCH);
        this.rev = rev;
        if (entries.length === 0) return;
        for (const entry of entries) {
          this.window.delete(entry.id);
          this.window.set(entry.id, entry);
        }
        this.trim();
        this.changed.fire(entries);
        if (entries.length < BATCH) return;
      }
    } catch (error) {
      this.options.logger.error({ err: error }, 'reading the retry log failed');
    }
  }

  private trim(): void {
    // Keep the newest ids: re-insertion moved updated rows to the end, so sort once when over.
    if (this.window.size <= this.capacity) return;
    const keep = [...this.window.values()].sort((a, b) => a.id - b.id).slice(-this.capacity);
    this.window.clear();
    for (const entry of keep) this.window.set(entry.id, entry);
  }

  private write(action: () => void): void {
    try {
      action();
    } catch (error) {
      // Never let logging break a hub call; say so loudly instead.
      this.options.logger.error({ err: error }, 'writing the retry log failed');
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.poll();
    this.changed.dispose();
    this.store.close();
  }
}

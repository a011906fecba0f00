// The origin gateway's idempotency cache (json_gateway.py L150-200): req_id -> (ticket, time) for
// SUCCESSFUL orders only, least recently used first out past 10,000 entries. In memory: a restart
// empties it, as in the real gateway. No I/O.

export interface CachedOrder {
  readonly ticket: number;
  /** When the order was executed, ms since the epoch. */
  readonly at: number;
}

export const CACHE_MAX_SIZE = 10_000;

export class SuccessCache {
  private readonly entries = new Map<string, CachedOrder>();

  constructor(private readonly maxSize = CACHE_MAX_SIZE) {}

  /** A hit counts as a use: the entry moves to the young end. */
  get(reqId: string): CachedOrder | undefined {
    const hit = this.entries.get(reqId);
    if (!hit) return undefined;
    this.entries.delete(reqId);
    this.entries.set(reqId, hit);
    return hit;
  }

  set(reqId: string, entry: CachedOrder): void {
    this.entries.delete(reqId);
    this.entries.set(reqId, entry);
    if (this.entries.size <= this.maxSize) return;
    const oldest = this.entries.keys().next();
    if (!oldest.done) this.entries.delete(oldest.value);
  }

  get size(): number {
    return this.entries.size;
  }
}

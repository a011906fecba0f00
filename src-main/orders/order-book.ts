// The console's orders in memory, written through to the ledger: every change is committed before
// anyone hears of it. Keeps per-status counts and the recently sent orders for the pre-trade check.
import type { ConsoleOrder, ConsoleOrderStatus } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import type { LedgerCounter, OrderLedger } from './ledger';

export class OrderBook {
  private readonly orders = new Map<string, ConsoleOrder>();
  private readonly sentAt = new Map<string, number>();
  private readonly counts = new Map<ConsoleOrderStatus, number>();
  /** Orders by the time they were sent, for the pre-trade duplicate window. */
  private recentlySent: Array<{ order: ConsoleOrder; sentAt: number }> = [];
  private readonly changed = new Emitter<ConsoleOrder>();
  readonly onDidChangeOrder = this.changed.event;

  /** Ids of ledger rows that could not be read: reserved, so they are never used again. */
  readonly unreadable: ReadonlySet<string>;

  constructor(readonly ledger: OrderLedger) {
    const { records, invalidIds } = ledger.load();
    this.unreadable = new Set(invalidIds);
    for (const { order, sentAt } of records) {
      this.orders.set(order.clientOrderId, order);
      this.count(order.status, 1);
      if (sentAt !== null) this.sentAt.set(order.clientOrderId, sentAt);
    }
  }

  get(clientOrderId: string): ConsoleOrder | undefined {
    return this.orders.get(clientOrderId);
  }

  list(): ConsoleOrder[] {
    return [...this.orders.values()];
  }

  countOf(status: ConsoleOrderStatus): number {
    return this.counts.get(status) ?? 0;
  }

  sentTime(clientOrderId: string): number | undefined {
    return this.sentAt.get(clientOrderId);
  }

  /** Orders sent within the last `windowMs`. */
  sentWithin(now: number, windowMs: number): Array<{ order: ConsoleOrder; sentAt: number }> {
    this.recentlySent = this.recentlySent.filter((entry) => now - entry.sentAt <= windowMs);
    return this.recentlySent;
  }

  /** Records a new order; false when its clientOrderId is already used (here or in the ledger). */
  insert(order: ConsoleOrder, type: string): boolean {
    if (this.orders.has(order.clientOrderId) || this.unreadable.has(order.clientOrderId) || !this.ledger.insert(order, type)) return false;
    this.orders.set(order.clientOrderId, order);
    this.count(order.status, 1);
    this.changed.fire(order);
    return true;
  }

  /**
   * Records a new order as pending and sent in one commit; false when its clientOrderId is already
   * used. The caller awaits `ledger.committed()` before the first byte goes out.
   */
  insertSent(pending: ConsoleOrder, sent: ConsoleOrder): boolean {
    if (this.orders.has(sent.clientOrderId) || this.unreadable.has(sent.clientOrderId)) return false;
    this.ledger.insertSent(pending, sent, sent.updatedAt);
    this.orders.set(sent.clientOrderId, sent);
    this.count(sent.status, 1);
    this.sentAt.set(sent.clientOrderId, sent.updatedAt);
    this.recentlySent.push({ order: sent, sentAt: sent.updatedAt });
    this.changed.fire(sent);
    return true;
  }

  /** Commits a change to the ledger, then applies and announces it. */
  update(order: ConsoleOrder, type: string, options: { sent?: boolean; detail?: string; bump?: LedgerCounter } = {}): ConsoleOrder {
    const previous = this.orders.get(order.clientOrderId);
    const sentAt = options.sent ? order.updatedAt : undefined;
    this.ledger.update(order, type, { ...(sentAt !== undefined ? { sentAt } : {}), ...(options.detail ? { detail: options.detail } : {}), ...(options.bump ? { bump: options.bump } : {}) });
    if (previous) this.count(previous.status, -1);
    this.count(order.status, 1);
    this.orders.set(order.clientOrderId, order);
    if (sentAt !== undefined) {
      this.sentAt.set(order.clientOrderId, sentAt);
      this.recentlySent.push({ order, sentAt });
    }
    this.changed.fire(order);
    return order;
  }

  private count(status: ConsoleOrderStatus, delta: number): void {
    this.counts.set(status, (this.counts.get(status) ?? 0) + delta);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

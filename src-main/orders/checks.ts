// The duplicate-order checks support staff and traders look at: counters from the ledger and the
// order book, and `Verify against hub`, which compares every ledger order with the hub's listing.
import type { DuplicateSummary, VerifyResult } from '../../src-shared/domain/checks';
import type { ConsoleOrder, HubOrder } from '../../src-shared/domain/order';
import type { HubClient } from '../hub/hub-client';
import type { OrderBook } from './order-book';

/** What the hub must show for a ledger order, or null when the hub must not hold it at all. */
function expectedOnHub(order: ConsoleOrder): string | null | 'unsettled' {
  if (order.status === 'pending' || order.status === 'sent' || order.status === 'unknown') return 'unsettled';
  if (order.status === 'held' || order.status === 'dropped' || order.status === 'not_received') return null;
  if (order.orderId === null) return null; // refused before the hub created anything
  return order.status;
}

/** Pure comparison of the ledger with the hub's `orders {status:"all"}`. */
export function verifyLedger(ledger: readonly ConsoleOrder[], hubOrders: readonly HubOrder[], at: number): VerifyResult {
  const byId = new Map<string, HubOrder[]>();
  for (const order of hubOrders) byId.set(order.clientOrderId, [...(byId.get(order.clientOrderId) ?? []), order]);
  const hubDuplicates = [...byId].filter(([, orders]) => orders.length > 1).map(([id]) => id);
  const mismatches: VerifyResult['mismatches'] = [];
  for (const order of ledger) {
    const expected = expectedOnHub(order);
    const onHub = byId.get(order.clientOrderId)?.at(-1);
    const hubState = onHub?.status ?? 'absent';
    if (expected === 'unsettled') mismatches.push({ clientOrderId: order.clientOrderId, ledger: order.status, hub: hubState });
    else if (expected === null ? onHub !== undefined : hubState !== expected) {
      mismatches.push({ clientOrderId: order.clientOrderId, ledger: order.status, hub: hubState });
    }
  }
  return {
    at,
    pass: hubDuplicates.length === 0 && mismatches.length === 0,
    hubOrders: hubOrders.length,
    ledgerOrders: ledger.length,
    hubDuplicates,
    mismatches,
    error: null,
  };
}

export class DuplicateChecks {
  private lastVerify: VerifyResult | null = null;

  constructor(
    private readonly hub: HubClient,
    private readonly book: OrderBook,
    private readonly reconciling: () => boolean,
    private readonly duplicateWindowMs: () => number,
  ) {}

  summary(): DuplicateSummary {
    const counters = this.book.ledger.counters();
    return {
      ordersSent: counters.ordersSent,
      duplicatesAbsorbedByHub: counters.duplicatesAbsorbedByHub,
      repeatSubmissionsStopped: counters.repeatSubmissionsStopped,
      holds: counters.holds,
      holdsConfirmed: counters.holdsConfirmed,
      holdsDropped: counters.holdsDropped,
      heldNow: this.book.countOf('held'),
      unknownNow: this.book.countOf('unknown'),
      reconciled: counters.reconciled,
      notReceived: this.book.countOf('not_received'),
      reconciling: this.reconciling(),
      duplicateWindowMs: this.duplicateWindowMs(),
      lastVerify: this.lastVerify,
    };
  }

  async verify(now = Date.now()): Promise<VerifyResult> {
    try {
      const hubOrders = await this.hub.request('orders', { status: 'all' });
      this.lastVerify = verifyLedger(this.book.list(), hubOrders, now);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.lastVerify = { at: now, pass: false, hubOrders: 0, ledgerOrders: this.book.list().length, hubDuplicates: [], mismatches: [], error: `Could not list the hub's orders: ${message}` };
    }
    return this.lastVerify;
  }
}

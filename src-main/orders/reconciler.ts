// Reconciliation: settles every order whose fate the console does not know (unknown, or sent/pending
// with no answer) by asking the hub `orderStatus` by clientOrderId once the hub's authority window
// (sent time + its deadline) has passed. Found: the hub's state. NOT_FOUND: not_received.
// ABSENCE_UNPROVABLE (a hub with no order history): left unknown for a person, never not_received.
import type { Logger } from 'pino';
import { Emitter } from '../../src-shared/util/emitter';
import { CodedError } from '../../src-shared/ipc/errors';
import { HubRequestError } from '../hub/hub-client';
import type { HubClient } from '../hub/hub-client';
import { SEND_WAIT_MS } from '../hub/timing';
import type { OrderBook } from './order-book';
import type { OrderGateway } from './order-gateway';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import { withStatus } from './order-state';

/** Orders asked about at once in a pass. */
const RECONCILE_CONCURRENCY = 64;
const UNSETTLED_LIST = ['pending', 'sent', 'unknown'] as const;
const UNSETTLED: ReadonlySet<string> = new Set(UNSETTLED_LIST);

export interface ReconcileResult {
  checked: number;
  reconciled: number;
  notReceived: number;
  /** Still unknown: the hub could not be asked, or its window has not passed yet. */
  unresolved: number;
}

export class Reconciler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private running: Promise<ReconcileResult> | undefined;
  private firstPassDone = false;
  private readonly asking = new Set<string>();
  private startupDone = false;
  private readonly finished = new Emitter<ReconcileResult>();
  readonly onDidReconcile = this.finished.event;

  constructor(
    private readonly hub: HubClient,
    private readonly book: OrderBook,
    private readonly gateway: () => OrderGateway,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * True from start until a first pass has run and no order of a previous run is left unsettled:
   * the gateway accepts no new order until then.
   */
  get reconciling(): boolean {
    if (this.startupDone) return false;
    if (!this.firstPassDone) return true;
    // Handed to a person (this run, or a previous one: needsPerson is in the ledger): not ours to wait for.
    const lost = this.book.list().filter((order) => order.status === 'unknown' && order.needsPerson).length;
    const unsettled = UNSETTLED_LIST.reduce((sum, status) => sum + this.book.countOf(status), 0) - lost;
    if (unsettled <= 0) this.startupDone = true;
    return !this.startupDone;
  }

  /** When the hub's answer about an order sent at `sentAt` is authoritative. */
  authorityAt(sentAt: number): number {
    // A bridge says how long an order may still execute after it was sent (docs/guarantees.md).
    const window = this.hub.hub?.authorityWindowMs;
    if (window !== undefined) return sentAt + window;
    const timing = this.hub.connection.timing;
    const hubMs = this.hub.hub?.requestTimeoutMs ?? 5000;
    // + the longest a send may wait for the socket: the window runs from when the request left.
    return sentAt + Math.max(hubMs, timing?.attemptTimeoutMs ?? hubMs) + SEND_WAIT_MS;
  }

  /** Settles one order once its window has passed (scheduling itself until then). */
  schedule(clientOrderId: string): void {
    const sentAt = this.book.sentTime(clientOrderId) ?? this.now();
    this.settleIn(clientOrderId, Math.max(0, this.authorityAt(sentAt) - this.now()));
  }

  /** One timer per order: a later schedule replaces an earlier one. */
  private settleIn(clientOrderId: string, ms: number): void {
    clearTimeout(this.timers.get(clientOrderId));
    this.timers.set(
      clientOrderId,
      setTimeout(() => {
        this.timers.delete(clientOrderId);
        void this.settle(clientOrderId);
      }, ms),
    );
  }

  /** One pass over every unsettled order (on connect, after a restart, at start). */
  reconcileAll(reason: string): Promise<ReconcileResult> {
    this.running ??= this.pass(reason).finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(reason: string): Promise<ReconcileResult> {
    const result: ReconcileResult = { checked: 0, reconciled: 0, notReceived: 0, unresolved: 0 };
    const due: string[] = [];
    for (const order of this.book.list()) {
      if (!UNSETTLED.has(order.status) || this.leftToPerson(order)) continue;
      const sentAt = this.book.sentTime(order.clientOrderId) ?? order.updatedAt;
      if (this.authorityAt(sentAt) > this.now()) {
        // Still inside the hub's window: settle it when the window closes.
        this.schedule(order.clientOrderId);
        result.unresolved += 1;
      } else {
        due.push(order.clientOrderId);
      }
    }
    // Many questions at once: each may wait out a lost reply, and one must not hold up the rest.
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < due.length) {
        const clientOrderId = due[next++] as string;
        result.checked += 1;
        const outcome = await this.settle(clientOrderId);
        if (outcome === 'reconciled') result.reconciled += 1;
        else if (outcome === 'not_received') result.notReceived += 1;
        else if (outcome === 'unresolved') result.unresolved += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(RECONCILE_CONCURRENCY, due.length) }, worker));
    this.firstPassDone = true;
    this.logger.info({ reason, ...result }, 'reconciliation pass');
    this.finished.fire(result);
    return result;
  }

  /** Asks the hub about one order. */
  async settle(clientOrderId: string): Promise<'reconciled' | 'not_received' | 'unresolved' | 'settled'> {
    const order = this.book.get(clientOrderId);
    if (!order || !UNSETTLED.has(order.status) || this.leftToPerson(order)) return 'settled';
    // One question per order at a time: a late answer must not overwrite a newer one.
    if (this.asking.has(clientOrderId)) return 'unresolved';
    const sentAt = this.book.sentTime(clientOrderId) ?? order.updatedAt;
    if (this.authorityAt(sentAt) > this.now()) {
      this.schedule(clientOrderId);
      return 'unresolved';
    }
    this.asking.add(clientOrderId);
    try {
      const found = await this.hub.request('orderStatus', { clientOrderId });
      if (found.clientOrderId !== clientOrderId) {
        throw new HubRequestError('INTERNAL', `orderStatus for ${clientOrderId} answered about ${found.clientOrderId}`, true);
      }
      if (this.changedSince(clientOrderId, sentAt)) return 'settled';
      this.book.ledger.bump('reconciled');
      this.gateway().applyHubOrder(found, 'reconciled');
      return 'reconciled';
    } catch (error) {
      const current = this.book.get(clientOrderId);
      if (!current || !UNSETTLED.has(current.status) || this.changedSince(clientOrderId, sentAt)) return 'settled';
      if (error instanceof HubRequestError && error.code === 'NOT_FOUND') return this.notFound(current);
      if (error instanceof HubRequestError && error.code === 'ABSENCE_UNPROVABLE') return this.unprovable(current, error.message);
      this.logger.warn({ err: error, clientOrderId }, 'reconciliation could not ask the hub; will ask again');
      this.settleIn(clientOrderId, Math.max(1000, this.hub.hub?.maxBackoffMs ?? 1000));
      return 'unresolved';
    } finally {
      this.asking.delete(clientOrderId);
    }
  }

  /**
   * An order handed to a person is not asked about again in this run; the first pass after a
   * start asks once more (the hub may know it now: a listing, a restarted bridge).
   */
  private leftToPerson(order: ConsoleOrder): boolean {
    return order.needsPerson === true && this.firstPassDone;
  }

  /** Whether this order is left for a person: the hub cannot say what became of it. */
  needsPerson(clientOrderId: string): boolean {
    const order = this.book.get(clientOrderId);
    // Not while a question about it is out: the hub's answer must not overwrite the person's.
    return order?.status === 'unknown' && order.needsPerson === true && !this.asking.has(clientOrderId);
  }

  /**
   * A trader looked in the terminal and says what became of an order the hub cannot account for
   * (ABSENCE_UNPROVABLE or lost on the hub). Only such an order: one reconciliation can still settle
   * is refused. Not executed makes it not_received (resubmitting it is then the trader's own,
   * confirmed step); executed makes it filled at an unknown price.
   */
  resolveByHand(clientOrderId: string, outcome: 'executed' | 'not_executed'): ConsoleOrder {
    const order = this.book.get(clientOrderId);
    if (!order) throw new CodedError('NOT_FOUND', `No order ${clientOrderId} in this console.`, { clientOrderId });
    if (!this.needsPerson(clientOrderId)) {
      const why = order.status === 'unknown' ? 'reconciliation can still settle it from the hub' : `it is ${order.status}, not unknown`;
      throw new CodedError('INVALID_STATE', `${clientOrderId} is not waiting for a person: ${why}. Nothing was changed.`, { clientOrderId });
    }
    const now = this.now();
    const { needsPerson: _settled, ...settled } = order;
    const next =
      outcome === 'executed'
        ? { ...withStatus(settled, 'filled', 'A trader checked the terminal: executed (fill price not known to the console).', now), filledVolume: order.volume }
        : withStatus(settled, 'not_received', 'A trader checked the terminal: not executed. It is resubmitted only if the trader confirms it.', now);
    this.logger.warn({ clientOrderId, outcome }, 'order resolved by hand');
    return this.book.update(next, 'resolved-by-hand');
  }

  /** The order was sent again (a resubmit) while the question was out: the answer is stale. */
  private changedSince(clientOrderId: string, askedForSentAt: number): boolean {
    const sentAt = this.book.sentTime(clientOrderId);
    return sentAt !== undefined && sentAt !== askedForSentAt;
  }

  /**
   * NOT_FOUND proves "not received" only for an order no hub ever acknowledged. One the hub did
   * acknowledge (it has an orderId) and no longer knows was lost by the hub (a restart without its
   * state): its fate needs a person, and it is never offered for resubmission.
   */
  private notFound(order: ConsoleOrder): 'not_received' | 'settled' {
    const now = this.now();
    if (order.orderId !== null) {
      const reason = `The hub acknowledged this order (hub id ${order.orderId}) but no longer knows it (did it restart without its state?). Its fate is unknown: check the terminal. It will not be resent.`;
      this.book.update({ ...withStatus(order, 'unknown', reason, now), needsPerson: true }, 'lost-on-hub');
      this.logger.error({ clientOrderId: order.clientOrderId, orderId: order.orderId }, 'acknowledged order unknown to the hub: needs a person');
      return 'settled';
    }
    const reason = `The hub has no order ${order.clientOrderId} after its deadline (asked ${new Date(now).toISOString()}): nothing was executed. It can be resubmitted with the same id.`;
    this.book.update(withStatus(order, 'not_received', reason, now), 'reconciled-not-received', { bump: 'reconciled' });
    return 'not_received';
  }

  /** The hub cannot tell "never received" from "executed and gone": unknown for good, never resent. */
  private unprovable(order: ConsoleOrder, hubMessage: string): 'unresolved' {
    this.book.update({ ...withStatus(order, 'unknown', hubMessage, this.now()), needsPerson: true }, 'absence-unprovable');
    this.logger.error({ clientOrderId: order.clientOrderId }, 'the hub cannot say whether it received this order: needs a person');
    return 'unresolved';
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.finished.dispose();
  }
}

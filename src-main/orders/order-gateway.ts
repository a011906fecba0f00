// The order gateway: checks a ticket, commits it to the ledger, sends `placeOrder` once and turns
// the outcome into the console's order view. It never resends on its own: a timeout leaves the order
// `unknown` for reconciliation; only the trader resends (a confirmed hold, a not_received resubmit).
import type { Logger } from 'pino';
import type { SymbolSpec } from '../../src-shared/domain/market';
import type { ConsoleOrder, HubOrder, OrderTicket } from '../../src-shared/domain/order';
import { checkTicket } from '../../src-shared/domain/ticket-checks';
import { CodedError } from '../../src-shared/ipc/errors';
import { HubRequestError } from '../hub/hub-client';
import type { HubClient } from '../hub/hub-client';
import { findRecentDuplicate } from './duplicate-check';
import type { OrderBook } from './order-book';
import { applyHubOrder, isTerminal, pendingOrder, withStatus } from './order-state';
import { TicketIdFactory } from './ticket-ids';

/** States only the hub's word puts an order in. */
const HUB_REPORTED: ReadonlySet<string> = new Set(['working', 'filled', 'canceled', 'rejected']);

export interface OrderGatewayOptions {
  hub: HubClient;
  book: OrderBook;
  symbol: (name: string) => SymbolSpec | undefined;
  logger: Logger;
  /** The pre-trade hold window in force (it can change at run time, through the settings gate). */
  duplicateWindowMs: () => number;
  /** Called with an order whose fate is unknown, so reconciliation can settle it. */
  onUnknown: (clientOrderId: string) => void;
  /** True while start-up reconciliation runs: no new order is accepted until it is done. */
  reconciling: () => boolean;
  now?: () => number;
}

export class OrderGateway {
  private readonly ids = new TicketIdFactory();
  private readonly now: () => number;
  readonly onDidChangeOrder;

  constructor(private readonly options: OrderGatewayOptions) {
    this.now = options.now ?? Date.now;
    this.onDidChangeOrder = options.book.onDidChangeOrder;
  }

  createTicketId(): string {
    return this.ids.next(new Date(this.now()));
  }

  list(): ConsoleOrder[] {
    return this.options.book.list();
  }

  async place(ticket: OrderTicket): Promise<ConsoleOrder> {
    const { book } = this.options;
    const fields = checkTicket(ticket, this.options.symbol(ticket.symbol));
    if (Object.keys(fields).length > 0) {
      throw new CodedError('BAD_INPUT', 'The order ticket has invalid fields; nothing was sent.', { fields });
    }
    const used = book.get(ticket.clientOrderId);
    if (used) throw this.ticketUsed(used);
    this.assertReady();
    const now = this.now();
    const windowMs = this.options.duplicateWindowMs();
    const repeat = findRecentDuplicate(ticket, book.sentWithin(now, windowMs), now, windowMs);
    if (repeat) {
      const seconds = ((now - (book.sentTime(repeat.clientOrderId) ?? now)) / 1000).toFixed(1);
      const reason = `Same symbol, side, type, volume and price as ${repeat.clientOrderId}, sent ${seconds} s ago. Held: send it anyway or drop it.`;
      if (!book.insert({ ...pendingOrder(ticket, now), status: 'held', reason }, 'held')) throw this.ticketUsed(book.get(ticket.clientOrderId));
      book.ledger.bump('holds');
      throw new CodedError('HELD_DUPLICATE', reason, { clientOrderId: ticket.clientOrderId });
    }
    const pending = pendingOrder(ticket, now);
    if (!book.insertSent(pending, withStatus(pending, 'sent', null, now))) throw this.ticketUsed(book.get(ticket.clientOrderId));
    await this.durable(ticket.clientOrderId);
    return this.transmit(ticket.clientOrderId);
  }

  /** The trader confirmed a held order: it is sent, once. */
  async confirmHeld(clientOrderId: string): Promise<ConsoleOrder> {
    const order = this.inState(clientOrderId, 'held', 'send a held order');
    this.assertReady();
    this.options.book.update(withStatus(order, 'pending', null, this.now()), 'hold-confirmed', { bump: 'holdsConfirmed' });
    return this.send(clientOrderId, 'sent');
  }

  dropHeld(clientOrderId: string): ConsoleOrder {
    const order = this.inState(clientOrderId, 'held', 'drop a held order');
    return this.options.book.update(withStatus(order, 'dropped', 'Dropped by the trader; never sent.', this.now()), 'hold-dropped', { bump: 'holdsDropped' });
  }

  /** The trader resubmits an order the hub never received, with the same clientOrderId. */
  async resubmit(clientOrderId: string): Promise<ConsoleOrder> {
    const order = this.inState(clientOrderId, 'not_received', 'resubmit an order');
    this.assertReady();
    this.options.book.update(withStatus(order, 'pending', null, this.now()), 'resubmit-confirmed');
    return this.send(clientOrderId, 'resent');
  }

  async cancel(clientOrderId: string): Promise<ConsoleOrder> {
    const order = this.options.book.get(clientOrderId);
    if (!order) throw new CodedError('NOT_FOUND', `No order ${clientOrderId} in this console.`, { clientOrderId });
    if (order.status === 'held') return this.dropHeld(clientOrderId);
    if (isTerminal(order.status) || order.status === 'dropped' || order.status === 'not_received') return order;
    try {
      return this.applyHubOrder(await this.options.hub.request('cancelOrder', { clientOrderId }));
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      throw new CodedError(error.code, error.message, { clientOrderId });
    }
  }

  /** Takes the hub's report of an order (reply, event, listing or status) into the view. */
  applyHubOrder(order: HubOrder, type = 'hub-report'): ConsoleOrder {
    const { book } = this.options;
    const local = book.get(order.clientOrderId);
    const next = applyHubOrder(local, order);
    if (local && JSON.stringify(local) === JSON.stringify(next)) return local;
    if (!local) {
      // An order the hub holds that this console never sent (another client's): shown, recorded.
      book.insert(next, 'seen-on-hub');
      return next;
    }
    return book.update(next, type);
  }

  /**
   * Takes the hub's full order listing. A working order the hub no longer lists (it restarted
   * without it, say) becomes `unknown`, for reconciliation to settle.
   */
  takeListing(orders: readonly HubOrder[], hubLabel: string): void {
    const listed = new Set<string>();
    for (const order of orders) {
      listed.add(order.clientOrderId);
      const before = this.options.book.get(order.clientOrderId)?.status;
      // An order whose fate was not known, settled by the listing: that is a reconciliation too.
      const settles = before === 'pending' || before === 'sent' || before === 'unknown';
      this.applyHubOrder(order, settles ? 'reconciled-from-listing' : 'hub-listing');
      if (settles) this.options.book.ledger.bump('reconciled');
    }
    for (const order of this.options.book.list()) {
      if (order.status !== 'working' || listed.has(order.clientOrderId)) continue;
      this.options.book.update(withStatus(order, 'unknown', `The hub (${hubLabel}) no longer lists this working order; its fate is unknown.`, this.now()), 'missing-on-hub');
      this.options.onUnknown(order.clientOrderId);
    }
  }

  private async send(clientOrderId: string, type: string): Promise<ConsoleOrder> {
    // Committed as sent before the first byte goes out: a crash from here on is reconciled.
    this.options.book.update(withStatus(this.get(clientOrderId), 'sent', null, this.now()), type, { sent: true, bump: 'ordersSent' });
    await this.durable(clientOrderId);
    return this.transmit(clientOrderId);
  }

  /** Waits for the ledger's commit of the order; if it failed, nothing is sent. */
  private async durable(clientOrderId: string): Promise<void> {
    try {
      await this.options.book.ledger.committed();
    } catch (error) {
      this.options.logger.error({ err: error, clientOrderId }, 'ledger commit failed: order not sent');
      const reason = 'Not sent: the ledger could not record the order (see the log).';
      this.options.book.update(withStatus(this.get(clientOrderId), 'rejected', reason, this.now()), 'not-sent');
      throw new CodedError('INTERNAL', reason, { clientOrderId });
    }
  }

  /** Sends an order already committed as `sent`, once, and takes the outcome. */
  private async transmit(clientOrderId: string): Promise<ConsoleOrder> {
    const { book, hub } = this.options;
    const order = this.get(clientOrderId);
    try {
      const placed = await hub.request('placeOrder', {
        clientOrderId,
        symbol: order.symbol,
        side: order.side,
        type: order.type,
        volume: order.volume,
        ...(order.price !== undefined && order.type !== 'market' ? { price: order.price } : {}),
        ...(order.sl !== undefined ? { sl: order.sl } : {}),
        ...(order.tp !== undefined ? { tp: order.tp } : {}),
      });
      if (placed.clientOrderId !== clientOrderId) {
        throw new HubRequestError('INTERNAL', `placeOrder for ${clientOrderId} answered about ${placed.clientOrderId}`, true);
      }
      if (placed.duplicate) book.ledger.bump('duplicatesAbsorbedByHub');
      return this.applyHubOrder(placed, placed.duplicate ? 'hub-absorbed-duplicate' : 'hub-reply');
    } catch (error) {
      const current = this.get(clientOrderId);
      // The hub's order event can tell the fate before a failed or late reply: then it is known.
      if (HUB_REPORTED.has(current.status)) {
        this.options.logger.warn({ err: error, clientOrderId, status: current.status }, 'placeOrder reply failed after the hub reported the order');
        return current;
      }
      throw this.failed(current, error);
    }
  }

  private failed(order: ConsoleOrder, error: unknown): CodedError {
    const { clientOrderId } = order;
    const message = error instanceof Error ? error.message : String(error);
    const notSent = error instanceof HubRequestError && !error.sent;
    const code = error instanceof HubRequestError ? error.code : 'INTERNAL';
    // A hub refusal or an unsent request leaves nothing executed. A timeout, DUPLICATE_MISMATCH (the
    // hub holds another order under this id) and INTERNAL may hide anything: those are unknown.
    const known = notSent || (error instanceof HubRequestError && !['TIMEOUT', 'INTERNAL', 'DUPLICATE_MISMATCH'].includes(code));
    if (known) {
      const reason = notSent ? `Not sent: ${message}` : message;
      this.options.book.update(withStatus(order, 'rejected', reason, this.now()), notSent ? 'not-sent' : 'hub-refused');
      return new CodedError(code, reason, { clientOrderId });
    }
    const reason = `No answer from the hub (${message}). The order's fate is unknown; it was NOT resent. Reconciliation will ask the hub.`;
    this.options.book.update(withStatus(order, 'unknown', reason, this.now()), 'fate-unknown');
    this.options.logger.warn({ clientOrderId, code }, 'placeOrder fate unknown: not resent; reconciliation will ask the hub');
    this.options.onUnknown(clientOrderId);
    return new CodedError('ORDER_UNKNOWN', reason, { clientOrderId });
  }

  /** No order goes out while start-up reconciliation runs, or without a hub. */
  private assertReady(): void {
    if (this.options.reconciling()) {
      throw new CodedError('RECONCILING', 'The console is reconciling orders with the hub; nothing was sent. Try again in a moment.');
    }
    this.assertConnected();
  }

  private assertConnected(): void {
    const state = this.options.hub.connection.state;
    if (state !== 'up' && state !== 'degraded') throw new CodedError('NOT_CONNECTED', `The hub is ${state}; the order was not sent.`);
  }

  private ticketUsed(order: ConsoleOrder | undefined): CodedError {
    this.options.book.ledger.bump('repeatSubmissionsStopped');
    const id = order?.clientOrderId ?? 'this ticket';
    return new CodedError('TICKET_USED', `Ticket ${id} was already submitted (status ${order?.status ?? 'recorded'}); a ticket is used once. Nothing was sent.`, {
      clientOrderId: id,
    });
  }

  private inState(clientOrderId: string, status: ConsoleOrder['status'], action: string): ConsoleOrder {
    const order = this.options.book.get(clientOrderId);
    if (!order) throw new CodedError('NOT_FOUND', `No order ${clientOrderId} in this console.`, { clientOrderId });
    if (order.status !== status) {
      throw new CodedError('INVALID_STATE', `Cannot ${action}: ${clientOrderId} is ${order.status}, not ${status}.`, { clientOrderId });
    }
    return order;
  }

  private get(clientOrderId: string): ConsoleOrder {
    const order = this.options.book.get(clientOrderId);
    if (!order) throw new Error(`order ${clientOrderId} missing from the book`);
    return order;
  }
}

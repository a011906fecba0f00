// The order gateway: checks a ticket, records it, sends `placeOrder` exactly once and turns the
// outcome into the console's order view. It never resends: a timeout leaves the order `unknown`.
import type { Logger } from 'pino';
import type { SymbolSpec } from '../../src-shared/domain/market';
import type { ConsoleOrder, HubOrder, OrderTicket } from '../../src-shared/domain/order';
import { checkTicket } from '../../src-shared/domain/ticket-checks';
import { CodedError } from '../../src-shared/ipc/errors';
import { Emitter } from '../../src-shared/util/emitter';
import { HubRequestError } from '../hub/hub-client';
import type { HubClient } from '../hub/hub-client';
import { applyHubOrder, isTerminal, pendingOrder, withStatus } from './order-state';
import { TicketIdFactory } from './ticket-ids';

export interface OrderGatewayOptions {
  hub: HubClient;
  symbol: (name: string) => SymbolSpec | undefined;
  logger: Logger;
  now?: () => number;
}

export class OrderGateway {
  private readonly orders = new Map<string, ConsoleOrder>();
  private readonly ids = new TicketIdFactory();
  private readonly changed = new Emitter<ConsoleOrder>();
  /** Fires with each order whose view changed. */
  readonly onDidChangeOrder = this.changed.event;
  private readonly now: () => number;

  constructor(private readonly options: OrderGatewayOptions) {
    this.now = options.now ?? Date.now;
  }

  createTicketId(): string {
    return this.ids.next(new Date(this.now()));
  }

  list(): ConsoleOrder[] {
    return [...this.orders.values()];
  }

  async place(ticket: OrderTicket): Promise<ConsoleOrder> {
    const spec = this.options.symbol(ticket.symbol);
    const fields = checkTicket(ticket, spec);
    if (Object.keys(fields).length > 0) {
      throw new CodedError('BAD_INPUT', 'The order ticket has invalid fields; nothing was sent.', { fields });
    }
    const existing = this.orders.get(ticket.clientOrderId);
    if (existing) {
      throw new CodedError(
        'TICKET_USED',
        `Ticket ${ticket.clientOrderId} was already submitted (status ${existing.status}); it is used once. Nothing was sent.`,
        { clientOrderId: ticket.clientOrderId },
      );
    }
    const hub = this.options.hub;
    if (hub.connection.state !== 'up' && hub.connection.state !== 'degraded') {
      throw new CodedError('NOT_CONNECTED', `The hub is ${hub.connection.state}; the order was not sent.`);
    }
    this.put(pendingOrder(ticket, this.now()));
    this.put(withStatus(this.get(ticket.clientOrderId), 'sent', null, this.now()));
    try {
      const placed = await hub.request('placeOrder', {
        clientOrderId: ticket.clientOrderId,
        symbol: ticket.symbol,
        side: ticket.side,
        type: ticket.type,
        volume: ticket.volume,
        ...(ticket.price !== undefined && ticket.type !== 'market' ? { price: ticket.price } : {}),
        ...(ticket.sl !== undefined ? { sl: ticket.sl } : {}),
        ...(ticket.tp !== undefined ? { tp: ticket.tp } : {}),
      });
      return this.applyHubOrder(placed);
    } catch (error) {
      const current = this.get(ticket.clientOrderId);
      // The hub's order event can tell the fate before a late reply: then the fate is known.
      if (error instanceof HubRequestError && error.code === 'TIMEOUT' && current.status !== 'sent') return current;
      throw this.failed(ticket.clientOrderId, error);
    }
  }

  async cancel(clientOrderId: string): Promise<ConsoleOrder> {
    const order = this.orders.get(clientOrderId);
    if (!order) throw new CodedError('NOT_FOUND', `No order ${clientOrderId} in this console.`, { clientOrderId });
    if (isTerminal(order.status)) return order;
    try {
      return this.applyHubOrder(await this.options.hub.request('cancelOrder', { clientOrderId }));
    } catch (error) {
      if (!(error instanceof HubRequestError)) throw error;
      if (error.code === 'NOT_FOUND') {
        this.put(withStatus(order, 'unknown', `The hub does not know this order (${error.message}); its fate is unknown.`, this.now()));
      }
      throw new CodedError(error.code, error.message, { clientOrderId });
    }
  }

  /**
   * Takes the hub's full order listing. A working order the hub no longer lists (it restarted
   * without it, say) becomes `unknown`: the console will not pretend it still rests on the hub.
   */
  takeListing(orders: readonly HubOrder[], hubLabel: string): void {
    const listed = new Set<string>();
    for (const order of orders) {
      listed.add(order.clientOrderId);
      this.applyHubOrder(order);
    }
    for (const order of this.orders.values()) {
      if (order.status !== 'working' || listed.has(order.clientOrderId)) continue;
      this.put(withStatus(order, 'unknown', `The hub (${hubLabel}) no longer lists this working order; its fate is unknown.`, this.now()));
    }
  }

  /** Takes the hub's report of an order (reply, event or listing) into the view. */
  applyHubOrder(order: HubOrder): ConsoleOrder {
    const next = applyHubOrder(this.orders.get(order.clientOrderId), order);
    this.put(next);
    return next;
  }

  private failed(clientOrderId: string, error: unknown): CodedError {
    const order = this.get(clientOrderId);
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof HubRequestError && error.code === 'TIMEOUT') {
      const reason = `No answer from the hub (${message}). The order's fate is unknown; it was NOT resent.`;
      this.put(withStatus(order, 'unknown', reason, this.now()));
      this.options.logger.warn({ clientOrderId }, 'placeOrder timed out: order unknown, not resent');
      return new CodedError('ORDER_UNKNOWN', reason, { clientOrderId });
    }
    const code = error instanceof HubRequestError ? error.code : 'INTERNAL';
    const notSent = error instanceof HubRequestError && !error.sent;
    // A hub refusal or an unsent request leaves nothing executed. DUPLICATE_MISMATCH means the hub
    // holds another order under this id, and INTERNAL may hide anything: both are unknown.
    const known = notSent || (error instanceof HubRequestError && code !== 'INTERNAL' && code !== 'DUPLICATE_MISMATCH');
    const reason = notSent ? `Not sent: ${message}` : message;
    this.put(withStatus(order, known ? 'rejected' : 'unknown', reason, this.now()));
    return new CodedError(known ? code : 'ORDER_UNKNOWN', reason, { clientOrderId });
  }

  private get(clientOrderId: string): ConsoleOrder {
    const order = this.orders.get(clientOrderId);
    if (!order) throw new Error(`order ${clientOrderId} missing from the gateway`);
    return order;
  }

  private put(order: ConsoleOrder): void {
    this.orders.set(order.clientOrderId, order);
    this.changed.fire(order);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

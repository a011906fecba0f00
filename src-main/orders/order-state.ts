// Pure order state transitions of the console's order view: what a ticket becomes when recorded,
// sent, answered, timed out, or reported by the hub. No I/O; table-tested.
import type { ConsoleOrder, ConsoleOrderStatus, HubOrder, OrderTicket } from '../../src-shared/domain/order';

const TERMINAL: ReadonlySet<ConsoleOrderStatus> = new Set(['filled', 'canceled', 'rejected']);

export function isTerminal(status: ConsoleOrderStatus): boolean {
  return TERMINAL.has(status);
}

export function pendingOrder(ticket: OrderTicket, now: number): ConsoleOrder {
  return {
    ...ticket,
    orderId: null,
    status: 'pending',
    filledVolume: 0,
    avgPrice: null,
    reason: null,
    createdAt: now,
    updatedAt: now,
  };
}

export function withStatus(order: ConsoleOrder, status: ConsoleOrderStatus, reason: string | null, now: number): ConsoleOrder {
  return { ...order, status, reason, updatedAt: now };
}

/**
 * Takes the hub's word for an order. The hub is the authority, except that an order already final
 * here never goes back to `working` (events and replies travel on different sockets and may cross).
 */
export function applyHubOrder(local: ConsoleOrder | undefined, hub: HubOrder): ConsoleOrder {
  if (local && isTerminal(local.status) && !isTerminal(hub.status)) return local;
  return {
    clientOrderId: hub.clientOrderId,
    symbol: hub.symbol,
    side: hub.side,
    type: hub.type,
    volume: hub.volume,
    ...(hub.price !== null ? { price: hub.price } : {}),
    ...(hub.sl !== null ? { sl: hub.sl } : {}),
    ...(hub.tp !== null ? { tp: hub.tp } : {}),
    orderId: hub.orderId,
    status: hub.status,
    filledVolume: hub.filledVolume,
    avgPrice: hub.avgPrice,
    reason: hub.rejectReason,
    createdAt: local?.createdAt ?? hub.createdAt,
    updatedAt: Math.max(hub.updatedAt, local?.updatedAt ?? 0),
  };
}

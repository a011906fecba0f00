// Pre-trade duplicate check (SEC 15c3-5 "duplicative orders"): a ticket with the same symbol, side,
// type, volume and price as an order sent within the window is held for the trader. Pure.
import type { ConsoleOrder, OrderTicket } from '../../src-shared/domain/order';

export const DEFAULT_DUPLICATE_WINDOW_MS = 3000;

function samePrice(a: number | undefined, b: number | undefined): boolean {
  return (a ?? null) === (b ?? null);
}

/** The most recent order sent within the window that the ticket repeats, if any. */
export function findRecentDuplicate(
  ticket: OrderTicket,
  sent: Iterable<{ order: ConsoleOrder; sentAt: number }>,
  now: number,
  windowMs: number,
): ConsoleOrder | undefined {
  if (windowMs <= 0) return undefined;
  let match: { order: ConsoleOrder; sentAt: number } | undefined;
  for (const candidate of sent) {
    const { order, sentAt } = candidate;
    if (now - sentAt > windowMs || order.clientOrderId === ticket.clientOrderId) continue;
    const same =
      order.symbol === ticket.symbol &&
      order.side === ticket.side &&
      order.type === ticket.type &&
      order.volume === ticket.volume &&
      (ticket.type === 'market' || samePrice(order.price, ticket.price));
    if (same && (!match || sentAt > match.sentAt)) match = candidate;
  }
  return match?.order;
}

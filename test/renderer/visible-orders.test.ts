// The Orders table draws every open order and only the newest settled ones: a console with many
// thousands of orders stays light, and an order a trader must act on is never left out.
import { describe, expect, it } from 'vitest';
import type { ConsoleOrder, ConsoleOrderStatus } from '../../src-shared/domain/order';
import { visibleOrders } from '../../src-renderer/features/trade/visible-orders';
import { order } from './fixtures';

function book(statuses: readonly ConsoleOrderStatus[]): { ids: string[]; byId: Map<string, ConsoleOrder> } {
  const orders = statuses.map((status, i) => order(`HD-${i}`, { status }));
  return { ids: orders.map((o) => o.clientOrderId), byId: new Map(orders.map((o) => [o.clientOrderId, o])) };
}

describe('visibleOrders', () => {
  it.each([
    ['fewer settled orders than the limit: all of them', ['filled', 'rejected'], 5, ['HD-0', 'HD-1'], 0],
    ['settled beyond the limit: the newest ones', ['filled', 'filled', 'canceled', 'rejected'], 2, ['HD-0', 'HD-1'], 2],
    ['open orders are always drawn, however old', ['filled', 'filled', 'filled', 'unknown', 'held', 'not_received', 'working'], 1, ['HD-0', 'HD-3', 'HD-4', 'HD-5', 'HD-6'], 2],
    ['pending and sent are open too', ['dropped', 'pending', 'sent'], 0, ['HD-1', 'HD-2'], 1],
    ['nothing at all', [], 3, [], 0],
  ] as const)('%s', (_name, statuses, limit, shown, hidden) => {
    const { ids, byId } = book(statuses);
    expect(visibleOrders(ids, byId, limit)).toEqual({ ids: shown, hidden });
  });

  it('keeps the newest-first order of the list it is given', () => {
    const { ids, byId } = book(['working', 'filled', 'unknown', 'filled']);
    expect(visibleOrders([...ids].reverse(), byId, 10).ids).toEqual(['HD-3', 'HD-2', 'HD-1', 'HD-0']);
  });
});

// Order view transitions: the hub is the authority, but a final order never goes back to working.
import { describe, expect, it } from 'vitest';
import type { HubOrder } from '../../src-shared/domain/order';
import { applyHubOrder, pendingOrder, withStatus } from '../../src-main/orders/order-state';

const ticket = { clientOrderId: 'HD-T1', symbol: 'EURUSD', side: 'buy', type: 'limit', volume: 1, price: 1.05 } as const;
const hubOrder = (status: HubOrder['status'], updatedAt: number): HubOrder => ({
  orderId: 'O-1',
  clientOrderId: 'HD-T1',
  symbol: 'EURUSD',
  side: 'buy',
  type: 'limit',
  volume: 1,
  price: 1.05,
  sl: null,
  tp: null,
  status,
  filledVolume: status === 'filled' ? 1 : 0,
  avgPrice: status === 'filled' ? 1.05 : null,
  rejectReason: null,
  createdAt: 1000,
  updatedAt,
});

describe('order state', () => {
  const sent = withStatus(pendingOrder(ticket, 1000), 'sent', null, 1001);

  it.each([
    ['sent', 'working', 'working'],
    ['sent', 'filled', 'filled'],
    ['unknown', 'filled', 'filled'],
    ['unknown', 'working', 'working'],
    ['working', 'canceled', 'canceled'],
    ['filled', 'working', 'filled'],
    ['canceled', 'working', 'canceled'],
  ] as const)('%s + hub says %s -> %s', (from, hub, to) => {
    const local = withStatus(sent, from, null, 1002);
    expect(applyHubOrder(local, hubOrder(hub, 1003)).status).toBe(to);
  });

  it('keeps the time the console created the order and takes the hub id', () => {
    const next = applyHubOrder(sent, hubOrder('working', 1005));
    expect(next).toMatchObject({ createdAt: 1000, updatedAt: 1005, orderId: 'O-1', price: 1.05 });
  });

  it('shows an order it never sent (placed by another client) as the hub reports it', () => {
    expect(applyHubOrder(undefined, hubOrder('filled', 2000))).toMatchObject({ status: 'filled', createdAt: 1000, filledVolume: 1 });
  });
});

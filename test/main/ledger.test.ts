// The order ledger on disk and the pure checks around it: a ticket is recorded once, every change is
// an event, everything is there after a reopen; the pre-trade duplicate rule; verify against the hub.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ConsoleOrder, HubOrder } from '../../src-shared/domain/order';
import { verifyLedger } from '../../src-main/orders/checks';
import { findRecentDuplicate } from '../../src-main/orders/duplicate-check';
import { OrderLedger } from '../../src-main/orders/ledger';
import { pendingOrder, withStatus } from '../../src-main/orders/order-state';

const failOnWrite = (error: unknown): void => {
  throw error;
};
const ticket = { clientOrderId: 'HD-L1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 } as const;

describe('order ledger', () => {
  it('records a clientOrderId once, appends every change, and keeps it all across a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-ledger-'));
    const ledger = new OrderLedger(dir, failOnWrite);
    const pending = pendingOrder(ticket, 1000);
    expect(ledger.insert(pending, 'recorded')).toBe(true);
    expect(ledger.insert({ ...pending, volume: 9 }, 'recorded')).toBe(false);
    ledger.update(withStatus(pending, 'sent', null, 1001), 'sent', { sentAt: 1001, bump: 'ordersSent' });
    ledger.update(withStatus(pending, 'unknown', 'no answer', 1500), 'fate-unknown');
    ledger.close();

    const reopened = new OrderLedger(dir, failOnWrite);
    const { records, invalid } = reopened.load();
    expect(invalid).toBe(0);
    expect(records).toEqual([{ order: expect.objectContaining({ clientOrderId: 'HD-L1', status: 'unknown', volume: 0.1 }), sentAt: 1001 }]);
    expect(reopened.events('HD-L1').map((e) => [e.type, e.status])).toEqual([
      ['recorded', 'pending'],
      ['sent', 'sent'],
      ['fate-unknown', 'unknown'],
    ]);
    expect(reopened.counters().ordersSent).toBe(1);
    reopened.close();
  });
});

describe('group commit', () => {
  it('fails one bad write alone and commits the rest of the batch, telling about the failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-ledger-'));
    const errors: unknown[] = [];
    const ledger = new OrderLedger(dir, (error) => errors.push(error));
    const a = pendingOrder({ ...ticket, clientOrderId: 'A' }, 1);
    const b = pendingOrder({ ...ticket, clientOrderId: 'B' }, 1);
    ledger.insertSent(a, withStatus(a, 'sent', null, 2), 2);
    await ledger.committed();
    // One turn: A's outcome, and a colliding insert of A (another process, say).
    ledger.update(withStatus(a, 'filled', null, 3), 'hub-reply');
    ledger.insertSent(a, withStatus(a, 'sent', null, 3), 3);
    ledger.insertSent(b, withStatus(b, 'sent', null, 3), 3);
    await ledger.committed();
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/already in the ledger/);
    const statuses = Object.fromEntries(ledger.load().records.map((r) => [r.order.clientOrderId, r.order.status]));
    expect(statuses).toEqual({ A: 'filled', B: 'sent' });
    ledger.close();
    await expect(new Promise((resolve, reject) => {
      ledger.update(withStatus(b, 'filled', null, 4), 'late');
      ledger.committed().then(resolve, reject);
    })).rejects.toThrow(/closed/);
  });

  it('reads past a corrupt row, reporting its id instead of failing to start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-ledger-'));
    const ledger = new OrderLedger(dir, failOnWrite);
    expect(ledger.insert(pendingOrder({ ...ticket, clientOrderId: 'OK' }, 1), 'recorded')).toBe(true);
    ledger.close();
    const raw = new Database(join(dir, 'ledger.sqlite'));
    raw.prepare("INSERT INTO orders (client_order_id, status, sent_at, updated_at, data) VALUES ('BAD', 'sent', 1, 1, '{\"truncated')").run();
    raw.close();
    const reopened = new OrderLedger(dir, failOnWrite);
    const { records, invalidIds } = reopened.load();
    expect(records.map((r) => r.order.clientOrderId)).toEqual(['OK']);
    expect(invalidIds).toEqual(['BAD']);
    reopened.close();
  });
});

describe('pre-trade duplicate check', () => {
  const sent = (id: string, sentAt: number, extra: Partial<ConsoleOrder> = {}) => ({
    order: { ...withStatus(pendingOrder({ ...ticket, clientOrderId: id }, sentAt), 'filled', null, sentAt), ...extra },
    sentAt,
  });

  it.each([
    ['the same market order 1 s later', [sent('A', 9000)], 'A'],
    ['the same order 4 s later (outside 3 s)', [sent('A', 6000)], undefined],
    ['another side', [sent('A', 9000, { side: 'sell' })], undefined],
    ['another volume', [sent('A', 9000, { volume: 0.2 })], undefined],
    ['the latest of two matches', [sent('A', 8000), sent('B', 9500)], 'B'],
  ])('%s', (_name, orders, expected) => {
    expect(findRecentDuplicate({ ...ticket, clientOrderId: 'NEW' }, orders, 10_000, 3000)?.clientOrderId).toBe(expected);
  });

  it('compares the price of limit orders, and is off with a window of 0', () => {
    const limit = { ...ticket, clientOrderId: 'NEW', type: 'limit' as const, price: 1.05 };
    const resting = sent('A', 9000, { type: 'limit', price: 1.05 });
    expect(findRecentDuplicate(limit, [resting], 10_000, 3000)?.clientOrderId).toBe('A');
    expect(findRecentDuplicate({ ...limit, price: 1.06 }, [resting], 10_000, 3000)).toBeUndefined();
    expect(findRecentDuplicate(limit, [resting], 10_000, 0)).toBeUndefined();
  });
});

describe('verify against hub', () => {
  const hubOrder = (clientOrderId: string, status: HubOrder['status']): HubOrder => ({
    orderId: clientOrderId, clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1, price: null, sl: null, tp: null,
    status, filledVolume: 0.1, avgPrice: 1.1, rejectReason: null, createdAt: 1, updatedAt: 1,
  });
  const ledgerOrder = (clientOrderId: string, status: ConsoleOrder['status'], orderId: string | null = clientOrderId): ConsoleOrder => ({
    ...withStatus(pendingOrder({ ...ticket, clientOrderId }, 1), status, null, 2),
    orderId,
  });

  it('passes when every ledger order is in the hub\'s state and no id is there twice', () => {
    const result = verifyLedger([ledgerOrder('A', 'filled'), ledgerOrder('B', 'not_received', null), ledgerOrder('C', 'rejected', null)], [hubOrder('A', 'filled')], 5);
    expect(result).toMatchObject({ pass: true, hubOrders: 1, ledgerOrders: 3, hubDuplicates: [], mismatches: [] });
  });

  it('fails on a double execution, a disagreement, an unresolved order and a not_received the hub has', () => {
    const result = verifyLedger(
      [ledgerOrder('A', 'filled'), ledgerOrder('B', 'working'), ledgerOrder('C', 'unknown', null), ledgerOrder('D', 'not_received', null)],
      [hubOrder('A', 'filled'), hubOrder('A', 'filled'), hubOrder('B', 'filled'), hubOrder('D', 'filled')],
      5,
    );
    expect(result.pass).toBe(false);
    expect(result.hubDuplicates).toEqual(['A']);
    expect(result.mismatches.map((m) => [m.clientOrderId, m.ledger, m.hub])).toEqual([
      ['B', 'working', 'filled'],
      ['C', 'unknown', 'absent'],
      ['D', 'not_received', 'filled'],
    ]);
  });
});

// The orders summary: this run's orders in their final ledger state, the whole ledger's unresolved
// orders, rejections by code, orders seen on the hub kept out of the counts, and the JSON keys.
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../../src-shared/domain/checks';
import type { ConsoleOrder, ConsoleOrderStatus } from '../../../src-shared/domain/order';
import type { LedgerRecord } from '../../../src-main/orders/ledger';
import { SUMMARY_KEYS, countLedger, summaryJson } from '../../../src-main/tools/ledger/summary';
import { buildOrdersReport, ordersTable, type OrdersRunFacts } from '../../../src-main/tools/stress/orders-report';

function record(clientOrderId: string, status: ConsoleOrderStatus, sent = true, orderId: string | null = sent ? `H${clientOrderId}` : null): LedgerRecord {
  const order: ConsoleOrder = {
    clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.01,
    orderId, status, filledVolume: 0, avgPrice: null, reason: null, createdAt: 1, updatedAt: 1,
  };
  return { order, sentAt: sent ? 1 : null };
}

const PASS: VerifyResult = { at: 1, pass: true, hubOrders: 3, ledgerOrders: 3, hubDuplicates: [], mismatches: [], error: null };

function facts(overrides: Partial<OrdersRunFacts>): OrdersRunFacts {
  return {
    count: 0, concurrency: 10, hub: 'tcp://127.0.0.1:1', dataDir: '/d', ids: [], replies: [], records: [],
    verify: PASS, p50Ms: 1.5, p99Ms: 9.25, ordersPerSec: 1234.5, settled: true, ...overrides,
  };
}

describe('countLedger', () => {
  it('counts this console\'s orders by state; orders seen on the hub only in unresolved', () => {
    const counts = countLedger([record('a', 'filled'), record('b', 'rejected', false), record('c', 'unknown'), record('x', 'filled', false, 'H9'), record('y', 'unknown', false, 'H8')]);
    expect(counts).toEqual({ count: 3, sent: 2, byStatus: { filled: 1, rejected: 1, unknown: 1 }, seenOnHub: 2, unresolved: 2, needsPerson: 0 });
  });

  it('counts the unknown orders handed to a person apart, and says what to do about them', () => {
    const lost = { ...record('p', 'unknown'), order: { ...record('p', 'unknown').order, needsPerson: true as const } };
    const counts = countLedger([lost, record('q', 'unknown')]);
    expect(counts).toMatchObject({ unresolved: 2, needsPerson: 1 });
    const report = buildOrdersReport(facts({ count: 2, ids: ['p', 'q'], replies: ['ORDER_UNKNOWN', 'ORDER_UNKNOWN'], records: [lost, record('q', 'unknown')] }));
    const table = ordersTable(report, { concurrency: 10, verify: PASS, settled: false });
    expect(table).toContain('ATTENTION: 1 unknown order(s) need a person');
    expect(table).toContain('ATTENTION: 2 order(s) in the ledger are still pending, sent or unknown');
  });

  it('counts only the given clientOrderIds', () => {
    expect(countLedger([record('a', 'filled'), record('b', 'sent')], new Set(['b']))).toMatchObject({ count: 1, sent: 1, unresolved: 1 });
  });
});

describe('buildOrdersReport', () => {
  it('reports this run\'s orders in their final state and the whole ledger\'s unresolved ones', () => {
    const report = buildOrdersReport(
      facts({
        count: 6,
        ids: ['a', 'b', 'c', 'd', 'e', undefined],
        // b: unknown in its reply, settled filled; c: never received; d: the hub's refusal; e: not sent.
        replies: ['filled', 'ORDER_UNKNOWN', 'ORDER_UNKNOWN', 'INVALID_VOLUME', 'NOT_CONNECTED', 'INTERNAL'],
        records: [record('old', 'sent'), record('a', 'filled'), record('b', 'filled'), record('c', 'not_received'), record('d', 'rejected')],
      }),
    );
    expect(report.summary).toEqual({
      sent: 4, filled: 2, rejected: 3, unknown: 0, notReceived: 1, hubDuplicates: 0, unresolved: 1, needsPerson: 0,
      p50Ms: 1.5, p99Ms: 9.25, ordersPerSec: 1234.5, verify: 'pass', hub: 'tcp://127.0.0.1:1', dataDir: '/d', count: 6,
    });
    expect(report.rejectedCodes).toEqual({ INVALID_VOLUME: 1, NOT_CONNECTED: 1, INTERNAL: 1 });
    expect(report.replies).toEqual({ filled: 1, ORDER_UNKNOWN: 2, INVALID_VOLUME: 1, NOT_CONNECTED: 1, INTERNAL: 1 });
  });

  it('names a refusal found by reconciliation REJECTED, and counts a failed verify and its duplicates', () => {
    const verify: VerifyResult = { ...PASS, pass: false, hubDuplicates: ['a'], mismatches: [{ clientOrderId: 'b', ledger: 'unknown', hub: 'absent' }] };
    const report = buildOrdersReport(facts({ count: 2, ids: ['a', 'b'], replies: ['rejected', 'ORDER_UNKNOWN'], records: [record('a', 'rejected'), record('b', 'rejected')], verify }));
    expect(report.rejectedCodes).toEqual({ REJECTED: 2 });
    expect(report.summary).toMatchObject({ verify: 'fail', hubDuplicates: 1 });
    const table = ordersTable(report, { concurrency: 10, verify, settled: false });
    expect(table).toContain('pre-trade duplicate hold: OFF');
    expect(table).toContain('ATTENTION: the hub holds 1 clientOrderId(s) more than once');
    expect(table).toContain('ATTENTION: verify against the hub FAILED');
    expect(table).toContain('b: ledger unknown, hub absent');
    expect(table).toContain('did not settle every unknown order');
  });

  it('prints exactly the summary keys, in order', () => {
    const report = buildOrdersReport(facts({}));
    expect(Object.keys(JSON.parse(summaryJson(report.summary)) as object)).toEqual([...SUMMARY_KEYS]);
  });
});

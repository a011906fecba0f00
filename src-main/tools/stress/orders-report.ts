// What a `stress orders` run reports: this run's orders in their final ledger state, the whole
// ledger's unresolved orders, the verify against the hub and the place latencies. Pure: the run
// hands in its facts (ids, replies, ledger records, verify, figures); no clocks, no I/O.
import type { VerifyResult } from '../../../src-shared/domain/checks';
import type { LedgerRecord } from '../../orders/ledger';
import { countLedger, statusCount, summaryTable, verifyOutcome, type OrdersSummary } from '../ledger/summary';
import { formatFailureCodes } from './format';

export interface OrdersRunFacts {
  count: number;
  concurrency: number;
  hub: string;
  dataDir: string;
  /** clientOrderId of order i, or undefined when no ticket could be made for it. */
  ids: ReadonlyArray<string | undefined>;
  /** What the place reply said for order i: the order's status, or the error code. */
  replies: ReadonlyArray<string | undefined>;
  /** Every order in the ledger after the run. */
  records: readonly LedgerRecord[];
  verify: VerifyResult;
  p50Ms: number;
  p99Ms: number;
  ordersPerSec: number;
  /** Whether reconciliation settled every unknown order within its bound. */
  settled: boolean;
}

export interface OrdersReport {
  summary: OrdersSummary;
  /** This run's rejected orders by code: the reply's error code, or REJECTED for the hub's refusal. */
  rejectedCodes: Record<string, number>;
  /** Replies by outcome (status or error code), as they came, before reconciliation. */
  replies: Record<string, number>;
  /** This run's orders in states the JSON has no key for (working, canceled …). */
  otherStatuses: Record<string, number>;
}

const REPORTED = new Set(['filled', 'rejected', 'unknown', 'not_received']);

export function buildOrdersReport(facts: OrdersRunFacts): OrdersReport {
  const byId = new Map(facts.records.map((record) => [record.order.clientOrderId, record]));
  const mine = new Set(facts.ids.filter((id): id is string => id !== undefined));
  const run = countLedger(facts.records, mine);
  const whole = countLedger(facts.records);
  const rejectedCodes: Record<string, number> = {};
  const replies: Record<string, number> = {};
  let refusedUnrecorded = 0;
  for (let i = 0; i < facts.count; i += 1) {
    const reply = facts.replies[i] ?? 'NO_REPLY';
    replies[reply] = (replies[reply] ?? 0) + 1;
    const id = facts.ids[i];
    const record = id === undefined ? undefined : byId.get(id);
    if (record && record.order.status !== 'rejected') continue;
    // Refused before the ledger recorded it (bad input, not connected …): rejected, never sent.
    if (!record) refusedUnrecorded += 1;
    // Refused by the hub (in its reply, or found so by reconciliation): REJECTED; else the error's code.
    const code = record && (!isErrorCode(reply) || reply === 'ORDER_UNKNOWN') ? 'REJECTED' : reply;
    rejectedCodes[code] = (rejectedCodes[code] ?? 0) + 1;
  }
  const otherStatuses = Object.fromEntries(Object.entries(run.byStatus).filter(([status]) => !REPORTED.has(status)));
  const summary: OrdersSummary = {
    sent: run.sent,
    filled: statusCount(run, 'filled'),
    rejected: statusCount(run, 'rejected') + refusedUnrecorded,
    unknown: statusCount(run, 'unknown'),
    notReceived: statusCount(run, 'not_received'),
    ...verifyOutcome(facts.verify),
    unresolved: whole.unresolved,
    needsPerson: whole.needsPerson,
    p50Ms: facts.p50Ms,
    p99Ms: facts.p99Ms,
    ordersPerSec: facts.ordersPerSec,
    hub: facts.hub,
    dataDir: facts.dataDir,
    count: facts.count,
  };
  return { summary, rejectedCodes, replies, otherStatuses };
}

/** Error codes are upper case (ORDER_UNKNOWN); order statuses are not (filled, not_received). */
export function isErrorCode(reply: string): boolean {
  return reply === reply.toUpperCase();
}

export function ordersTable(report: OrdersReport, facts: Pick<OrdersRunFacts, 'concurrency' | 'verify' | 'settled'>): string {
  return summaryTable(report.summary, {
    title: 'stress orders: market orders through the console core (tickets:create, orders:place), as the UI places them',
    notes: [
      'pre-trade duplicate hold: OFF for this run (duplicateWindowMs 0; the console default holds a repeat within 3 s)',
      'latency = orders:place invoke to reply; orders/s = orders over the placing phase',
      ...(facts.settled ? [] : ['reconciliation did not settle every unknown order within its bound (see --settle-timeout-ms)']),
    ],
    leadRows: [
      ['concurrency', `${facts.concurrency} orders in flight at most`],
      ['replies', formatFailureCodes(report.replies)],
    ],
    rejectedCodes: report.rejectedCodes,
    otherStatuses: report.otherStatuses,
    verifyResult: facts.verify,
  });
}

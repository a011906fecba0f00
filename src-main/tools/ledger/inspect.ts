// `ledger`: the summary of a data dir's order ledger, read as it is, or (with a hub) after the
// console core has reconciled it and verified it against the hub. Owns the core it starts and
// disposes it; prints nothing.
import type { Logger } from 'pino';
import type { VerifyResult } from '../../../src-shared/domain/checks';
import { settleAll, settleBoundMs, startToolConsole, verifyWithHub, waitUntilReady } from './console-core';
import type { LedgerOptions } from './flags';
import { ledgerExists, ledgerPath, readLedger } from './read-ledger';
import { countLedger, statusCount, verifyOutcome, type OrdersSummary } from './summary';

export interface LedgerReport {
  summary: OrdersSummary;
  verify: VerifyResult | null;
  /** Orders in states the JSON has no key for (working, canceled, held …). */
  otherStatuses: Record<string, number>;
  /** Orders the hub listed that this console never sent (another client's): not in the counts. */
  seenOnHub: number;
  /** Ledger rows that failed validation (the console skips them too). */
  invalid: number;
  /** With a hub: whether reconciliation settled every order within its bound. */
  settled: boolean | null;
}

export type LedgerOutcome = { kind: 'report'; report: LedgerReport } | { kind: 'refused'; refusal: string } | { kind: 'failed'; message: string };

const REPORTED = new Set(['filled', 'rejected', 'unknown', 'not_received']);

export async function runLedger(options: LedgerOptions, logger: () => Logger): Promise<LedgerOutcome> {
  if (!ledgerExists(options.dataDir)) return { kind: 'failed', message: `no order ledger at ${ledgerPath(options.dataDir)}` };
  let verify: VerifyResult | null = null;
  let settled: boolean | null = null;
  if (options.hub !== undefined) {
    const app = await startToolConsole({ ...options, hub: options.hub }, logger());
    try {
      // Start-up reconciliation does the work: every pending, sent or unknown order is asked about.
      const ready = await waitUntilReady(app, options);
      if (ready.kind !== 'ready') return ready;
      settled = await settleAll(app, 'ledger cli', options.settleTimeoutMs ?? settleBoundMs(app, false));
      verify = await verifyWithHub(app);
    } finally {
      await app.dispose();
    }
  }
  const { records, invalid } = readLedger(options.dataDir);
  const counts = countLedger(records);
  const summary: OrdersSummary = {
    sent: counts.sent,
    filled: statusCount(counts, 'filled'),
    rejected: statusCount(counts, 'rejected'),
    unknown: statusCount(counts, 'unknown'),
    notReceived: statusCount(counts, 'not_received'),
    ...verifyOutcome(verify),
    unresolved: counts.unresolved,
    needsPerson: counts.needsPerson,
    p50Ms: null,
    p99Ms: null,
    ordersPerSec: null,
    hub: options.hub ?? null,
    dataDir: options.dataDir,
    count: counts.count,
  };
  const otherStatuses = Object.fromEntries(Object.entries(counts.byStatus).filter(([status]) => !REPORTED.has(status)));
  return { kind: 'report', report: { summary, verify, otherStatuses, seenOnHub: counts.seenOnHub, invalid, settled } };
}

/** Clean: nothing unresolved, and (with a hub) the verify passed. */
export function ledgerClean(report: LedgerReport): boolean {
  return report.summary.unresolved === 0 && report.summary.verify !== 'fail';
}

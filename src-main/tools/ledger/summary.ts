// The orders summary that `stress orders` and `ledger` both print: counts from the ledger's records,
// the verify outcome, and the two renderings (one JSON object with fixed keys, a table). Pure: no
// clocks, no I/O; the callers read the ledger and ask the hub.
import type { ConsoleOrderStatus } from '../../../src-shared/domain/order';
import type { VerifyResult } from '../../../src-shared/domain/checks';
import type { LedgerRecord } from '../../orders/ledger';
import { formatFailureCodes, formatMs, formatRows } from '../stress/format';

/** What both tools report; null where a figure does not apply (no hub, no placing phase). */
export interface OrdersSummary {
  /** Orders the console handed to the hub (their ledger row has a send time). */
  sent: number;
  filled: number;
  /** Refused by the hub, or by the console before sending (the table gives the codes). */
  rejected: number;
  /** Still `unknown`: no answer, and reconciliation has not settled them yet. */
  unknown: number;
  /** Reconciliation found the hub never received them: nothing was executed. */
  notReceived: number;
  /** clientOrderIds the hub holds more than once (a double execution); null without a hub. */
  hubDuplicates: number | null;
  /** Orders in the whole ledger still pending, sent or unknown. */
  unresolved: number;
  /**
   * Of those, the unknown orders the hub cannot account for (a dialect with no history, or lost on
   * the hub): reconciliation has handed them to a person, who resolves each after checking the terminal.
   */
  needsPerson: number;
  p50Ms: number | null;
  p99Ms: number | null;
  ordersPerSec: number | null;
  verify: 'pass' | 'fail' | null;
  hub: string | null;
  dataDir: string;
  count: number;
}

/** The keys of the JSON output, in order. */
export const SUMMARY_KEYS = [
  'sent',
  'filled',
  'rejected',
  'unknown',
  'notReceived',
  'hubDuplicates',
  'unresolved',
  'needsPerson',
  'p50Ms',
  'p99Ms',
  'ordersPerSec',
  'verify',
  'hub',
  'dataDir',
  'count',
] as const satisfies ReadonlyArray<keyof OrdersSummary>;

const UNRESOLVED: ReadonlySet<ConsoleOrderStatus> = new Set(['pending', 'sent', 'unknown']);

export interface LedgerCounts {
  /** This console's orders counted (all of them, or those of the `only` set the ledger holds). */
  count: number;
  sent: number;
  byStatus: Partial<Record<ConsoleOrderStatus, number>>;
  /** Orders the hub listed that this console never sent (another client's): not in the counts above. */
  seenOnHub: number;
  /** Every record still pending, sent or unknown, seen-on-hub ones included. */
  unresolved: number;
  /** Of those, the unknown ones handed to a person (needsPerson). */
  needsPerson: number;
}

/**
 * Whether a record is an order the hub listed that this console never sent: it has the hub's
 * orderId but no send time (an order of this console gets its send time before its first byte).
 */
export function seenOnHub(record: LedgerRecord): boolean {
  return record.sentAt === null && record.order.orderId !== null;
}

/** Counts ledger records by status; with `only`, just those clientOrderIds. */
export function countLedger(records: Iterable<LedgerRecord>, only?: ReadonlySet<string>): LedgerCounts {
  const counts: LedgerCounts = { count: 0, sent: 0, byStatus: {}, seenOnHub: 0, unresolved: 0, needsPerson: 0 };
  for (const record of records) {
    const { order, sentAt } = record;
    if (only && !only.has(order.clientOrderId)) continue;
    if (UNRESOLVED.has(order.status)) counts.unresolved += 1;
    if (order.status === 'unknown' && order.needsPerson) counts.needsPerson += 1;
    if (seenOnHub(record)) {
      counts.seenOnHub += 1;
      continue;
    }
    counts.count += 1;
    if (sentAt !== null) counts.sent += 1;
    counts.byStatus[order.status] = (counts.byStatus[order.status] ?? 0) + 1;
  }
  return counts;
}

export function statusCount(counts: LedgerCounts, status: ConsoleOrderStatus): number {
  return counts.byStatus[status] ?? 0;
}

export function verifyOutcome(result: VerifyResult | null): Pick<OrdersSummary, 'verify' | 'hubDuplicates'> {
  if (!result) return { verify: null, hubDuplicates: null };
  return { verify: result.pass ? 'pass' : 'fail', hubDuplicates: result.hubDuplicates.length };
}

export function summaryJson(summary: OrdersSummary): string {
  return JSON.stringify(Object.fromEntries(SUMMARY_KEYS.map((key) => [key, summary[key]])));
}

/** Lines that need a person's attention: a failed verify, duplicates, unsettled orders. */
export function attentionLines(summary: OrdersSummary, verify: VerifyResult | null): string[] {
  const lines: string[] = [];
  if (summary.hubDuplicates !== null && summary.hubDuplicates > 0) {
    lines.push(`ATTENTION: the hub holds ${summary.hubDuplicates} clientOrderId(s) more than once: an order was executed twice.`);
  }
  if (summary.needsPerson > 0) {
    lines.push(
      `ATTENTION: ${summary.needsPerson} unknown order(s) need a person: the hub cannot say what became of them. ` +
        'Look for each clientOrderId in the terminal (as the comment), then resolve it in the Trade view (Resolve…).',
    );
  }
  if (summary.unresolved > summary.needsPerson) {
    lines.push(
      `ATTENTION: ${summary.unresolved} order(s) in the ledger are still pending, sent or unknown. ` +
        'Run `npm run ledger -- --data-dir DIR --hub ADDR --reconcile` to settle them with the hub.',
    );
  }
  if (verify && !verify.pass) {
    const why = verify.error ?? `${verify.mismatches.length} ledger order(s) disagree with the hub, ${verify.hubDuplicates.length} duplicate(s) on the hub`;
    lines.push(`ATTENTION: verify against the hub FAILED: ${why}.`);
    for (const mismatch of verify.mismatches.slice(0, 5)) lines.push(`  ${mismatch.clientOrderId}: ledger ${mismatch.ledger}, hub ${mismatch.hub}`);
    if (verify.mismatches.length > 5) lines.push(`  … and ${verify.mismatches.length - 5} more`);
  }
  return lines;
}

export interface SummaryTableExtras {
  /** A heading line above the rows. */
  title: string;
  /** Rejections by code, for the rejected row. */
  rejectedCodes?: Readonly<Record<string, number>>;
  /** Counts that are not in the JSON but matter to a person (working, canceled, held …). */
  otherStatuses?: Readonly<Record<string, number>>;
  verifyResult?: VerifyResult | null;
  notes?: readonly string[];
  /** Rows shown before the counts (concurrency, phases …). */
  leadRows?: ReadonlyArray<readonly [string, string]>;
}

function orDash<T>(value: T | null, show: (value: T) => string): string {
  return value === null ? '–' : show(value);
}

export function summaryTable(summary: OrdersSummary, extras: SummaryTableExtras): string {
  const codes = formatFailureCodes(extras.rejectedCodes ?? {});
  const others = Object.entries(extras.otherStatuses ?? {}).filter(([, n]) => n > 0);
  const verify = extras.verifyResult;
  const rows: Array<readonly [string, string]> = [
    ['hub', summary.hub ?? '– (not asked)'],
    ['data dir', summary.dataDir],
    ...(extras.leadRows ?? []),
    ['orders', String(summary.count)],
    ['sent to hub', String(summary.sent)],
    ['filled', String(summary.filled)],
    ['rejected', codes ? `${summary.rejected} (${codes})` : String(summary.rejected)],
    ['unknown', String(summary.unknown)],
    ['not received', String(summary.notReceived)],
    ...others.map(([status, n]): readonly [string, string] => [`now ${status}`, String(n)]),
    ['unresolved', `${summary.unresolved} (whole ledger: pending, sent or unknown)`],
    ['needs a person', `${summary.needsPerson} (unknown orders the hub cannot account for)`],
    ['hub duplicates', orDash(summary.hubDuplicates, String)],
    [
      'verify',
      orDash(summary.verify, (v) => (verify ? `${v} (ledger ${verify.ledgerOrders} orders, hub ${verify.hubOrders}, ${verify.mismatches.length} mismatches)` : v)),
    ],
    ['p50', orDash(summary.p50Ms, formatMs)],
    ['p99', orDash(summary.p99Ms, formatMs)],
    ['orders/s', orDash(summary.ordersPerSec, (n) => n.toFixed(1))],
  ];
  return [extras.title, ...(extras.notes ?? []), formatRows(rows), ...attentionLines(summary, verify ?? null)].join('\n');
}

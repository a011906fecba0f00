// The Health view's since-start figures in words: one row per hub operation (busiest first) and
// the counters' lines. Pure; every figure comes from main's HealthNow, nothing is computed here.
import type { HealthNow, OpLatencySummary } from '../../../src-shared/domain/health';
import { ConsoleOrderStatus } from '../../../src-shared/domain/order';
import { DASH, formatCount, formatMs } from '../../components/format';
import { statusLabel } from '../../components/order-status';

/** One operation's row, as text: strings compare by value, so an unchanged row is not redrawn. */
export interface OpRow {
  readonly op: string;
  readonly requests: string;
  readonly timeouts: string;
  /** Some of its requests timed out: the row is marked. */
  readonly timedOut: boolean;
  readonly errors: string;
  readonly p50: string;
  readonly p90: string;
  readonly p99: string;
  readonly p99_9: string;
  readonly max: string;
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Most requests first; ties by name, so rows of equal count do not swap from one second to the next. */
export function opRows(byOp: readonly OpLatencySummary[]): OpRow[] {
  return [...byOp]
    .sort((a, b) => b.count - a.count || byName(a.op, b.op))
    .map((op) => {
      // An operation with no finished request has no latency to show, only zeros from main.
      const ms = (value: number) => (op.count === 0 ? DASH : formatMs(value));
      return {
        op: op.op,
        requests: formatCount(op.count),
        timeouts: formatCount(op.timeouts),
        timedOut: op.timeouts > 0,
        errors: formatCount(op.errors),
        p50: ms(op.p50),
        p90: ms(op.p90),
        p99: ms(op.p99),
        p99_9: ms(op.p99_9),
        max: ms(op.max),
      };
    });
}

/** "TIMEOUT 12 · HUB_UNAVAILABLE 3": the most frequent code first; "none" when nothing failed. */
export function errorsByCodeText(errorsByCode: Readonly<Record<string, number>>): string {
  const codes = Object.entries(errorsByCode)
    .filter(([, count]) => count > 0)
    .sort(([codeA, a], [codeB, b]) => b - a || byName(codeA, codeB));
  return codes.length === 0 ? 'none' : codes.map(([code, count]) => `${code} ${formatCount(count)}`).join(' · ');
}

/** "filled 120 · unknown 2": states with orders, in the lifecycle's order (which never jumps around). */
export function ordersByStateText(ordersByState: HealthNow['counters']['ordersByState']): string {
  const states = ConsoleOrderStatus.options.filter((status) => ordersByState[status] > 0);
  return states.length === 0 ? 'none' : states.map((status) => `${statusLabel(status)} ${formatCount(ordersByState[status])}`).join(' · ');
}

export interface CounterLine {
  readonly label: string;
  readonly value: string;
}

export function counterLines(counters: HealthNow['counters']): CounterLine[] {
  return [
    { label: 'Requests', value: formatCount(counters.requests) },
    { label: 'Failed attempts', value: errorsByCodeText(counters.errorsByCode) },
    { label: 'Retries', value: formatCount(counters.retries) },
    { label: 'Give-ups', value: formatCount(counters.giveUps) },
    { label: 'Orders', value: ordersByStateText(counters.ordersByState) },
    { label: 'Duplicates absorbed by the hub', value: formatCount(counters.duplicatesAbsorbed) },
    { label: 'Repeats stopped', value: formatCount(counters.repeatsStopped) },
    { label: 'Holds', value: formatCount(counters.holds) },
  ];
}

// How an order status reads in the console: its word, and whether its reason is worth showing.
// Pure; the colour of each status lives in styles/tables.css (`.status-<status>`).
import type { ConsoleOrderStatus } from '../../src-shared/domain/order';

/** The contract's word, except where an underscore would read as code. */
export function statusLabel(status: ConsoleOrderStatus): string {
  return status === 'not_received' ? 'not received' : status;
}

/** Statuses whose reason tells the trader what happened or what to do. */
const WITH_REASON: ReadonlySet<ConsoleOrderStatus> = new Set<ConsoleOrderStatus>(['held', 'rejected', 'unknown', 'not_received']);

export function showsReason(status: ConsoleOrderStatus): boolean {
  return WITH_REASON.has(status);
}

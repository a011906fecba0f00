// The Retry log view's words and choices: cell texts, the count line, the filter options, the CSV
// file name and how a failed load or export reads. Pure; the UI branches on codes, not on text.
import { IDEMPOTENT_OPERATIONS } from '../../../src-shared/domain/retry';
import type { RetryEntry, RetryOutcome } from '../../../src-shared/domain/retry';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { fileStamp, formatCount } from '../../components/format';

/** The hub calls main retries: offered in the Operation filter even before any was logged. */
export const RETRIED_OPS: readonly string[] = IDEMPOTENT_OPERATIONS;

export const OUTCOMES: readonly RetryOutcome[] = ['pending', 'succeeded', 'gave-up'];

export function isRetryOutcome(value: string): value is RetryOutcome {
  return (OUTCOMES as readonly string[]).includes(value);
}

/** The retried ops first, in their usual order, then any other op logged (a tool's, say), sorted. */
export function operationOptions(entries: readonly RetryEntry[], selected: string | null): string[] {
  const known = new Set(RETRIED_OPS);
  const others = new Set<string>();
  for (const entry of entries) if (!known.has(entry.op)) others.add(entry.op);
  if (selected !== null && !known.has(selected)) others.add(selected);
  return [...RETRIED_OPS, ...[...others].sort()];
}

export function attemptText(entry: Pick<RetryEntry, 'attempt' | 'maxAttempts'>): string {
  return `${entry.attempt} of ${entry.maxAttempts}`;
}

/** Blank on a give-up: there is no next attempt to wait for. */
export function delayText(entry: Pick<RetryEntry, 'delayMs'>): string {
  return entry.delayMs === null ? '' : String(entry.delayMs);
}

export function errorText(entry: Pick<RetryEntry, 'code' | 'message'>): string {
  return `${entry.code}: ${entry.message}`;
}

/** "1,234 entries (showing 500)", or just "12 entries" when all are shown. */
export function countText(total: number, shown: number): string {
  const entries = `${formatCount(total)} ${total === 1 ? 'entry' : 'entries'}`;
  return shown < total ? `${entries} (showing ${formatCount(shown)})` : entries;
}

/** hubdesk-retry-log-2025-03-01T14-02-11Z.csv: UTC, and no colons, which Windows refuses in names. */
export function csvFileName(now: number): string {
  return `hubdesk-retry-log-${fileStamp(now)}.csv`;
}

export function describeRetryLogError(error: ErrorData, action: 'load' | 'export'): string {
  const what = action === 'load' ? 'The retry log could not be loaded' : 'The retry log could not be exported';
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return `${what}: no answer from the console. Try again once it is reachable.`;
    case 'BAD_INPUT':
      return `${what}: the console refused the filter (${error.message}).`;
    default:
      return `${what} (${error.code}): ${error.message}`;
  }
}

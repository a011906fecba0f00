// One line of the retry log: a retry of an idempotent hub call, or the give-up that ended one,
// with the call's final outcome once known. Pure zod; no I/O.
import { z } from 'zod';

/**
 * Hub operations that change nothing, or change it the same way however often they run: the only
 * ones the connection layer retries. placeOrder is not among them. See docs/connection.md.
 */
export const IDEMPOTENT_OPERATIONS = ['hello', 'ping', 'account', 'symbols', 'quotes', 'positions', 'orders', 'orderStatus', 'cancelOrder'] as const;

export const RetryKind = z.enum(['retry', 'give-up']);
export type RetryKind = z.infer<typeof RetryKind>;

/** `pending` while the call is still being retried; then how the call ended. */
export const RetryOutcome = z.enum(['pending', 'succeeded', 'gave-up']);
export type RetryOutcome = z.infer<typeof RetryOutcome>;

export const RetryEntry = z.object({
  /** Unique and increasing in the data dir's log. */
  id: z.number().int().positive(),
  /** Identifies one call and all its attempts. */
  callId: z.string(),
  time: z.number().int(),
  op: z.string(),
  /** The request id of the attempt that failed. */
  requestId: z.string(),
  /** The failed attempt, 1-based, of at most maxAttempts (1 + the hub's maxRetries). */
  attempt: z.number().int().positive(),
  maxAttempts: z.number().int().positive(),
  kind: RetryKind,
  /** Wait before the next attempt; null on a give-up. */
  delayMs: z.number().int().nonnegative().nullable(),
  code: z.string(),
  message: z.string(),
  outcome: RetryOutcome,
  /** Which process wrote it: the console, or a tool such as the stress tool. */
  source: z.string(),
});
export type RetryEntry = z.infer<typeof RetryEntry>;

export const RetryFilter = z
  .object({
    op: z.string().max(64).optional(),
    outcome: RetryOutcome.optional(),
    limit: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();
export type RetryFilter = z.infer<typeof RetryFilter>;

const CSV_COLUMNS = ['id', 'time', 'op', 'requestId', 'attempt', 'maxAttempts', 'kind', 'delayMs', 'code', 'message', 'outcome', 'callId', 'source'] as const;

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The retry log as CSV (RFC 4180), times in ISO 8601 UTC. */
export function retryLogCsv(entries: readonly RetryEntry[]): string {
  const rows = entries.map((entry) =>
    CSV_COLUMNS.map((column) => csvField(column === 'time' ? new Date(entry.time).toISOString() : entry[column])).join(','),
  );
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

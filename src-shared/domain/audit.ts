// The audit trail's vocabulary: who (role, token id) did what to which target, when, and how it
// ended; the filter the views and tools ask with, and the CSV and JSON exports. Pure zod; no I/O.
import { z } from 'zod';
import { Role } from '../ipc/access';
import { ErrorCode } from '../ipc/errors';

/** Every action the trail records; `denied` is any call refused with FORBIDDEN (the channel is the target). */
export const AUDIT_ACTIONS = [
  'order.place',
  'order.cancel',
  'order.resubmit',
  'order.confirmHeld',
  'order.dropHeld',
  'order.resolve',
  'settings.propose',
  'settings.confirm',
  'settings.rejectHeld',
  'settings.rollback',
  'alerts.setRule',
  'notion.configure',
  'outbox.retry',
  'outbox.retryParked',
  'reports.push',
  'access.rotate',
  'denied',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/**
 * `ok`, or the error code the caller got. `pending` until the outcome is known: a row still pending
 * after a restart is an attempt whose answer was never recorded (the order's fate is in the ledger).
 */
export const AuditOutcome = z.enum(['ok', 'pending', ...ErrorCode.options]);
export type AuditOutcome = z.infer<typeof AuditOutcome>;

/** A few facts about the action (an order's symbol, side and volume; a settings change). Never a secret. */
export const AuditDetail = z.record(z.string(), z.json());
export type AuditDetail = z.infer<typeof AuditDetail>;

export const AuditEntry = z.object({
  /** Unique and increasing in the data dir's ledger. */
  seq: z.number().int().positive(),
  at: z.number().int(),
  role: Role,
  /** The id of the token used ("desktop" for the app's own window), never the token. */
  tokenId: z.string(),
  action: AuditAction,
  /** What was acted on: a clientOrderId, setting keys, a rule id, a role, a channel … */
  target: z.string(),
  outcome: AuditOutcome,
  detail: AuditDetail,
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AUDIT_LIMIT_MAX = 1000;

export const AuditFilter = z
  .object({
    action: AuditAction.optional(),
    role: Role.optional(),
    /** Only rows at or after this time (ms since the epoch). */
    since: z.number().int().nonnegative().optional(),
    limit: z.number().int().min(1).max(AUDIT_LIMIT_MAX).optional(),
  })
  .strict();
export type AuditFilter = z.infer<typeof AuditFilter>;

export const AuditFormat = z.enum(['csv', 'json']);
export type AuditFormat = z.infer<typeof AuditFormat>;

const CSV_COLUMNS = ['seq', 'time', 'role', 'tokenId', 'action', 'target', 'outcome', 'detail'] as const;

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvCell(entry: AuditEntry, column: (typeof CSV_COLUMNS)[number]): string {
  if (column === 'time') return new Date(entry.at).toISOString();
  if (column === 'detail') return JSON.stringify(entry.detail);
  return String(entry[column]);
}

/** The trail as CSV (RFC 4180) in the order given, times in ISO 8601 UTC, detail as JSON. */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const rows = entries.map((entry) => CSV_COLUMNS.map((column) => csvField(csvCell(entry, column))).join(','));
  return [CSV_COLUMNS.join(','), ...rows].join('\r\n') + '\r\n';
}

/** The trail as a JSON array in the order given, each row with its ISO time beside `at`. */
export function auditJson(entries: readonly AuditEntry[]): string {
  return `${JSON.stringify(entries.map((entry) => ({ ...entry, time: new Date(entry.at).toISOString() })), null, 2)}\n`;
}

export function auditExport(entries: readonly AuditEntry[], format: AuditFormat): string {
  return format === 'csv' ? auditCsv(entries) : auditJson(entries);
}

// The Audit view's words and choices: the filter options, cell texts, the count line, the export
// file names and how a failed load or export reads. Pure; the UI branches on codes, not on text.
import { AUDIT_ACTIONS } from '../../../src-shared/domain/audit';
import type { AuditAction, AuditDetail, AuditEntry, AuditFormat } from '../../../src-shared/domain/audit';
import { ROLES } from '../../../src-shared/ipc/access';
import type { Role } from '../../../src-shared/ipc/access';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { fileStamp, formatCount } from '../../components/format';

export const ACTIONS: readonly AuditAction[] = AUDIT_ACTIONS;
export const AUDIT_ROLES: readonly Role[] = ROLES;

export function isAuditAction(value: string): value is AuditAction {
  return (ACTIONS as readonly string[]).includes(value);
}

export function isRole(value: string): value is Role {
  return (AUDIT_ROLES as readonly string[]).includes(value);
}

/** `ok`, `pending` (no answer was recorded) or the error code, as the UI shows it. */
export function outcomeText(entry: Pick<AuditEntry, 'outcome'>): string {
  return entry.outcome === 'pending' ? 'pending (no outcome recorded)' : entry.outcome;
}

function valueText(value: AuditDetail[string]): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "symbol EURUSD · side buy · volume 0.1 · status filled"; blank when there is nothing to add. */
export function detailText(detail: AuditDetail): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key} ${valueText(value)}`)
    .join(' · ');
}

/** "1,234 rows (showing 500)", or just "12 rows" when all are shown. */
export function auditCountText(total: number, shown: number): string {
  const rows = `${formatCount(total)} ${total === 1 ? 'row' : 'rows'}`;
  return shown < total ? `${rows} (showing ${formatCount(shown)})` : rows;
}

/** hubdesk-audit-2025-03-01T14-02-11Z.csv: UTC, and no colons, which Windows refuses in names. */
export function auditFileName(format: AuditFormat, now: number): string {
  return `hubdesk-audit-${fileStamp(now)}.${format}`;
}

export const AUDIT_MIME: Readonly<Record<AuditFormat, string>> = { csv: 'text/csv;charset=utf-8', json: 'application/json;charset=utf-8' };

export function describeAuditError(error: ErrorData, action: 'load' | 'export'): string {
  const what = action === 'load' ? 'The audit trail could not be loaded' : 'The audit trail could not be exported';
  switch (error.code) {
    case 'FORBIDDEN':
      return `${what}: only a trader may read it.`;
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return `${what}: no answer from the console. Try again once it is reachable.`;
    default:
      return `${what} (${error.code}): ${error.message}`;
  }
}

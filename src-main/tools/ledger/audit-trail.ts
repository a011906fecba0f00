// `ledger --audit`: a data dir's audit trail, read once with the console's own ledger (which it
// closes) and rendered oldest first as a table, JSON or CSV. Never writes a row.
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { auditCsv, auditJson } from '../../../src-shared/domain/audit';
import { OrderLedger } from '../../orders/ledger';

export function readAuditTrail(dataDir: string): AuditEntry[] {
  const ledger = new OrderLedger(dataDir, (error) => process.stderr.write(`ledger: a write failed: ${String(error)}\n`));
  try {
    return ledger.audit.entries({});
  } finally {
    ledger.close();
  }
}

const COLUMNS = ['time', 'role', 'token id', 'action', 'target', 'outcome', 'detail'] as const;

function cells(entry: AuditEntry): string[] {
  return [new Date(entry.at).toISOString(), entry.role, entry.tokenId, entry.action, entry.target, entry.outcome, JSON.stringify(entry.detail)];
}

/** Columns padded to their widest cell; the detail, last, is left as long as it is. */
function table(entries: readonly AuditEntry[]): string {
  if (entries.length === 0) return 'audit trail: no rows';
  const rows = [[...COLUMNS], ...entries.map(cells)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  const lines = rows.map((row) => row.map((cell, column) => (column === COLUMNS.length - 1 ? cell : cell.padEnd(widths[column] ?? 0))).join('  '));
  return [`audit trail: ${entries.length} row(s), oldest first`, ...lines].join('\n');
}

export function auditTrailText(entries: readonly AuditEntry[], format: 'table' | 'json' | 'csv'): string {
  if (format === 'json') return auditJson(entries).trimEnd();
  if (format === 'csv') return auditCsv(entries).trimEnd();
  return table(entries);
}

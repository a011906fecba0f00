// `npm run ledger -- --audit`: which flags choose which rendering, the ones refused, and the table.
// Reading a real ledger (after a SIGKILL) is in test/main/audit.test.ts.
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { auditTrailText } from '../../../src-main/tools/ledger/audit-trail';
import { parseLedgerArgs } from '../../../src-main/tools/ledger/flags';

describe('npm run ledger -- --audit', () => {
  it.each([
    [['--audit'], 'table'],
    [['--audit', '--json'], 'json'],
    [['--audit', '--csv'], 'csv'],
    [[], undefined],
  ])('reads %j as the %s format', (flags, format) => {
    expect(parseLedgerArgs(['--data-dir', '/d', ...flags]).audit).toBe(format);
  });

  it.each([
    [['--csv'], /^--csv needs --audit$/],
    [['--audit', '--json', '--csv'], /choose one/],
    [['--audit', '--hub', 'tcp://127.0.0.1:1', '--reconcile'], /takes no --hub/],
  ])('refuses %j', (flags, message) => {
    expect(() => parseLedgerArgs(['--data-dir', '/d', ...flags])).toThrow(message);
  });

  it('prints a table with a column per field, oldest first, or says there are no rows', () => {
    const rows: AuditEntry[] = [
      { seq: 1, at: Date.UTC(2025, 2, 1, 14, 2, 11), role: 'trader', tokenId: 'desktop', action: 'order.place', target: 'HD-1', outcome: 'ok', detail: { symbol: 'EURUSD' } },
      { seq: 2, at: Date.UTC(2025, 2, 1, 14, 2, 12), role: 'viewer', tokenId: 'viewer-5e6f7a8b', action: 'denied', target: 'orders:place', outcome: 'FORBIDDEN', detail: {} },
    ];
    const lines = auditTrailText(rows, 'table').split('\n');
    expect(lines[0]).toBe('audit trail: 2 row(s), oldest first');
    expect(lines[1]).toMatch(/^time +role +token id +action +target +outcome +detail$/);
    expect(lines[2]).toMatch(/^2025-03-01T14:02:11\.000Z +trader +desktop +order\.place +HD-1 +ok +\{"symbol":"EURUSD"\}$/);
    expect(auditTrailText([], 'table')).toBe('audit trail: no rows');
  });
});

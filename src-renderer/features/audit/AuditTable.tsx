// The audit trail's rows, newest first: when, who (role and token id), what, on which target, how
// it ended and the detail. Rows re-render only when their entry changed: the store keeps the rest.
import { memo } from 'react';
import type { AuditEntry } from '../../../src-shared/domain/audit';
import { formatLogTime, formatTimestamp } from '../../components/format';
import { detailText, outcomeText } from './audit-text';

const HEADERS = ['Time', 'Role', 'Token id', 'Action', 'Target', 'Outcome', 'Detail'] as const;

const AuditRow = memo(function AuditRow({ entry }: { entry: AuditEntry }) {
  const detail = detailText(entry.detail);
  return (
    <tr className={entry.action === 'denied' ? 'audit-denied' : undefined}>
      <td className="mono" title={formatTimestamp(entry.at)}>
        {formatLogTime(entry.at)}
      </td>
      <td>{entry.role}</td>
      <td className="mono">{entry.tokenId}</td>
      <td className="mono">{entry.action}</td>
      <td className="mono">{entry.target}</td>
      <td>
        <span className={`status audit-outcome-${entry.outcome === 'ok' || entry.outcome === 'pending' ? entry.outcome : 'error'}`}>{outcomeText(entry)}</span>
      </td>
      <td className="audit-detail" title={detail}>
        {detail}
      </td>
    </tr>
  );
});

export function AuditTable(props: { entries: readonly AuditEntry[]; loading: boolean; filtered: boolean }) {
  const { entries, loading, filtered } = props;
  return (
    <div className="table-scroll audit-scroll">
      <table aria-label="Audit trail" aria-busy={loading || undefined} className="grid">
        <thead>
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={HEADERS.length} className="empty">
                {loading ? 'Loading…' : filtered ? 'Nothing audited that matches these filters' : 'Nothing audited yet'}
              </td>
            </tr>
          ) : (
            entries.map((entry) => <AuditRow key={entry.seq} entry={entry} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

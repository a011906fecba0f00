// The retry log's rows, newest first: one retry (or the give-up that ended a call) per row with
// the call's outcome. Rows re-render only when their entry changed: the store keeps the rest.
import { memo } from 'react';
import type { RetryEntry } from '../../../src-shared/domain/retry';
import { formatLogTime, formatTimestamp } from '../../components/format';
import { attemptText, delayText, errorText } from './retry-log-text';

const COLUMNS = 8;

const RetryRow = memo(function RetryRow({ entry }: { entry: RetryEntry }) {
  return (
    <tr className={`retry-${entry.kind}`}>
      <td className="mono" title={formatTimestamp(entry.time)}>
        {formatLogTime(entry.time)}
      </td>
      <td>{entry.op}</td>
      <td className="mono">{entry.requestId}</td>
      <td className="num" title={`call ${entry.callId}`}>
        {attemptText(entry)}
      </td>
      <td className="num">{delayText(entry)}</td>
      <td className="retry-error" title={errorText(entry)}>
        <span className="mono">{entry.code}</span>: {entry.message}
      </td>
      <td>
        <span className={`status retry-outcome-${entry.outcome}`}>{entry.outcome}</span>
      </td>
      <td className="muted">{entry.source}</td>
    </tr>
  );
});

export function RetryLogTable(props: { entries: readonly RetryEntry[]; loading: boolean; filtered: boolean }) {
  const { entries, loading, filtered } = props;
  return (
    <div className="table-scroll retry-log-scroll">
      <table aria-label="Retry log" aria-busy={loading || undefined} className="grid">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Operation</th>
            <th scope="col">Request id</th>
            <th scope="col" className="num">Attempt</th>
            <th scope="col" className="num">Delay (ms)</th>
            <th scope="col">Error</th>
            <th scope="col">Outcome</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} className="empty">
                {loading ? 'Loading…' : filtered ? 'No retries logged that match these filters' : 'No retries logged'}
              </td>
            </tr>
          ) : (
            entries.map((entry) => <RetryRow key={entry.id} entry={entry} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

// The outbox's rows, newest first: when the event happened, its kind and title, where it stands,
// its attempts, the last error and the Notion page it became. Rows re-render only when their event
// changed (or a retry starts or ends): the store keeps the rest.
import { memo } from 'react';
import type { OutboxEvent, OutboxStatus } from '../../../src-shared/domain/outbox';
import { formatLogTime, formatTimestamp } from '../../components/format';
import type { OutboxRetry } from '../../stores/outbox';
import { attemptsText, emptyText, kindText, pageText, retryLabel } from './notion-text';

const COLUMNS = 7;

const OutboxRow = memo(function OutboxRow(props: { event: OutboxEvent; busy: boolean; disabled: boolean; onRetry: (id: string) => void }) {
  const { event, busy, disabled, onRetry } = props;
  return (
    <tr className={`outbox-row-${event.status}`}>
      <td className="mono" title={formatTimestamp(event.createdAt)}>
        {formatLogTime(event.createdAt)}
      </td>
      <td>{kindText(event.kind)}</td>
      <td className="outbox-title" title={`${event.title}\nevent ${event.id}`}>
        {event.title}
      </td>
      <td className="outbox-status-cell">
        <span className={`status outbox-status-${event.status}`}>{event.status}</span>
        {event.status === 'parked' ? (
          <button
            type="button"
            className="btn btn-small"
            aria-label={retryLabel(event.id)}
            title={retryLabel(event.id)}
            disabled={disabled}
            aria-busy={busy || undefined}
            onClick={() => onRetry(event.id)}
          >
            Retry
          </button>
        ) : null}
      </td>
      <td className="num" title={event.uncertain ? 'A failed attempt may have created the page: the next attempt looks for it first' : undefined}>
        {attemptsText(event)}
      </td>
      <td className="outbox-error" title={event.lastError ?? undefined}>
        {event.lastError ?? ''}
      </td>
      <td className="mono" title={event.pageId ?? undefined}>
        {pageText(event.pageId)}
      </td>
    </tr>
  );
});

export function OutboxTable(props: {
  events: readonly OutboxEvent[];
  loading: boolean;
  filter: OutboxStatus | null;
  retrying: OutboxRetry | null;
  onRetry: (id: string) => void;
}) {
  const { events, loading, filter, retrying, onRetry } = props;
  return (
    <div className="table-scroll notion-outbox-scroll">
      <table aria-label="Outbox" aria-busy={loading || undefined} className="grid">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">Attempts</th>
            <th scope="col">Last error</th>
            <th scope="col">Page</th>
          </tr>
        </thead>
        <tbody>
          {events.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} className="empty">
                {emptyText(filter, loading)}
              </td>
            </tr>
          ) : (
            events.map((event) => (
              <OutboxRow
                key={event.id}
                event={event}
                busy={retrying !== null && ('all' in retrying || retrying.id === event.id)}
                disabled={retrying !== null}
                onRetry={onRetry}
              />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

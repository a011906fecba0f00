// The outbox: a status filter, the count, "Retry all parked" when any event is parked, and the
// table of events, newest first. A parked row has its own Retry; a retry's failure is said above.
import { useCallback } from 'react';
import type { OutboxStatus } from '../../../src-shared/domain/outbox';
import { useNotionCommand, useOutbox } from '../../app-context';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import type { OutboxViewFilter } from '../../stores/outbox';
import { OutboxTable } from './OutboxTable';
import { countText, describeRetryError, isOutboxStatus, OUTBOX_STATUSES } from './notion-text';

export function OutboxPanel(props: { filter: OutboxViewFilter; onFilter: (filter: OutboxStatus | null) => void }) {
  const { filter, onFilter } = props;
  const command = useNotionCommand();
  const events = useOutbox((state) => state.events);
  const figures = useOutbox((state) => state.figures);
  const status = useOutbox((state) => state.status);
  const retrying = useOutbox((state) => state.retrying);
  const retryError = useOutbox((state) => state.retryError);
  const anyParked = (figures?.parked ?? 0) > 0 || events.some((event) => event.status === 'parked');
  const retryingAll = retrying !== null && 'all' in retrying;
  // A stable callback keeps the memoised rows from re-rendering with every figures update.
  const retry = useCallback((id: string) => void command.retry(id), [command]);

  return (
    <Panel title="Outbox" className="notion-outbox" aside={<span className="muted">{countText(figures, filter, events.length)}</span>}>
      <div className="notion-toolbar">
        <Field label="Status">
          {(control) => (
            <select {...control} value={filter ?? ''} onChange={(event) => onFilter(isOutboxStatus(event.target.value) ? event.target.value : null)}>
              <option value="">All</option>
              {OUTBOX_STATUSES.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {anyParked ? (
          <button
            type="button"
            className="btn"
            disabled={retrying !== null}
            aria-busy={retryingAll || undefined}
            onClick={() => void command.retryParked()}
          >
            Retry all parked
          </button>
        ) : null}
      </div>
      {retryError ? (
        <p role="alert" className="feedback feedback-error">
          {describeRetryError(retryError)}
        </p>
      ) : null}
      <OutboxTable
        events={events}
        loading={status === 'loading'}
        filter={filter}
        retrying={retrying}
        onRetry={retry}
      />
    </Panel>
  );
}

// The Retry log view, for support staff: every retry and give-up of an idempotent hub call, live,
// filtered by operation and outcome, with an Export CSV of all matching entries. The view picks
// the filter; the retry-log feed loads and updates the store, which the view only reads.
import { useEffect, useMemo, useState } from 'react';
import type { RetryOutcome } from '../../../src-shared/domain/retry';
import { useRetryLog, useRetryLogFeed } from '../../app-context';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { RETRY_LOG_LIMIT } from '../../stores/retry-log';
import type { RetryLogFilter } from '../../stores/retry-log';
import { RetryLogTable } from './RetryLogTable';
import { countText, describeRetryLogError, isRetryOutcome, operationOptions, OUTCOMES } from './retry-log-text';
import { useCsvExport } from './useCsvExport';
import type { CsvExportState } from './useCsvExport';

function exportText(state: CsvExportState): string {
  switch (state.kind) {
    case 'running':
      return 'Exporting…';
    case 'done':
      return `Exported ${state.rows} ${state.rows === 1 ? 'row' : 'rows'} to ${state.fileName}`;
    default:
      return '';
  }
}

export function RetryLogView() {
  const feed = useRetryLogFeed();
  const [op, setOp] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RetryOutcome | null>(null);
  const filter = useMemo<RetryLogFilter>(() => ({ op, outcome, limit: RETRY_LOG_LIMIT }), [op, outcome]);
  const entries = useRetryLog((state) => state.entries);
  const total = useRetryLog((state) => state.total);
  const status = useRetryLog((state) => state.status);
  const error = useRetryLog((state) => state.error);
  const csv = useCsvExport(filter);

  // Open the feed for this filter while the view shows it: a load, then live entries.
  useEffect(() => {
    feed.open(filter);
    return () => feed.close();
  }, [feed, filter]);

  const ops = operationOptions(entries, op);
  const loading = status === 'loading';
  const exporting = csv.state.kind === 'running';
  return (
    <main className="retry-log">
      <Panel title="Retry log" className="retry-log-panel" aside={<span className="muted">{countText(total, entries.length)}</span>}>
        <div className="retry-log-toolbar">
          <Field label="Operation">
            {(control) => (
              <select {...control} value={op ?? ''} onChange={(event) => setOp(event.target.value || null)}>
                <option value="">All</option>
                {ops.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Outcome">
            {(control) => (
              <select
                {...control}
                value={outcome ?? ''}
                onChange={(event) => setOutcome(isRetryOutcome(event.target.value) ? event.target.value : null)}
              >
                <option value="">All</option>
                {OUTCOMES.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="retry-log-export">
            <button type="button" className="btn" aria-busy={exporting || undefined} disabled={exporting} onClick={csv.run}>
              Export CSV
            </button>
            <span role="status" className="muted">
              {exportText(csv.state)}
            </span>
          </div>
        </div>
        {csv.state.kind === 'failed' ? (
          <p role="alert" className="feedback feedback-error">
            {csv.state.message}
          </p>
        ) : null}
        {status === 'error' && error ? (
          <div role="alert" className="feedback feedback-error">
            {describeRetryLogError(error, 'load')}{' '}
            <button type="button" className="btn btn-small" onClick={() => feed.open(filter)}>
              Try again
            </button>
          </div>
        ) : null}
        <RetryLogTable entries={entries} loading={loading} filtered={op !== null || outcome !== null} />
      </Panel>
    </main>
  );
}

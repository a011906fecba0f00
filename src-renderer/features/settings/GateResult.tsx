// The gate's last decision as a live status: the status word, what changed, each finding with its
// severity, and the reviewer's verdict and reasons; or why main gave no decision. A record shown
// here follows later events (a held change that someone confirms reads Confirmed).
import type { ChangeRecord } from '../../../src-shared/domain/settings';
import { useSettings } from '../../app-context';
import { formatMs } from '../../components/format';
import type { SettingsStoreState } from '../../stores/settings';
import { changeLines, changeStatusText, describeSettingsError, pendingText, rollbackText, statusNote } from './settings-text';

/** The outcome's record as the store knows it now (events may have updated it). */
function shownRecord(state: SettingsStoreState): ChangeRecord | null {
  const outcome = state.outcome;
  if (!outcome || !('record' in outcome)) return null;
  return state.records.find((record) => record.id === outcome.record.id) ?? outcome.record;
}

function RecordOutcome({ record }: { record: ChangeRecord }) {
  const rollback = rollbackText(record);
  const details = [`change #${record.id}`, rollback, record.confirmedBy ? `decided by ${record.confirmedBy}` : null].filter(Boolean).join(' · ');
  return (
    <>
      <p className={`gate-status gate-status-${record.status}`}>
        <strong>{changeStatusText(record.status)}</strong> <span className="muted">{details}</span>
      </p>
      <p className="gate-note">{statusNote(record.status)}</p>
      <ul className="gate-changes mono">
        {changeLines(record).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {record.findings.length > 0 ? (
        <ul className="gate-findings">
          {record.findings.map((finding, index) => (
            <li key={`${finding.rule}-${index}`} className={`finding finding-${finding.severity}`}>
              <span className="finding-severity">{finding.severity}</span>
              <span>
                {finding.source === 'reviewer' ? 'reviewer: ' : ''}
                {finding.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {record.reviewer ? (
        <p className="gate-reviewer">
          {`Reviewer ${record.reviewer.model}: `}
          <strong>{record.reviewer.verdict}</strong>
          {` (${formatMs(record.reviewer.latencyMs)})`}
          {record.reviewer.text ? <span className="gate-reviewer-text">{record.reviewer.text}</span> : null}
        </p>
      ) : null}
    </>
  );
}

export function GateResult() {
  const pending = useSettings((state) => state.pending);
  const outcome = useSettings((state) => state.outcome);
  const record = useSettings(shownRecord);
  return (
    <div role="status" aria-label="Gate result" aria-busy={pending ? true : undefined} className="gate-result">
      {pending ? (
        <p className="gate-pending">
          <span className="spinner" aria-hidden="true" /> {pendingText(pending.action, pending.id)}
        </p>
      ) : outcome === null ? (
        <p className="muted">No decision yet: propose a change, or confirm or roll back one from the history.</p>
      ) : 'error' in outcome ? (
        <p className="gate-error">{describeSettingsError(outcome.action, outcome.error)}</p>
      ) : record ? (
        <RecordOutcome record={record} />
      ) : null}
    </div>
  );
}

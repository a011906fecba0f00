// The change history, newest first: what each change was, who asked and why, what the gate and the
// reviewer said, who decided a held one; with Confirm / Reject for a held change and Roll back to
// for an applied one (an inline confirm asks for the rollback's reason first).
import { useId, useState } from 'react';
import type { ChangeRecord, ReviewableSettings } from '../../../src-shared/domain/settings';
import { Field } from '../../components/Field';
import { DASH, formatClock } from '../../components/format';
import { useSettings, useSettingsCommand } from '../../app-context';
import { authorName } from '../../stores/settings';
import type { PendingAction } from '../../stores/settings';
import { blockedText, changeLines, changeStatusText, findingText, rollbackText, rowAction, verdictText } from './settings-text';

interface RowProps {
  record: ChangeRecord;
  author: string | null;
  current: ReviewableSettings | null;
  pending: PendingAction | null;
  /** The id of the hint saying why the buttons are off; undefined when they are on. */
  blockedId: string | undefined;
  rollingBack: boolean;
  onRollingBack: (open: boolean) => void;
}

/** Opened by the user's click: the reason field takes focus so they can type at once. */
function RollbackConfirm({ record, disabled, blockedId, onClose }: { record: ChangeRecord; disabled: boolean; blockedId: string | undefined; onClose: () => void }) {
  const command = useSettingsCommand();
  const [reason, setReason] = useState('');
  const rollBack = () => {
    void command.rollback(record.id, reason).then((result) => {
      // Whatever the gate decided, it is in the Gate result; a failed call keeps this open to retry.
      if (result) onClose();
    });
  };
  return (
    <div className="rollback-confirm">
      <Field label="Rollback reason" hint={`Restores the settings as they were after #${record.id}`}>
        {(control) => <textarea {...control} rows={2} maxLength={2000} autoFocus value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <div className="row-actions">
        <button type="button" className="btn btn-small btn-confirm" disabled={disabled} aria-describedby={blockedId} onClick={rollBack}>
          Roll back
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}

function Actions({ record, author, current, pending, blockedId, rollingBack, onRollingBack }: RowProps) {
  const command = useSettingsCommand();
  const disabled = author === null || pending !== null;
  const busy = (action: PendingAction['action']) => (pending?.action === action && pending.id === record.id) || undefined;
  const kind = rowAction(record, author, current);
  switch (kind) {
    case 'decide':
    case 'withdraw': {
      // The author may only withdraw a held change: confirming it takes a second person.
      const own = kind === 'withdraw';
      return (
        <div className="row-actions">
          {own ? null : (
            <button type="button" className="btn btn-small btn-confirm" disabled={disabled} aria-busy={busy('confirm')} aria-describedby={blockedId} onClick={() => void command.confirm(record.id)}>
              {`Confirm #${record.id}`}
            </button>
          )}
          <button type="button" className="btn btn-small" disabled={disabled} aria-busy={busy('rejectHeld')} aria-describedby={blockedId} onClick={() => void command.rejectHeld(record.id)}>
            {`Reject #${record.id}`}
          </button>
          {own ? <span className="reason">yours: another person confirms it</span> : null}
        </div>
      );
    }
    case 'rollback':
      return rollingBack ? (
        <RollbackConfirm record={record} disabled={disabled} blockedId={blockedId} onClose={() => onRollingBack(false)} />
      ) : (
        <button type="button" className="btn btn-small" disabled={disabled} aria-describedby={blockedId} onClick={() => onRollingBack(true)}>
          {`Roll back to #${record.id}`}
        </button>
      );
    case 'in-force':
      return <span className="muted">in force</span>;
    case 'none':
      return null;
  }
}

function HistoryRow(props: RowProps) {
  const { record } = props;
  const rollback = rollbackText(record);
  return (
    <tr className={`change-row change-row-${record.status}`}>
      <th scope="row" className="num">
        {record.id}
      </th>
      <td>{formatClock(record.at)}</td>
      <td className="change-who">
        {record.author}
        {record.reason ? <span className="reason">{record.reason}</span> : null}
      </td>
      <td className="change-lines mono">
        {rollback ? <span className="change-rollback">{rollback}</span> : null}
        {changeLines(record).map((line) => (
          <span key={line} className="change-line">
            {line}
          </span>
        ))}
      </td>
      <td>
        <span className={`status change-status change-status-${record.status}`}>{changeStatusText(record.status)}</span>
      </td>
      <td className="change-findings">
        {record.findings.map((finding, index) => (
          <span key={`${finding.rule}-${index}`} className={`change-finding finding-${finding.severity}`}>
            {findingText(finding)}
          </span>
        ))}
      </td>
      <td className="change-reviewer">
        {verdictText(record.reviewer)}
        {record.reviewer?.text ? <span className="reason">{record.reviewer.text}</span> : null}
      </td>
      <td>{record.confirmedBy ? `${record.confirmedBy}${record.confirmedAt === null ? '' : ` at ${formatClock(record.confirmedAt)}`}` : DASH}</td>
      <td className="change-actions">
        <Actions {...props} />
      </td>
    </tr>
  );
}

export function ChangeHistoryTable({ loading }: { loading: boolean }) {
  const records = useSettings((state) => state.records);
  const author = useSettings(authorName);
  const current = useSettings((state) => state.current?.settings ?? null);
  const pending = useSettings((state) => state.pending);
  const [rollingBack, setRollingBack] = useState<number | null>(null);
  const hintId = useId();
  const blocked = blockedText(author);
  return (
    <>
      {blocked ? (
        <p id={hintId} className="field-hint settings-blocked">
          {blocked}
        </p>
      ) : null}
      <div className="table-scroll settings-history-scroll">
        <table aria-label="Change history" className="grid change-history">
          <thead>
            <tr>
              <th scope="col" className="num">
                #
              </th>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Changes</th>
              <th scope="col">Status</th>
              <th scope="col">Findings</th>
              <th scope="col">Reviewer</th>
              <th scope="col">Confirmed by</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {records.length === 0 ? (
              <tr>
                <td colSpan={9} className="empty">
                  {loading ? 'Loading…' : 'No changes yet.'}
                </td>
              </tr>
            ) : (
              records.map((record) => (
                <HistoryRow
                  key={record.id}
                  record={record}
                  author={author}
                  current={current}
                  pending={pending}
                  blockedId={blocked ? hintId : undefined}
                  rollingBack={rollingBack === record.id}
                  onRollingBack={(open) => setRollingBack(open ? record.id : null)}
                />
              ))
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

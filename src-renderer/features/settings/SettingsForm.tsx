// The "Change settings" form: each reviewable setting as in force (a touched field keeps what was
// typed and says what is in force), the retried operations, a reason, and Propose change, which
// sends only what differs. A refused proposal keeps the form as typed; any other clears it.
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { IDEMPOTENT_OPERATIONS } from '../../../src-shared/domain/retry';
import type { SettingsState } from '../../../src-shared/ipc/contract';
import { Field } from '../../components/Field';
import { useSettings, useSettingsCommand } from '../../app-context';
import { authorName } from '../../stores/settings';
import { blockedText, draftChanges, pendingRestartText, settingValueText, shownOps, shownText, TEXT_FIELDS, toggleOp, untouchedDraft } from './settings-text';
import type { SettingsDraft, TextFieldDef } from './settings-text';

export function SettingsForm({ current }: { current: SettingsState }) {
  const command = useSettingsCommand();
  const author = useSettings(authorName);
  const pending = useSettings((state) => state.pending);
  const [draft, setDraft] = useState<SettingsDraft>(untouchedDraft);
  const [reason, setReason] = useState('');
  const hintId = useId();
  const neverId = useId();
  const settings = current.settings;
  const { changes, errors } = draftChanges(settings, draft);
  const ops = shownOps(settings, draft);
  const blocked =
    blockedText(author) ??
    (Object.keys(errors).length > 0 ? 'Fix the marked fields first.' : Object.keys(changes).length === 0 ? 'Nothing to propose: every field is as in force.' : null);
  const restart = pendingRestartText(current.pendingRestart);

  const hint = (def: TextFieldDef): string =>
    def.field in changes ? `${def.hint} · in force: ${settingValueText(def.field, settings[def.field])}` : def.hint;

  const reset = () => {
    setDraft(untouchedDraft);
    setReason('');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blocked !== null || pending) return;
    void command.propose(changes, reason).then((record) => {
      // Applied or held: the change is recorded, so the form goes back to the settings in force.
      if (record && record.status !== 'refused') reset();
    });
  };

  return (
    <form role="form" aria-label="Change settings" className="settings-form" onSubmit={submit} noValidate>
      <div className="settings-fields">
        {TEXT_FIELDS.map((def) => (
          <Field key={def.field} label={def.label} hint={hint(def)} error={errors[def.field]}>
            {(control) => (
              <input
                {...control}
                className={def.field in changes ? 'settings-changed' : undefined}
                type={def.field === 'hubAddress' ? 'text' : 'number'}
                inputMode={def.field === 'hubAddress' ? undefined : 'numeric'}
                min={def.field === 'hubAddress' ? undefined : 0}
                step={def.field === 'hubAddress' ? undefined : 1}
                placeholder={def.field === 'hubAddress' ? 'embedded hub' : def.field === 'requestTimeoutMs' ? 'follow the hub' : undefined}
                value={shownText(settings, draft, def.field)}
                onChange={(event) => setDraft({ ...draft, [def.field]: event.target.value })}
              />
            )}
          </Field>
        ))}
      </div>
      <fieldset className={'retryOps' in changes ? 'settings-ops settings-changed' : 'settings-ops'}>
        <legend>Retried operations</legend>
        {IDEMPOTENT_OPERATIONS.map((op) => (
          <label key={op} className="settings-op">
            <input type="checkbox" checked={ops.includes(op)} onChange={(event) => setDraft({ ...draft, retryOps: toggleOp(ops, op, event.target.checked) })} />
            {op}
          </label>
        ))}
        <label className="settings-op settings-op-never">
          <input type="checkbox" checked={false} disabled aria-describedby={neverId} />
          placeOrder
          <span id={neverId} className="muted">
            never retried
          </span>
        </label>
        {'retryOps' in changes ? <p className="field-hint settings-ops-hint">{`in force: ${settingValueText('retryOps', settings.retryOps)}`}</p> : null}
      </fieldset>
      <Field label="Reason" hint="Why; turning the duplicate check off needs at least 10 characters">
        {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />}
      </Field>
      <div className="settings-actions">
        <button
          type="submit"
          className="btn btn-propose"
          disabled={blocked !== null || pending !== null}
          aria-busy={pending?.action === 'propose' || undefined}
          aria-describedby={blocked ? hintId : undefined}
        >
          Propose change
        </button>
        <button type="button" className="btn" disabled={draft === untouchedDraft && reason === ''} onClick={reset}>
          Reset form
        </button>
        {blocked ? (
          <p id={hintId} className="field-hint">
            {blocked}
          </p>
        ) : null}
      </div>
      <p className="settings-restart muted">{restart ?? 'Nothing waits for a restart.'}</p>
    </form>
  );
}

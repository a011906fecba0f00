// The "Notion connection" form and the status line: base URL, database id and (desktop app only)
// the token, checked here with the contract's schemas and then by main. A blank token keeps the
// one in force; the token typed is cleared once saved and never kept in a store.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { useNotionCommand, useOutbox } from '../../app-context';
import type { ConnectionDraft, ConnectionField } from './notion-text';
import { checkDraft, checkErrorLines, configureErrorLines, connectionText, draftFromStatus, lastErrorText, refusedFields, tokenSourceText } from './notion-text';

const TOKEN_NOTE =
  'Leave blank to keep the token in force. The desktop app stores it encrypted with the OS keychain; the console served to a browser takes it from NOTION_TOKEN only.';

export function NotionConnectionForm() {
  const command = useNotionCommand();
  const notion = useOutbox((state) => state.notion);
  const saving = useOutbox((state) => state.saving);
  const refused = useOutbox((state) => state.configureError);
  // null: the form shows the connection in force.
  const [draft, setDraft] = useState<ConnectionDraft | null>(null);
  const [checked, setChecked] = useState<Partial<Record<ConnectionField, string>>>({});
  const shown = draft ?? draftFromStatus(notion);
  const errors = { ...refusedFields(refused), ...checked };
  const alertLines = Object.keys(checked).length > 0 ? checkErrorLines(checked) : refused ? configureErrorLines(refused) : [];
  const fromEnv = notion?.tokenSource === 'env';
  const lastError = notion ? lastErrorText(notion) : null;

  const edit = (field: ConnectionField, value: string) => setDraft({ ...shown, [field]: value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const check = checkDraft(shown);
    if (!check.ok) {
      setChecked(check.errors);
      return;
    }
    setChecked({});
    void command.configure(check.input).then((saved) => {
      if (saved) setDraft(null);
    });
  };

  return (
    <Panel title="Connection" className="notion-connection">
      <p className={notion?.configured ? 'notion-status notion-configured' : 'notion-status'}>
        {notion ? connectionText(notion) : 'Loading the connection…'}
      </p>
      {lastError ? <p className="notion-last-error">{lastError}</p> : null}
      <form role="form" aria-label="Notion connection" className="notion-form" onSubmit={submit} noValidate>
        <Field label="Base URL" hint="Blank: Notion's own API" error={errors.baseUrl}>
          {(control) => (
            <input
              {...control}
              type="url"
              placeholder="https://api.notion.com"
              autoComplete="off"
              spellCheck={false}
              value={shown.baseUrl}
              onChange={(event) => edit('baseUrl', event.target.value)}
            />
          )}
        </Field>
        <Field label="Database id" hint="32 hex digits, from the database's link" error={errors.databaseId}>
          {(control) => (
            <input {...control} type="text" autoComplete="off" spellCheck={false} value={shown.databaseId} onChange={(event) => edit('databaseId', event.target.value)} />
          )}
        </Field>
        <Field label="Token" hint={fromEnv ? `In force: ${tokenSourceText('env')}. ${TOKEN_NOTE}` : TOKEN_NOTE} error={errors.token}>
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="off"
              placeholder={fromEnv ? tokenSourceText('env') : undefined}
              value={shown.token}
              onChange={(event) => edit('token', event.target.value)}
            />
          )}
        </Field>
        <div className="notion-form-actions">
          <button type="submit" className="btn btn-notion-save" disabled={saving} aria-busy={saving || undefined}>
            Save connection
          </button>
          {draft !== null ? (
            <button
              type="button"
              className="btn"
              disabled={saving}
              onClick={() => {
                setDraft(null);
                setChecked({});
              }}
            >
              Reset form
            </button>
          ) : null}
        </div>
        {alertLines.length > 0 ? (
          <div role="alert" className="feedback feedback-error">
            {alertLines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </div>
        ) : null}
      </form>
    </Panel>
  );
}

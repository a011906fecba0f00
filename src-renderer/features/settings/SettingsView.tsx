// The Settings view, for the desk's leads: who is acting, the reviewable settings in force and a
// form to change them through the gate, the gate's last decision, and the change history with its
// confirmations and rollbacks. The feed keeps the store live; the view only reads it and asks.
import { Panel } from '../../components/Panel';
import { AccessPanel } from '../access/AccessPanel';
import { useSettings } from '../../app-context';
import { AuthorField } from './AuthorField';
import { ChangeHistoryTable } from './ChangeHistoryTable';
import { GateResult } from './GateResult';
import { SettingsForm } from './SettingsForm';
import { describeLoadError, reviewerLine } from './settings-text';

export function SettingsView() {
  const current = useSettings((state) => state.current);
  const status = useSettings((state) => state.status);
  const error = useSettings((state) => state.error);
  return (
    <main className="settings">
      <section aria-label="Settings" className="settings-section">
        <header className="settings-header">
          <AuthorField />
          <p className="settings-reviewer">{current ? reviewerLine(current.reviewer) : 'Reviewer: loading…'}</p>
        </header>
        {status === 'error' && error ? (
          <p role="alert" className="feedback feedback-error">
            {describeLoadError(error)}
          </p>
        ) : null}
        <div className="settings-top">
          <Panel title="Settings in force" className="settings-panel">
            {current ? <SettingsForm current={current} /> : <p className="settings-empty">Loading…</p>}
          </Panel>
          <Panel title="Gate result" className="settings-panel">
            <GateResult />
          </Panel>
        </div>
        <Panel title="Change history" className="settings-panel">
          <ChangeHistoryTable loading={status === 'loading'} />
        </Panel>
        <AccessPanel />
      </section>
    </main>
  );
}

// The Alerts view, for support staff: what is firing and what fired, then the rules and their
// thresholds. The feed keeps the alerts live whatever view is open; this view only reads them.
import { Panel } from '../../components/Panel';
import { useAlerts } from '../../app-context';
import { AlertHistoryTable } from './AlertHistoryTable';
import { AlertRulesTable } from './AlertRulesTable';
import { describeAlertsError, firingBadgeText } from './alerts-text';

export function AlertsView() {
  const events = useAlerts((state) => state.events);
  const firing = useAlerts((state) => state.firing);
  const status = useAlerts((state) => state.status);
  const error = useAlerts((state) => state.error);
  return (
    <main className="alerts">
      <section aria-label="Alerts" className="alerts-section">
        <Panel
          title="Alert history"
          className="alerts-panel"
          aside={<span className={firing > 0 ? 'alerts-firing-count' : 'muted'}>{firingBadgeText(firing) ?? 'none firing'}</span>}
        >
          {status === 'error' && error ? (
            <p role="alert" className="feedback feedback-error">
              {describeAlertsError(error)}
            </p>
          ) : null}
          <AlertHistoryTable events={events} loading={status === 'loading'} />
        </Panel>
        <Panel title="Rules" className="alerts-panel">
          <AlertRulesTable />
        </Panel>
      </section>
    </main>
  );
}

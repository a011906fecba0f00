// The console's frame: a top bar with the app name, who is signed in, the hub connection and the
// account; the hub refusal when there is one; the view switch (the views this role may use) and the
// deadlines in force; then the chosen view.
import { useState } from 'react';
import type { ComponentType } from 'react';
import { roleAllows } from '../src-shared/ipc/access';
import type { Role } from '../src-shared/ipc/access';
import { useRole } from './app-context';
import { RoleBadge } from './features/access/RoleBadge';
import { AlertsBadge } from './features/alerts/AlertsBadge';
import { AlertsView } from './features/alerts/AlertsView';
import { AuditView } from './features/audit/AuditView';
import { ChecksView } from './features/checks/ChecksView';
import { Deadlines } from './features/connection/Deadlines';
import { ConnectionStatus } from './features/connection/ConnectionStatus';
import { DialectNotice } from './features/connection/DialectNotice';
import { HubRefusal } from './features/connection/HubRefusal';
import { HealthView } from './features/health/HealthView';
import { NotionView } from './features/notion/NotionView';
import { ReportsView } from './features/reports/ReportsView';
import { RetryLogView } from './features/retry-log/RetryLogView';
import { SettingsView } from './features/settings/SettingsView';
import { AccountSummary } from './features/trade/AccountSummary';
import { TradeView } from './features/trade/TradeView';

type View = 'trade' | 'retry-log' | 'checks' | 'health' | 'alerts' | 'reports' | 'settings' | 'notion' | 'audit';

/**
 * The views besides Trade are mounted only while shown (the Health view's refresh stops with it).
 * `access`: the least role that sees the view; main refuses the calls of the others anyway.
 */
const VIEWS: readonly { view: View; label: string; access: Role; Component: ComponentType | null }[] = [
  { view: 'trade', label: 'Trade', access: 'trader', Component: null },
  { view: 'retry-log', label: 'Retry log', access: 'viewer', Component: RetryLogView },
  { view: 'checks', label: 'Duplicate checks', access: 'viewer', Component: ChecksView },
  { view: 'health', label: 'Health', access: 'viewer', Component: HealthView },
  { view: 'alerts', label: 'Alerts', access: 'viewer', Component: AlertsView },
  { view: 'reports', label: 'Reports', access: 'viewer', Component: ReportsView },
  { view: 'settings', label: 'Settings', access: 'trader', Component: SettingsView },
  { view: 'notion', label: 'Notion', access: 'trader', Component: NotionView },
  { view: 'audit', label: 'Audit', access: 'trader', Component: AuditView },
];

export function App() {
  const role = useRole();
  const [chosen, setView] = useState<View>('trade');
  const views = VIEWS.filter((item) => roleAllows(role, item.access));
  // A viewer starts on Health; anyone whose chosen view is not theirs sees their first one.
  const view = views.some((item) => item.view === chosen) ? chosen : (views.find((item) => item.view === 'health') ?? views[0])?.view;
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">hubdesk</h1>
        <RoleBadge />
        <ConnectionStatus />
        {roleAllows(role, 'trader') ? <AccountSummary /> : null}
      </header>
      <HubRefusal />
      <DialectNotice />
      <div className="subbar">
        <nav aria-label="Views" className="views">
          {views.map((item) => (
            <button
              key={item.view}
              type="button"
              className="view-button"
              aria-current={view === item.view ? 'page' : undefined}
              onClick={() => setView(item.view)}
            >
              {item.label}
              {item.view === 'alerts' ? <AlertsBadge /> : null}
            </button>
          ))}
        </nav>
        <Deadlines />
      </div>
      {/* Hidden, not unmounted: a half-filled ticket survives a look at another view. */}
      {roleAllows(role, 'trader') ? (
        <div className="view" hidden={view !== 'trade'}>
          <TradeView />
        </div>
      ) : null}
      {views.map(({ view: name, Component }) =>
        Component && view === name ? (
          <div key={name} className="view">
            <Component />
          </div>
        ) : null,
      )}
    </div>
  );
}

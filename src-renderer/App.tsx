// The console's frame: a top bar with the app name, the hub connection and the account; the hub
// refusal when there is one; the view switch and the deadlines in force; then the chosen view.
import { useState } from 'react';
import type { ComponentType } from 'react';
import { AlertsBadge } from './features/alerts/AlertsBadge';
import { AlertsView } from './features/alerts/AlertsView';
import { ChecksView } from './features/checks/ChecksView';
import { Deadlines } from './features/connection/Deadlines';
import { ConnectionStatus } from './features/connection/ConnectionStatus';
import { HubRefusal } from './features/connection/HubRefusal';
import { HealthView } from './features/health/HealthView';
import { NotionView } from './features/notion/NotionView';
import { ReportsView } from './features/reports/ReportsView';
import { RetryLogView } from './features/retry-log/RetryLogView';
import { SettingsView } from './features/settings/SettingsView';
import { AccountSummary } from './features/trade/AccountSummary';
import { TradeView } from './features/trade/TradeView';

type View = 'trade' | 'retry-log' | 'checks' | 'health' | 'alerts' | 'reports' | 'settings' | 'notion';

/** The views besides Trade are mounted only while shown (the Health view's refresh stops with it). */
const VIEWS: readonly { view: View; label: string; Component: ComponentType | null }[] = [
  { view: 'trade', label: 'Trade', Component: null },
  { view: 'retry-log', label: 'Retry log', Component: RetryLogView },
  { view: 'checks', label: 'Duplicate checks', Component: ChecksView },
  { view: 'health', label: 'Health', Component: HealthView },
  { view: 'alerts', label: 'Alerts', Component: AlertsView },
  { view: 'reports', label: 'Reports', Component: ReportsView },
  { view: 'settings', label: 'Settings', Component: SettingsView },
  { view: 'notion', label: 'Notion', Component: NotionView },
];

export function App() {
  const [view, setView] = useState<View>('trade');
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">hubdesk</h1>
        <ConnectionStatus />
        <AccountSummary />
      </header>
      <HubRefusal />
      <div className="subbar">
        <nav aria-label="Views" className="views">
          {VIEWS.map((item) => (
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
      <div className="view" hidden={view !== 'trade'}>
        <TradeView />
      </div>
      {VIEWS.map(({ view: name, Component }) =>
        Component && view === name ? (
          <div key={name} className="view">
            <Component />
          </div>
        ) : null,
      )}
    </div>
  );
}

// The console's frame: a top bar with the app name, the hub connection and the account; the hub
// refusal when there is one; the view switch and the deadlines in force; then the chosen view.
import { useState } from 'react';
import { ChecksView } from './features/checks/ChecksView';
import { Deadlines } from './features/connection/Deadlines';
import { ConnectionStatus } from './features/connection/ConnectionStatus';
import { HubRefusal } from './features/connection/HubRefusal';
import { RetryLogView } from './features/retry-log/RetryLogView';
import { AccountSummary } from './features/trade/AccountSummary';
import { TradeView } from './features/trade/TradeView';

type View = 'trade' | 'retry-log' | 'checks';

const VIEWS: readonly { view: View; label: string }[] = [
  { view: 'trade', label: 'Trade' },
  { view: 'retry-log', label: 'Retry log' },
  { view: 'checks', label: 'Duplicate checks' },
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
            </button>
          ))}
        </nav>
        <Deadlines />
      </div>
      {/* Hidden, not unmounted: a half-filled ticket survives a look at another view. */}
      <div className="view" hidden={view !== 'trade'}>
        <TradeView />
      </div>
      {view === 'retry-log' ? (
        <div className="view">
          <RetryLogView />
        </div>
      ) : null}
      {view === 'checks' ? (
        <div className="view">
          <ChecksView />
        </div>
      ) : null}
    </div>
  );
}

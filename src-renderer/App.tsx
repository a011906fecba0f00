// The console's frame: a top bar with the app name, the hub connection and the account, over the
// Trade view. Data comes from the stores through app-context; this file only lays things out.
import { AccountSummary } from './features/trade/AccountSummary';
import { ConnectionStatus } from './features/trade/ConnectionStatus';
import { TradeView } from './features/trade/TradeView';

export function App() {
  return (
    <div className="app">
      <header className="topbar">
        <h1 className="brand">hubdesk</h1>
        <ConnectionStatus />
        <AccountSummary />
      </header>
      <TradeView />
    </div>
  );
}

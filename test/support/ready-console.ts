// A console started for a test and ready to trade: connected, start-up reconciliation done and the
// hub's symbols loaded, so the first order a test places is not refused for a reason it is not about.
import pino from 'pino';
import type { ConsoleConfig } from '../../src-main/app/config';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { waitFor } from './wait';

/** `track` receives the app before any wait, so the caller disposes it even when a wait fails. */
export async function startReadyConsole(config: ConsoleConfig, track: (app: ConsoleApp) => void): Promise<ConsoleApp> {
  const app = await startConsoleApp(config, pino({ level: 'silent' }));
  track(app);
  await waitFor(() => (app.hub.connection.state === 'up' && !app.reconciler.reconciling) || undefined, 'connected and reconciled', 15_000);
  await waitFor(async () => {
    const snapshot = await app.local.invoke('session:snapshot', {});
    return snapshot.ok && (snapshot.result as { symbols: unknown[] }).symbols.length > 0;
  }, 'symbols');
  return app;
}

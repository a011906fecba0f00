// Shared set-up of the fuzz tests (test/main/fuzz-*.test.ts): a real console with its embedded
// simulated hub over real ZeroMQ, and a read-only view of its ledger file, so a test can check
// what was recorded without going through the code it is fuzzing.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import type { SymbolSpec } from '../../src-shared/domain/market';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { testConfig } from './console-config';
import { waitFor } from './wait';

export interface FuzzConsole {
  app: ConsoleApp;
  dataDir: string;
  /** The sim's symbols, as the console lists them in session:snapshot. */
  specs: SymbolSpec[];
  ledger: LedgerView;
  dispose(): Promise<void>;
}

/** A console on a fresh data dir, connected and with its symbols loaded; the hold window off. */
export async function startFuzzConsole(): Promise<FuzzConsole> {
  const config = testConfig({ duplicateWindowMs: 0 });
  const app = await startConsoleApp(config, pino({ level: 'silent' }));
  try {
    await waitFor(() => app.hub.connection.state === 'up', 'the console to connect');
    const specs = await waitFor(async () => {
      const snapshot = await app.local.invoke('session:snapshot', {});
      if (!snapshot.ok) return undefined;
      const { symbols, quotes } = snapshot.result as { symbols: SymbolSpec[]; quotes: Array<{ symbol: string }> };
      const quoted = new Set(quotes.map((quote) => quote.symbol));
      return symbols.length > 0 && symbols.every((spec) => quoted.has(spec.symbol)) ? symbols : undefined;
    }, 'symbols and their quotes to load');
    await waitFor(async () => {
      const summary = await app.local.invoke('checks:summary', {});
      return summary.ok && !(summary.result as { reconciling: boolean }).reconciling;
    }, 'start-up reconciliation');
    const ledger = new LedgerView(join(config.dataDir, 'ledger.sqlite'));
    return {
      app,
      dataDir: config.dataDir,
      specs,
      ledger,
      dispose: async () => {
        ledger.close();
        await app.dispose();
      },
    };
  } catch (error) {
    await app.dispose();
    throw error;
  }
}

export async function newTicketId(app: ConsoleApp): Promise<string> {
  const reply = await app.local.invoke('tickets:create', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { clientOrderId: string }).clientOrderId;
}

export async function ordersInView(app: ConsoleApp): Promise<ConsoleOrder[]> {
  const snapshot = await app.local.invoke('session:snapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  return (snapshot.result as { orders: { orders: ConsoleOrder[] } }).orders.orders;
}

/** The ledger file as another reader sees it: committed rows only. */
export class LedgerView {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file, { readonly: true, fileMustExist: true });
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
  }

  ids(): string[] {
    return (this.db.prepare('SELECT client_order_id AS id FROM orders').all() as Array<{ id: string }>).map((row) => row.id);
  }

  /** Each order's audit trail as `type:status` lines, oldest first. */
  histories(): Map<string, string[]> {
    const rows = this.db.prepare('SELECT client_order_id AS id, type, status FROM events ORDER BY seq').all() as Array<{ id: string; type: string; status: string }>;
    const byId = new Map<string, string[]>();
    for (const row of rows) byId.set(row.id, [...(byId.get(row.id) ?? []), `${row.type}:${row.status}`]);
    return byId;
  }

  close(): void {
    this.db.close();
  }
}

// The simulated hub's state file (better-sqlite3, WAL): hubId, epoch, orders, positions, balance
// and the order counter. One transaction per change; no engine logic, no sockets.
import Database from 'better-sqlite3';
import { z } from 'zod';
import { HubOrder } from '../../../src-shared/domain/order';
import { Side } from '../../../src-shared/domain/account';
import type { PositionState } from './book';
import { START_BALANCE_CENTS, type EngineChanges, type EngineSnapshot } from './engine';

export interface StoredHub {
  readonly hubId: string;
  readonly epoch: number;
  readonly snapshot: EngineSnapshot;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE IF NOT EXISTS orders (order_id TEXT PRIMARY KEY, client_order_id TEXT NOT NULL, body TEXT NOT NULL);
  CREATE INDEX IF NOT EXISTS orders_by_client_id ON orders (client_order_id);
  CREATE TABLE IF NOT EXISTS positions (
    symbol TEXT PRIMARY KEY, side TEXT NOT NULL, steps INTEGER NOT NULL, avg_points REAL NOT NULL
  );
`;

const LOCK_WAIT_MS = 1000;

const PositionRow = z.object({ symbol: z.string(), side: Side, steps: z.number().int().positive(), avg_points: z.number().positive() });
const MetaRow = z.object({ key: z.string(), value: z.string() });
const BodyRow = z.object({ body: z.string() });

interface Statements {
  readonly upsertOrder: Database.Statement;
  readonly upsertPosition: Database.Statement;
  readonly deletePosition: Database.Statement;
  readonly setMeta: Database.Statement;
}

export class StateStore {
  private db: Database.Database | undefined;
  private statements: Statements | undefined;

  constructor(private readonly path: string) {}

  /** Opens (or creates) the file, bumps and persists the epoch, and returns what it holds. */
  start(newHubId: () => string): StoredHub {
    const db = new Database(this.path, { timeout: LOCK_WAIT_MS });
    this.db = db;
    // One hub per file: the exclusive lock taken by the first write below is held until close
    // (the OS releases it if the process is killed), so a second hub on the same file fails fast.
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      db.exec(SCHEMA);
    } catch (error) {
      const busy = (error as { code?: unknown }).code === 'SQLITE_BUSY';
      if (busy) throw new Error(`state file ${this.path} is in use by another hub`, { cause: error });
      throw error;
    }
    const meta = new Map(db.prepare('SELECT key, value FROM meta').all().map((row) => {
      const { key, value } = MetaRow.parse(row);
      return [key, value] as const;
    }));
    const hubId = meta.get('hubId') ?? newHubId();
    const epoch = Number(meta.get('epoch') ?? '0') + 1;
    const balanceCents = Number(meta.get('balanceCents') ?? String(START_BALANCE_CENTS));
    const nextOrderSeq = Number(meta.get('nextOrderSeq') ?? '1');
    if (!Number.isSafeInteger(epoch) || !Number.isSafeInteger(balanceCents) || !Number.isSafeInteger(nextOrderSeq)) {
      throw new Error(`state file ${this.path} has corrupt meta values`);
    }
    const statements = prepare(db);
    this.statements = statements;
    const { setMeta } = statements;
    db.transaction(() => {
      setMeta.run('hubId', hubId);
      setMeta.run('epoch', String(epoch));
    })();
    const orders = db.prepare('SELECT body FROM orders ORDER BY rowid').all().map((row) => {
      return HubOrder.parse(JSON.parse(BodyRow.parse(row).body));
    });
    const positions: PositionState[] = db.prepare('SELECT symbol, side, steps, avg_points FROM positions').all().map((row) => {
      const p = PositionRow.parse(row);
      return { symbol: p.symbol, side: p.side, steps: p.steps, avgPoints: p.avg_points };
    });
    return { hubId, epoch, snapshot: { orders, positions, balanceCents, nextOrderSeq } };
  }

  /** Writes one engine change set atomically; the caller replies only after this returns. */
  apply(changes: EngineChanges): void {
    const db = this.db;
    const statements = this.statements;
    if (!db || !statements) throw new Error('state store is not started');
    const { upsertOrder, upsertPosition, deletePosition, setMeta } = statements;
    db.transaction(() => {
      for (const order of changes.orders) upsertOrder.run(order.orderId, order.clientOrderId, JSON.stringify(order));
      for (const { symbol, position } of changes.positions) {
        if (position) upsertPosition.run(symbol, position.side, position.steps, position.avgPoints);
        else deletePosition.run(symbol);
      }
      setMeta.run('balanceCents', String(changes.balanceCents));
      setMeta.run('nextOrderSeq', String(changes.nextOrderSeq));
    })();
  }

  dispose(): void {
    this.db?.close();
    this.db = undefined;
    this.statements = undefined;
  }
}

function prepare(db: Database.Database): Statements {
  return {
    upsertOrder: db.prepare(
      'INSERT INTO orders (order_id, client_order_id, body) VALUES (?, ?, ?) ON CONFLICT(order_id) DO UPDATE SET body = excluded.body',
    ),
    upsertPosition: db.prepare(
      `INSERT INTO positions (symbol, side, steps, avg_points) VALUES (?, ?, ?, ?)
       ON CONFLICT(symbol) DO UPDATE SET side = excluded.side, steps = excluded.steps, avg_points = excluded.avg_points`,
    ),
    deletePosition: db.prepare('DELETE FROM positions WHERE symbol = ?'),
    setMeta: db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
  };
}

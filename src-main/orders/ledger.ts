// The order ledger in the data dir (SQLite, WAL): an order's intent is committed before the first
// byte goes to the hub, every state change is appended as an event (the order's history), and the
// current state is the projection of those events, written in the same transaction. Writes made in
// one event-loop turn share one commit (group commit); `committed()` waits for it. The audit trail
// (audit-log.ts) is a table here too, written through the same commit.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConsoleOrder } from '../../src-shared/domain/order';
import { AuditLog } from './audit-log';

export interface LedgerEvent {
  seq: number;
  clientOrderId: string;
  at: number;
  type: string;
  status: string;
  detail: string | null;
}

/** Counters the duplicate checks report; kept with the orders so they survive restarts too. */
export type LedgerCounter = 'holds' | 'holdsConfirmed' | 'holdsDropped' | 'repeatSubmissionsStopped' | 'duplicatesAbsorbedByHub' | 'reconciled' | 'ordersSent';

export interface LedgerRecord {
  order: ConsoleOrder;
  /** When placeOrder was (last) handed to the socket, or null if it never was. */
  sentAt: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS orders (
  client_order_id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  sent_at INTEGER,
  updated_at INTEGER NOT NULL,
  data TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  client_order_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  status TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX IF NOT EXISTS events_order ON events(client_order_id, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
`;

export class OrderLedger {
  private readonly db: Database.Database;
  private readonly statements;
  /** Who did what, in this same file and commit. */
  readonly audit: AuditLog;
  private queue: Array<() => void> = [];
  private waiters: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  /** `onWriteError` hears of every write that failed: it must be logged, never swallowed. */
  constructor(
    dataDir: string,
    private readonly onWriteError: (error: unknown) => void,
  ) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'ledger.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL: a commit survives the process being killed (SIGKILL); FULL would also survive power loss.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      insert: this.db.prepare('INSERT OR IGNORE INTO orders (client_order_id, status, sent_at, updated_at, data) VALUES (?, ?, ?, ?, ?)'),
      update: this.db.prepare('UPDATE orders SET status = ?, sent_at = COALESCE(?, sent_at), updated_at = ?, data = ? WHERE client_order_id = ?'),
      event: this.db.prepare('INSERT INTO events (client_order_id, at, type, status, detail) VALUES (?, ?, ?, ?, ?)'),
      bump: this.db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = value + excluded.value'),
    };
    this.audit = new AuditLog(this.db, { defer: (write) => this.enqueue(write), flush: () => this.flush(), onError: onWriteError });
  }

  /** Records a new order; false (and nothing written) when its clientOrderId is already used. */
  insert(order: ConsoleOrder, type: string, sentAt: number | null = null): boolean {
    // Writes queued earlier (the audit row of the attempt that holds this order) commit first.
    this.flush();
    return this.db.transaction(() => {
      const { changes } = this.statements.insert.run(order.clientOrderId, order.status, sentAt, order.updatedAt, JSON.stringify(order));
      if (changes === 0) return false;
      this.statements.event.run(order.clientOrderId, order.updatedAt, type, order.status, null);
      return true;
    })();
  }

  /**
   * Records a new order and its first send in the next group commit. The caller has checked the id
   * is unused (the order book); await committed() before anything goes to the hub.
   */
  insertSent(pending: ConsoleOrder, sent: ConsoleOrder, sentAt: number): void {
    this.enqueue(() => {
      const { changes } = this.statements.insert.run(sent.clientOrderId, sent.status, sentAt, sent.updatedAt, JSON.stringify(sent));
      if (changes === 0) throw new Error(`clientOrderId ${sent.clientOrderId} is already in the ledger (another process?)`);
      this.statements.event.run(pending.clientOrderId, pending.updatedAt, 'recorded', pending.status, null);
      this.statements.event.run(sent.clientOrderId, sent.updatedAt, 'sent', sent.status, null);
      this.statements.bump.run('ordersSent', 1);
    });
  }

  /** Appends a state change and updates the projection, in one transaction. */
  update(order: ConsoleOrder, type: string, options: { sentAt?: number; detail?: string; bump?: LedgerCounter } = {}): void {
    const data = JSON.stringify(order);
    this.enqueue(() => {
      this.statements.update.run(order.status, options.sentAt ?? null, order.updatedAt, data, order.clientOrderId);
      this.statements.event.run(order.clientOrderId, order.updatedAt, type, order.status, options.detail ?? null);
      if (options.bump) this.statements.bump.run(options.bump, 1);
    });
  }

  bump(counter: LedgerCounter, by = 1): void {
    this.enqueue(() => this.statements.bump.run(counter, by));
  }

  /** Resolves once every write made so far is committed; rejects if that commit failed. */
  committed(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /**
   * Commits every queued write in one transaction (normally at the end of the event-loop turn). Each
   * write runs in its own savepoint, so one bad write fails alone (loudly) and the rest commit.
   */
  flush(): void {
    const writes = this.queue;
    const waiters = this.waiters;
    this.queue = [];
    this.waiters = [];
    if (writes.length === 0 && waiters.length === 0) return;
    if (!this.db.open) {
      const closed = new Error('the order ledger is closed');
      for (const waiter of waiters) waiter.reject(closed);
      this.onWriteError(closed);
      return;
    }
    try {
      this.db.transaction(() => {
        for (const write of writes) {
          try {
            this.db.transaction(write)();
          } catch (error) {
            this.onWriteError(error);
          }
        }
      })();
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      this.onWriteError(error);
      for (const waiter of waiters) waiter.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private enqueue(write: () => void): void {
    this.queue.push(write);
    if (this.queue.length === 1) setImmediate(() => this.flush());
  }

  counters(): Record<LedgerCounter, number> {
    this.flush();
    const rows = this.db.prepare('SELECT name, value FROM counters').all() as Array<{ name: LedgerCounter; value: number }>;
    const counters = { holds: 0, holdsConfirmed: 0, holdsDropped: 0, repeatSubmissionsStopped: 0, duplicatesAbsorbedByHub: 0, reconciled: 0, ordersSent: 0 };
    for (const row of rows) counters[row.name] = row.value;
    return counters;
  }

  /** Every order with when it was sent, oldest first. Rows that fail validation are skipped and counted. */
  load(): { records: LedgerRecord[]; invalid: number; invalidIds: string[] } {
    this.flush();
    const rows = this.db.prepare('SELECT client_order_id, sent_at, data FROM orders ORDER BY rowid').all() as Array<{ client_order_id: string; sent_at: number | null; data: string }>;
    const records: LedgerRecord[] = [];
    const invalidIds: string[] = [];
    for (const row of rows) {
      let data: unknown;
      try {
        data = JSON.parse(row.data);
      } catch {
        data = undefined;
      }
      const parsed = ConsoleOrder.safeParse(data);
      if (parsed.success) records.push({ order: parsed.data, sentAt: row.sent_at });
      else invalidIds.push(row.client_order_id);
    }
    return { records, invalid: invalidIds.length, invalidIds };
  }

  events(clientOrderId: string): LedgerEvent[] {
    this.flush();
    return (
      this.db.prepare('SELECT seq, client_order_id, at, type, status, detail FROM events WHERE client_order_id = ? ORDER BY seq').all(clientOrderId) as Array<{
        seq: number;
        client_order_id: string;
        at: number;
        type: string;
        status: string;
        detail: string | null;
      }>
    ).map((row) => ({ seq: row.seq, clientOrderId: row.client_order_id, at: row.at, type: row.type, status: row.status, detail: row.detail }));
  }

  close(): void {
    this.flush();
    if (this.db.open) this.db.close();
  }
}

// The outbox in the data dir (outbox.sqlite, WAL, synchronous FULL): every event is committed before
// any push of it, and so is the start of every attempt, so neither SIGKILL nor power loss loses an
// event or forgets that a create may be in flight. Owns the table and the figures; never talks to Notion.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  OutboxEventInput,
  OutboxFilter,
  type OutboxEvent,
  type OutboxKind,
  type OutboxStatus,
  type PushFigures,
} from '../../../src-shared/domain/outbox';

/** A refused enqueue: the message names each bad field; nothing was stored. */
export class OutboxInputError extends Error {
  override name = 'OutboxInputError';
}

/** How one attempt ended, as the outbox records it. */
export type AttemptRecord =
  | { kind: 'pushed'; pageId: string; foundByQuery: boolean }
  | { kind: 'failed'; message: string; uncertain: boolean }
  | { kind: 'parked'; message: string; uncertain: boolean };

interface Row {
  seq: number;
  id: string;
  kind: OutboxKind;
  title: string;
  body: string;
  created_at: number;
  enqueued_at: number;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  last_attempt_at: number | null;
  page_id: string | null;
  pushed_at: number | null;
  uncertain: number;
  in_flight: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  enqueued_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  last_attempt_at INTEGER,
  page_id TEXT,
  pushed_at INTEGER,
  uncertain INTEGER NOT NULL DEFAULT 0,
  in_flight INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS events_status_seq ON events(status, seq);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT OR IGNORE INTO counters (name, value) VALUES ('attempts', 0), ('successes', 0), ('failures', 0), ('found_by_query', 0);
`;

const MESSAGE_MAX = 2000;

function toEvent(row: Row): OutboxEvent {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    lastAttemptAt: row.last_attempt_at,
    pageId: row.page_id,
    pushedAt: row.pushed_at,
    uncertain: row.uncertain === 1,
  };
}

/** Every problem of an input, "field: message; …", for the refusal. */
function describeIssues(error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> }): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'event'}: ${issue.message}`).join('; ');
}

export class OutboxStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'outbox.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // FULL: each commit is on disk before the call returns (WAL + NORMAL could lose the last ones on power loss).
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /**
   * Parses and commits one event (pending), before anything is pushed. Refuses a bad input with an
   * OutboxInputError and stores nothing. An id already in the outbox returns that event unchanged.
   */
  enqueue(input: unknown, now = Date.now()): { event: OutboxEvent; created: boolean } {
    const [result] = this.enqueueMany([input], now);
    if (!result) throw new Error('enqueue stored nothing');
    return result;
  }

  /** enqueue for several events in one transaction: all are stored or, on one bad input, none. */
  enqueueMany(inputs: readonly unknown[], now = Date.now()): Array<{ event: OutboxEvent; created: boolean }> {
    const parsed = inputs.map((input, index) => {
      const result = OutboxEventInput.safeParse(input);
      if (!result.success) {
        const where = inputs.length > 1 ? ` (event ${index})` : '';
        throw new OutboxInputError(`invalid outbox event${where}: ${describeIssues(result.error)}`);
      }
      return result.data;
    });
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO events (id, kind, title, body, created_at, enqueued_at, status)
       VALUES (@id, @kind, @title, @body, @createdAt, @now, 'pending')`,
    );
    return this.db
      .transaction(() =>
        parsed.map((event) => {
          const id = event.id ?? randomUUID();
          const created = insert.run({ ...event, id, now }).changes === 1;
          return { event: this.require(id), created };
        }),
      )
      .immediate();
  }

  get(id: string): OutboxEvent | undefined {
    const row = this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as Row | undefined;
    return row ? toEvent(row) : undefined;
  }

  /** The pending event with the lowest seq: the only one the dispatcher may push. */
  nextPending(): OutboxEvent | undefined {
    const row = this.db.prepare(`SELECT * FROM events WHERE status = 'pending' ORDER BY seq LIMIT 1`).get() as Row | undefined;
    return row ? toEvent(row) : undefined;
  }

  /**
   * After a restart: an attempt that was in flight when the process died may have created the page,
   * so its event becomes uncertain (the next attempt looks before it creates). Returns how many.
   */
  recoverInFlight(): number {
    return this.db.prepare(`UPDATE events SET uncertain = 1, in_flight = 0 WHERE in_flight = 1`).run().changes;
  }

  /** Commits the start of an attempt (counted, marked in flight) before any request goes out. */
  beginAttempt(id: string, now = Date.now()): OutboxEvent {
    this.db
      .transaction(() => {
        const changed = this.db
          .prepare(`UPDATE events SET attempts = attempts + 1, last_attempt_at = ?, in_flight = 1 WHERE id = ? AND status = 'pending'`)
          .run(now, id).changes;
        if (changed !== 1) throw new Error(`outbox event ${id} is not pending`);
        this.bump('attempts');
      })
      .immediate();
    return this.require(id);
  }

  /** Records how an attempt ended. A failure keeps the event uncertain once it has been uncertain. */
  recordAttempt(id: string, record: AttemptRecord, now = Date.now()): OutboxEvent {
    this.db
      .transaction(() => {
        if (record.kind === 'pushed') {
          this.db
            .prepare(
              `UPDATE events SET status = 'pushed', page_id = ?, pushed_at = ?, last_error = NULL, uncertain = 0, in_flight = 0 WHERE id = ?`,
            )
            .run(record.pageId, now, id);
          this.bump('successes');
          if (record.foundByQuery) this.bump('found_by_query');
          return;
        }
        const status: OutboxStatus = record.kind === 'parked' ? 'parked' : 'pending';
        this.db
          .prepare(`UPDATE events SET status = ?, last_error = ?, uncertain = MAX(uncertain, ?), in_flight = 0 WHERE id = ?`)
          .run(status, record.message.slice(0, MESSAGE_MAX), record.uncertain ? 1 : 0, id);
        this.bump('failures');
      })
      .immediate();
    return this.require(id);
  }

  /** Parks a pending event without an attempt (e.g. the dispatcher gave up on it). */
  park(id: string, message: string): OutboxEvent {
    this.db.prepare(`UPDATE events SET status = 'parked', last_error = ?, in_flight = 0 WHERE id = ? AND status = 'pending'`).run(message.slice(0, MESSAGE_MAX), id);
    return this.require(id);
  }

  /**
   * Retry by hand: a parked event goes back to pending with its attempts reset (keeping `uncertain`,
   * so it still looks before it creates). Undefined when there is no such parked event.
   */
  retry(id: string): OutboxEvent | undefined {
    const changed = this.db.prepare(`UPDATE events SET status = 'pending', attempts = 0 WHERE id = ? AND status = 'parked'`).run(id).changes;
    return changed === 1 ? this.require(id) : undefined;
  }

  /** Retry by hand of every parked event (after fixing the token or the database); returns them. */
  retryAllParked(): OutboxEvent[] {
    const rows = this.db.prepare(`UPDATE events SET status = 'pending', attempts = 0 WHERE status = 'parked' RETURNING *`).all() as Row[];
    return rows.map(toEvent).sort((a, b) => a.seq - b.seq);
  }

  /** Newest first, optionally one status only. */
  list(filter: OutboxFilter = {}): OutboxEvent[] {
    const { status, limit } = OutboxFilter.parse(filter);
    const rows = status
      ? this.db.prepare('SELECT * FROM events WHERE status = ? ORDER BY seq DESC LIMIT ?').all(status, limit)
      : this.db.prepare('SELECT * FROM events ORDER BY seq DESC LIMIT ?').all(limit);
    return (rows as Row[]).map(toEvent);
  }

  /** Every event id with its status, in seq order (the stress tool's check reads all of them). */
  allIds(): Array<{ id: string; status: OutboxStatus }> {
    return this.db.prepare('SELECT id, status FROM events ORDER BY seq').all() as Array<{ id: string; status: OutboxStatus }>;
  }

  /** Pages found by the look-up (a lost reply's page), since the outbox was made. */
  foundByQueryCount(): number {
    return this.counter('found_by_query');
  }

  /**
   * Delivery over [from, to]: events pushed in it ÷ events pushed or parked in it (a parked event
   * counts when its last attempt fell in the window); null when none finished there.
   */
  deliveryBetween(from: number, to: number): number | null {
    const row = this.db
      .prepare(
        `SELECT SUM(status = 'pushed' AND pushed_at BETWEEN @from AND @to) AS pushed,
                SUM(status = 'parked' AND last_attempt_at BETWEEN @from AND @to) AS parked FROM events`,
      )
      .get({ from, to }) as { pushed: number | null; parked: number | null };
    const pushed = row.pushed ?? 0;
    const finished = pushed + (row.parked ?? 0);
    return finished === 0 ? null : pushed / finished;
  }

  figures(now = Date.now()): PushFigures {
    const byStatus = new Map(
      (this.db.prepare('SELECT status, COUNT(*) AS n FROM events GROUP BY status').all() as Array<{ status: OutboxStatus; n: number }>).map((row) => [row.status, row.n]),
    );
    const oldest = (this.db.prepare(`SELECT MIN(enqueued_at) AS at FROM events WHERE status = 'pending'`).get() as { at: number | null }).at;
    const pushed = byStatus.get('pushed') ?? 0;
    const parked = byStatus.get('parked') ?? 0;
    const attempts = this.counter('attempts');
    const successes = this.counter('successes');
    return {
      attempts,
      successes,
      failures: this.counter('failures'),
      foundByQuery: this.counter('found_by_query'),
      pushed,
      parked,
      depth: byStatus.get('pending') ?? 0,
      oldestPendingAgeMs: oldest === null ? null : Math.max(0, now - oldest),
      deliveryRate: pushed + parked > 0 ? pushed / (pushed + parked) : null,
      attemptSuccessRate: attempts > 0 ? Math.min(1, successes / attempts) : null,
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private bump(name: string): void {
    this.db.prepare('UPDATE counters SET value = value + 1 WHERE name = ?').run(name);
  }

  private counter(name: string): number {
    return (this.db.prepare('SELECT value FROM counters WHERE name = ?').get(name) as { value: number } | undefined)?.value ?? 0;
  }

  private require(id: string): OutboxEvent {
    const event = this.get(id);
    if (!event) throw new Error(`no outbox event ${id}`);
    return event;
  }
}

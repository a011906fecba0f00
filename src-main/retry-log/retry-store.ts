// The retry log's table in the data dir (SQLite, WAL): every process that talks to the hub (the
// console, the stress tool) appends here, so support staff see all retries in one place and they
// survive restarts and SIGKILL (each row is committed before the call goes on).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { RetryEntry, RetryFilter, RetryOutcome } from '../../src-shared/domain/retry';
import type { RetryEvent } from '../hub/retry-policy';

interface Row {
  id: number;
  rev: number;
  call_id: string;
  time: number;
  op: string;
  request_id: string;
  attempt: number;
  max_attempts: number;
  kind: 'retry' | 'give-up';
  delay_ms: number | null;
  code: string;
  message: string;
  outcome: RetryOutcome;
  source: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS retries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rev INTEGER NOT NULL,
  call_id TEXT NOT NULL,
  time INTEGER NOT NULL,
  op TEXT NOT NULL,
  request_id TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  kind TEXT NOT NULL,
  delay_ms INTEGER,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  outcome TEXT NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS retries_rev ON retries(rev);
CREATE INDEX IF NOT EXISTS retries_call ON retries(call_id);
CREATE INDEX IF NOT EXISTS retries_op ON retries(op, id);
CREATE INDEX IF NOT EXISTS retries_outcome ON retries(outcome, id);
CREATE INDEX IF NOT EXISTS retries_time ON retries(time);
`;

export function toEntry(row: Row): RetryEntry {
  return {
    id: row.id,
    callId: row.call_id,
    time: row.time,
    op: row.op,
    requestId: row.request_id,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    kind: row.kind,
    delayMs: row.delay_ms,
    code: row.code,
    message: row.message,
    outcome: row.outcome,
    source: row.source,
  };
}

function where(filter: RetryFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.op) {
    clauses.push('op = ?');
    params.push(filter.op);
  }
  if (filter.outcome) {
    clauses.push('outcome = ?');
    params.push(filter.outcome);
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

export class RetryStore {
  private readonly db: Database.Database;
  private readonly nextRev: () => number;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'retry-log.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    const maxRev = this.db.prepare('SELECT COALESCE(MAX(rev), 0) AS rev FROM retries');
    this.nextRev = () => (maxRev.get() as { rev: number }).rev + 1;
  }

  /** Appends one retry or give-up; a give-up also settles the call's earlier rows. */
  append(event: RetryEvent, source: string, time = Date.now()): void {
    const insert = this.db.prepare(
      `INSERT INTO retries (rev, call_id, time, op, request_id, attempt, max_attempts, kind, delay_ms, code, message, outcome, source)
       VALUES (@rev, @callId, @time, @op, @requestId, @attempt, @maxAttempts, @kind, @delayMs, @code, @message, @outcome, @source)`,
    );
    this.db
      .transaction(() => {
        const rev = this.nextRev();
        const outcome: RetryOutcome = event.kind === 'give-up' ? 'gave-up' : 'pending';
        insert.run({ ...event, rev, time, outcome, source, message: event.message.slice(0, 2000) });
      })
      .immediate();
  }

  /** Records how a call ended on every row it wrote. */
  settle(callId: string, outcome: RetryOutcome): void {
    this.db
      .transaction(() => {
        this.db.prepare('UPDATE retries SET outcome = ?, rev = ? WHERE call_id = ? AND outcome != ?').run(outcome, this.nextRev(), callId, outcome);
      })
      .immediate();
  }

  /** Rows written or changed (by any process) after revision `rev`, oldest change first. */
  changedSince(rev: number, limit: number): { entries: RetryEntry[]; rev: number } {
    const rows = this.db.prepare('SELECT * FROM retries WHERE rev > ? ORDER BY rev LIMIT ?').all(rev, limit) as Row[];
    return { entries: rows.map(toEntry), rev: rows.length ? Math.max(...rows.map((row) => row.rev)) : rev };
  }

  latest(limit: number): { entries: RetryEntry[]; rev: number } {
    const rows = this.db.prepare('SELECT * FROM retries ORDER BY id DESC LIMIT ?').all(limit) as Row[];
    return { entries: rows.reverse().map(toEntry), rev: this.nextRev() - 1 };
  }

  count(filter: RetryFilter): number {
    const { sql, params } = where(filter);
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM retries ${sql}`).get(...params) as { n: number }).n;
  }

  /** Retries (not give-ups) written by `source` per bucket start, for from <= time < to. */
  retriesPerBucket(source: string, from: number, to: number, bucketMs: number): Map<number, number> {
    const rows = this.db
      .prepare(`SELECT time - time % ? AS at, COUNT(*) AS n FROM retries WHERE kind = 'retry' AND source = ? AND time >= ? AND time < ? GROUP BY at`)
      .all(bucketMs, source, from, to) as { at: number; n: number }[];
    return new Map(rows.map((row) => [row.at, row.n]));
  }

  /** Retries and give-ups written by `source` since `since`. */
  totals(source: string, since: number): { retries: number; giveUps: number } {
    const row = this.db
      .prepare(`SELECT SUM(kind = 'retry') AS retries, SUM(kind = 'give-up') AS giveUps FROM retries WHERE source = ? AND time >= ?`)
      .get(source, since) as { retries: number | null; giveUps: number | null };
    return { retries: row.retries ?? 0, giveUps: row.giveUps ?? 0 };
  }

  /** Every matching row, oldest first, for export. */
  *iterate(filter: RetryFilter): Generator<RetryEntry> {
    const { sql, params } = where(filter);
    for (const row of this.db.prepare(`SELECT * FROM retries ${sql} ORDER BY id`).iterate(...params)) yield toEntry(row as Row);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

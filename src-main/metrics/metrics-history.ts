// Metrics history in the data dir (SQLite, WAL): latency per hub operation (1-second points kept
// for an hour, 1-minute points for 7 days) and the connection state log (for availability), so a
// restart keeps them. The clock is the caller's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { StateChange } from './availability';
import type { OpFigures } from './op-latency';

export type Resolution = '1s' | '1m';

export interface HistoryPoint extends OpFigures {
  at: number;
}

/** How long each resolution is kept. */
export const RETENTION_MS: Record<Resolution, number> = { '1s': 60 * 60 * 1000, '1m': 7 * 24 * 60 * 60 * 1000 };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS latency_points (
  resolution TEXT NOT NULL,
  at INTEGER NOT NULL,
  op TEXT NOT NULL,
  count INTEGER NOT NULL,
  timeouts INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  p50 REAL NOT NULL, p90 REAL NOT NULL, p99 REAL NOT NULL, p99_9 REAL NOT NULL, max REAL NOT NULL,
  PRIMARY KEY (resolution, at, op)
);
CREATE TABLE IF NOT EXISTS connection_states (at INTEGER NOT NULL, state TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS connection_states_at ON connection_states(at);
CREATE TABLE IF NOT EXISTS runs (started_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS latency_all (
  resolution TEXT NOT NULL,
  at INTEGER NOT NULL,
  count INTEGER NOT NULL,
  timeouts INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  orders INTEGER NOT NULL,
  histogram TEXT NOT NULL,
  PRIMARY KEY (resolution, at)
);
CREATE TABLE IF NOT EXISTS verify_runs (
  at INTEGER NOT NULL,
  pass INTEGER NOT NULL,
  hub_orders INTEGER NOT NULL,
  hub_duplicates INTEGER NOT NULL,
  error TEXT
);
`;

/** One interval of all hub requests together: counts and the encoded HdrHistogram (microseconds). */
export interface AllPoint {
  at: number;
  count: number;
  timeouts: number;
  errors: number;
  /** placeOrder requests in the interval. */
  orders: number;
  histogram: string;
}

export interface VerifyRun {
  at: number;
  pass: boolean;
  hubOrders: number;
  hubDuplicates: number;
  error: string | null;
}

interface Row {
  at: number;
  op: string;
  count: number;
  timeouts: number;
  errors: number;
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
}

export class MetricsHistory {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'metrics.sqlite'));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT OR REPLACE INTO latency_points (resolution, at, op, count, timeouts, errors, p50, p90, p99, p99_9, max)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Stores one interval's points and drops what is older than the resolution keeps. */
  append(resolution: Resolution, at: number, points: readonly OpFigures[]): void {
    this.db.transaction(() => {
      for (const p of points) {
        const l = p.latency;
        this.insert.run(resolution, at, p.op, p.count, p.timeouts, p.errors, l.p50, l.p90, l.p99, l.p99_9, l.max);
      }
      this.db.prepare('DELETE FROM latency_points WHERE resolution = ? AND at < ?').run(resolution, at - RETENTION_MS[resolution]);
    })();
  }

  /** Stores one interval of all requests together (with its histogram); pruned like the rest. */
  appendAll(resolution: Resolution, point: AllPoint): void {
    this.db
      .prepare('INSERT OR REPLACE INTO latency_all (resolution, at, count, timeouts, errors, orders, histogram) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(resolution, point.at, point.count, point.timeouts, point.errors, point.orders, point.histogram);
    this.db.prepare('DELETE FROM latency_all WHERE resolution = ? AND at < ?').run(resolution, point.at - RETENTION_MS[resolution]);
  }

  /** All-request intervals of one resolution with from <= at < to, oldest first. */
  allPoints(resolution: Resolution, from: number, to: number): AllPoint[] {
    return this.db
      .prepare('SELECT at, count, timeouts, errors, orders, histogram FROM latency_all WHERE resolution = ? AND at >= ? AND at < ? ORDER BY at')
      .all(resolution, from, to) as AllPoint[];
  }

  appendVerify(run: VerifyRun): void {
    this.db
      .prepare('INSERT INTO verify_runs (at, pass, hub_orders, hub_duplicates, error) VALUES (?, ?, ?, ?, ?)')
      .run(run.at, run.pass ? 1 : 0, run.hubOrders, run.hubDuplicates, run.error);
  }

  /** The last verify run at or before `to` (and after `from`, when given). */
  lastVerify(to: number, from = 0): VerifyRun | null {
    const row = this.db
      .prepare('SELECT at, pass, hub_orders AS hubOrders, hub_duplicates AS hubDuplicates, error FROM verify_runs WHERE at >= ? AND at <= ? ORDER BY at DESC LIMIT 1')
      .get(from, to) as (Omit<VerifyRun, 'pass'> & { pass: number }) | undefined;
    return row ? { ...row, pass: row.pass === 1 } : null;
  }

  /** Points of one resolution since `since`, oldest first; one operation or all. */
  query(resolution: Resolution, since: number, op?: string): HistoryPoint[] {
    const rows = (
      op
        ? this.db.prepare('SELECT * FROM latency_points WHERE resolution = ? AND at >= ? AND op = ? ORDER BY at, op').all(resolution, since, op)
        : this.db.prepare('SELECT * FROM latency_points WHERE resolution = ? AND at >= ? ORDER BY at, op').all(resolution, since)
    ) as Row[];
    return rows.map((r) => ({
      at: r.at,
      op: r.op,
      count: r.count,
      timeouts: r.timeouts,
      errors: r.errors,
      latency: { p50: r.p50, p90: r.p90, p99: r.p99, p99_9: r.p99_9, max: r.max, recorded: r.count },
    }));
  }

  /** Logs a connection state change (kept 7 days). */
  appendState(change: StateChange): void {
    this.db.prepare('INSERT INTO connection_states (at, state) VALUES (?, ?)').run(change.at, change.state);
    this.db.prepare('DELETE FROM connection_states WHERE at < ?').run(change.at - RETENTION_MS['1m']);
  }

  /** The changes since `since`, led by the last one before it (the state at `since`). */
  states(since: number): StateChange[] {
    const before = this.db.prepare('SELECT at, state FROM connection_states WHERE at < ? ORDER BY at DESC LIMIT 1').all(since) as StateChange[];
    const after = this.db.prepare('SELECT at, state FROM connection_states WHERE at >= ? ORDER BY at').all(since) as StateChange[];
    return [...before, ...after];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

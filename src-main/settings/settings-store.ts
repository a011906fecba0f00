// settings.sqlite in the data dir: the settings in force and every change record. A record and the
// settings it puts in force are committed in one transaction. Storage only: it decides nothing.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ChangeRecord, ReviewableSettings } from '../../src-shared/domain/settings';

interface RecordRow {
  id: number;
  at: number;
  author: string;
  reason: string;
  changes: string;
  before: string;
  after: string;
  findings: string;
  reviewer: string;
  status: string;
  confirmed_by: string | null;
  confirmed_at: number | null;
  rollback_of: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS current (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  settings TEXT NOT NULL,
  record_id INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  author TEXT NOT NULL,
  reason TEXT NOT NULL,
  changes TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL,
  findings TEXT NOT NULL,
  reviewer TEXT NOT NULL,
  status TEXT NOT NULL,
  confirmed_by TEXT,
  confirmed_at INTEGER,
  rollback_of INTEGER REFERENCES changes(id)
);
CREATE INDEX IF NOT EXISTS changes_status ON changes(status, id);
`;

export type NewRecord = Omit<ChangeRecord, 'id'>;

function toRecord(row: RecordRow): ChangeRecord | null {
  const parsed = ChangeRecord.safeParse({
    id: row.id,
    at: row.at,
    author: row.author,
    reason: row.reason,
    changes: JSON.parse(row.changes),
    before: JSON.parse(row.before),
    after: JSON.parse(row.after),
    findings: JSON.parse(row.findings),
    reviewer: JSON.parse(row.reviewer),
    status: row.status,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    rollbackOf: row.rollback_of,
  });
  // A row written by a newer version with fields this one does not know is left out, not guessed at.
  return parsed.success ? parsed.data : null;
}

function columns(record: NewRecord): unknown[] {
  return [
    record.at,
    record.author,
    record.reason,
    JSON.stringify(record.changes),
    JSON.stringify(record.before),
    JSON.stringify(record.after),
    JSON.stringify(record.findings),
    JSON.stringify(record.reviewer),
    record.status,
    record.confirmedBy,
    record.confirmedAt,
    record.rollbackOf,
  ];
}

export class SettingsStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'settings.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // FULL: an applied change must survive a power cut, not only a killed process; writes are rare.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.statements = {
      current: this.db.prepare('SELECT settings FROM current WHERE id = 1'),
      initCurrent: this.db.prepare('INSERT OR IGNORE INTO current (id, settings, record_id, updated_at) VALUES (1, ?, NULL, ?)'),
      setCurrent: this.db.prepare('UPDATE current SET settings = ?, record_id = ?, updated_at = ? WHERE id = 1'),
      insert: this.db.prepare(
        'INSERT INTO changes (at, author, reason, changes, before, after, findings, reviewer, status, confirmed_by, confirmed_at, rollback_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      update: this.db.prepare(
        'UPDATE changes SET at = ?, author = ?, reason = ?, changes = ?, before = ?, after = ?, findings = ?, reviewer = ?, status = ?, confirmed_by = ?, confirmed_at = ?, rollback_of = ? WHERE id = ?',
      ),
      get: this.db.prepare('SELECT * FROM changes WHERE id = ?'),
      list: this.db.prepare('SELECT * FROM changes ORDER BY id DESC LIMIT ?'),
    };
  }

  /** The settings in force; null before the first start stored them. Throws if they do not parse. */
  current(): ReviewableSettings | null {
    const row = this.statements.current.get() as { settings: string } | undefined;
    if (!row) return null;
    const parsed = ReviewableSettings.safeParse(JSON.parse(row.settings));
    if (!parsed.success) throw new Error(`settings.sqlite holds settings this version cannot read: ${parsed.error.message}`);
    return parsed.data;
  }

  /** Stores the first settings in force, unless some are stored already. */
  initCurrent(settings: ReviewableSettings, at: number): void {
    this.statements.initCurrent.run(JSON.stringify(settings), at);
  }

  /** Inserts a record and, when it applies, the settings it puts in force, in one transaction. */
  insert(record: NewRecord, inForce: ReviewableSettings | null): ChangeRecord {
    return this.db.transaction(() => {
      const id = Number(this.statements.insert.run(...columns(record)).lastInsertRowid);
      if (inForce) this.statements.setCurrent.run(JSON.stringify(inForce), id, record.at);
      return { ...record, id };
    })();
  }

  /** Rewrites a record (a held one decided) and, when it applies, the settings, in one transaction. */
  update(record: ChangeRecord, inForce: ReviewableSettings | null): void {
    this.db.transaction(() => {
      this.statements.update.run(...columns(record), record.id);
      if (inForce) this.statements.setCurrent.run(JSON.stringify(inForce), record.id, record.confirmedAt ?? record.at);
    })();
  }

  get(id: number): ChangeRecord | null {
    const row = this.statements.get.get(id) as RecordRow | undefined;
    return row ? toRecord(row) : null;
  }

  /** The newest `limit` records, newest first. */
  list(limit: number): ChangeRecord[] {
    return (this.statements.list.all(limit) as RecordRow[]).flatMap((row) => toRecord(row) ?? []);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

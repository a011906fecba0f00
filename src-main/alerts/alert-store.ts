// Alert rules (only the ones changed from their defaults) and the alert history, in alerts.sqlite in
// the data dir (WAL, so the report CLI can read it while the console writes). Storage only: it
// decides nothing about when an alert fires.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALERT_RULES, AlertRuleId } from '../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule } from '../../src-shared/domain/alerts';

interface RuleRow {
  id: string;
  enabled: number;
  threshold: number;
}

interface EventRow {
  id: number;
  rule: string;
  fired_at: number;
  resolved_at: number | null;
  value: number;
  threshold: number;
  message: string;
}

export interface FiredAlert {
  rule: AlertRuleId;
  firedAt: number;
  value: number;
  threshold: number;
  message: string;
}

// The partial unique index keeps at most one firing event per rule, whatever a caller does.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS rules (
  id TEXT PRIMARY KEY,
  enabled INTEGER NOT NULL,
  threshold REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  rule TEXT NOT NULL,
  fired_at INTEGER NOT NULL,
  resolved_at INTEGER,
  value REAL NOT NULL,
  threshold REAL NOT NULL,
  message TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS events_one_open ON events(rule) WHERE resolved_at IS NULL;
CREATE INDEX IF NOT EXISTS events_fired ON events(fired_at);
`;

/** Rows from a newer version with a rule this one does not know are left out, not guessed at. */
function toEvents(rows: EventRow[]): AlertEvent[] {
  const events: AlertEvent[] = [];
  for (const row of rows) {
    const rule = AlertRuleId.safeParse(row.rule);
    if (!rule.success) continue;
    events.push({
      id: row.id,
      rule: rule.data,
      firedAt: row.fired_at,
      resolvedAt: row.resolved_at,
      value: row.value,
      threshold: row.threshold,
      message: row.message,
    });
  }
  return events;
}

export class AlertStore {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(join(dataDir, 'alerts.sqlite'));
    this.db.pragma('journal_mode = WAL');
    // NORMAL: a commit survives the process being killed (SIGKILL); alerts need no more than that.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.statements = {
      rules: this.db.prepare('SELECT id, enabled, threshold FROM rules'),
      saveRule: this.db.prepare(
        'INSERT INTO rules (id, enabled, threshold) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET enabled = excluded.enabled, threshold = excluded.threshold',
      ),
      insert: this.db.prepare('INSERT INTO events (rule, fired_at, resolved_at, value, threshold, message) VALUES (?, ?, NULL, ?, ?, ?)'),
      resolve: this.db.prepare('UPDATE events SET resolved_at = ? WHERE id = ? AND resolved_at IS NULL'),
      open: this.db.prepare('SELECT * FROM events WHERE resolved_at IS NULL ORDER BY fired_at, id'),
      list: this.db.prepare('SELECT * FROM events ORDER BY (resolved_at IS NULL) DESC, fired_at DESC, id DESC LIMIT ?'),
      between: this.db.prepare('SELECT * FROM events WHERE fired_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?) ORDER BY fired_at, id'),
    };
  }

  /** Every rule in ALERT_RULES order: its stored setting, or its defaults when it was never changed. */
  rules(): AlertRule[] {
    const stored = new Map((this.statements.rules.all() as RuleRow[]).map((row) => [row.id, row]));
    return ALERT_RULES.map((def) => {
      const row = stored.get(def.id);
      return row ? { id: def.id, enabled: row.enabled === 1, threshold: row.threshold } : { id: def.id, enabled: def.enabledByDefault, threshold: def.defaultThreshold };
    });
  }

  saveRule(rule: AlertRule): void {
    this.statements.saveRule.run(rule.id, rule.enabled ? 1 : 0, rule.threshold);
  }

  /** Records a firing alert; throws if the rule already has one firing. */
  insertFired(fired: FiredAlert): AlertEvent {
    const { lastInsertRowid } = this.statements.insert.run(fired.rule, fired.firedAt, fired.value, fired.threshold, fired.message);
    const { rule, firedAt, value, threshold, message } = fired;
    return { id: Number(lastInsertRowid), rule, firedAt, resolvedAt: null, value, threshold, message };
  }

  /** Marks a firing alert resolved; false when it was not firing (already resolved or unknown). */
  resolve(id: number, at: number): boolean {
    return this.statements.resolve.run(at, id).changes > 0;
  }

  /** The alerts firing now, oldest first. */
  open(): AlertEvent[] {
    return toEvents(this.statements.open.all() as EventRow[]);
  }

  /** The newest `limit` alerts: firing ones first, then by when they fired, newest first. */
  list(limit: number): AlertEvent[] {
    return toEvents(this.statements.list.all(limit) as EventRow[]);
  }

  /** Alerts that were firing at any time in [from, to], in the order they fired. */
  between(from: number, to: number): AlertEvent[] {
    return toEvents(this.statements.between.all(to, from) as EventRow[]);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

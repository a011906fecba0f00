// The audit trail, a table in the order ledger's SQLite: who (role, token id) did what to which
// target, when, and how it ended. Writes go through the ledger's group commit, so an order's attempt
// row commits with its intent; a failed write is reported to the ledger's error sink, never thrown.
import type Database from 'better-sqlite3';
import { AuditEntry } from '../../src-shared/domain/audit';
import type { AuditAction, AuditDetail, AuditFilter, AuditFormat, AuditOutcome } from '../../src-shared/domain/audit';
import { auditExport } from '../../src-shared/domain/audit';
import type { Principal } from '../../src-shared/ipc/access';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  role TEXT NOT NULL,
  token_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  outcome TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_action ON audit(action, seq);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
`;

/** Rows a list returns when the caller names no limit. */
const DEFAULT_LIMIT = 100;
const MAX_TARGET_CHARS = 200;
/** "Small JSON": a detail larger than this is cut and marked, so one row never bloats the ledger. */
const MAX_DETAIL_CHARS = 4000;

/** How the audit log reaches the ledger's commit: it owns the connection and the group commit. */
export interface AuditWrites {
  /** Queues a write for the ledger's next group commit (in its own savepoint). */
  defer(write: () => void): void;
  /** Commits what is queued, so a read sees it. */
  flush(): void;
  onError(error: unknown): void;
}

/** An action under way: its row is queued as `pending`; settle records how it ended, once. */
export interface AuditAttempt {
  settle(outcome: AuditOutcome, detail?: AuditDetail): void;
}

interface AuditRow {
  seq: number;
  at: number;
  role: string;
  token_id: string;
  action: string;
  target: string;
  outcome: string;
  detail: string;
}

export class AuditLog {
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    private readonly writes: AuditWrites,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(SCHEMA);
    this.statements = {
      insert: db.prepare('INSERT INTO audit (at, role, token_id, action, target, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      settle: db.prepare('UPDATE audit SET outcome = ?, detail = ? WHERE seq = ?'),
    };
  }

  /**
   * Queues the attempt's row in the ledger's next commit, before the caller does anything: whatever
   * the caller writes to the ledger in the same turn (an order's intent) commits in that same
   * transaction, after it. Never throws.
   */
  begin(principal: Principal, action: AuditAction, target: string, detail: AuditDetail = {}): AuditAttempt {
    const at = this.now();
    const row: { seq?: number } = {};
    this.write(() => {
      row.seq = Number(this.insert(at, principal, action, target, 'pending', detail).lastInsertRowid);
    });
    let settled = false;
    return {
      settle: (outcome, extra = {}) => {
        if (settled) return;
        settled = true;
        const merged = { ...detail, ...extra };
        this.write(() => {
          // The attempt's own row failed to write: the outcome is kept at least.
          if (row.seq === undefined) this.insert(at, principal, action, target, outcome, merged);
          else this.statements.settle.run(outcome, detailText(merged), row.seq);
        });
      },
    };
  }

  /** One row whose outcome is already known (a refused call). Never throws. */
  record(principal: Principal, action: AuditAction, target: string, outcome: AuditOutcome, detail: AuditDetail = {}): void {
    const at = this.now();
    this.write(() => this.insert(at, principal, action, target, outcome, detail));
  }

  /** Newest first, at most `limit`, and how many rows match in all. */
  list(filter: AuditFilter): { entries: AuditEntry[]; total: number } {
    const { where, params } = this.where(filter);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM audit ${where}`).get(...params) as { n: number }).n;
    return { entries: this.rows(where, params, filter.limit ?? DEFAULT_LIMIT), total };
  }

  /** The matching rows (the newest `limit`, or all) oldest first. */
  entries(filter: AuditFilter): AuditEntry[] {
    const { where, params } = this.where(filter);
    return this.rows(where, params, filter.limit ?? -1).reverse();
  }

  /** entries() as CSV or JSON text. */
  export({ format, ...filter }: AuditFilter & { format: AuditFormat }): { text: string; rows: number } {
    const entries = this.entries(filter);
    return { text: auditExport(entries, format), rows: entries.length };
  }

  private where(filter: AuditFilter): { where: string; params: Array<string | number> } {
    // A read sees every write made so far, as the ledger's own reads do.
    this.writes.flush();
    const conditions: Array<[string, string | number | undefined]> = [
      ['action = ?', filter.action],
      ['role = ?', filter.role],
      ['at >= ?', filter.since],
    ];
    const given = conditions.filter((pair): pair is [string, string | number] => pair[1] !== undefined);
    return { where: given.length > 0 ? `WHERE ${given.map(([clause]) => clause).join(' AND ')}` : '', params: given.map(([, value]) => value) };
  }

  /** Rows that fail validation (written by another version, say) are left out rather than shown wrong. */
  private rows(where: string, params: Array<string | number>, limit: number): AuditEntry[] {
    const rows = this.db.prepare(`SELECT seq, at, role, token_id, action, target, outcome, detail FROM audit ${where} ORDER BY seq DESC LIMIT ?`).all(...params, limit) as AuditRow[];
    return rows.flatMap((row) => {
      const parsed = AuditEntry.safeParse({ ...row, tokenId: row.token_id, detail: parseDetail(row.detail) });
      return parsed.success ? [parsed.data] : [];
    });
  }

  private insert(at: number, principal: Principal, action: AuditAction, target: string, outcome: AuditOutcome, detail: AuditDetail): Database.RunResult {
    return this.statements.insert.run(at, principal.role, principal.tokenId, action, target.slice(0, MAX_TARGET_CHARS), outcome, detailText(detail));
  }

  private write(write: () => void): void {
    try {
      this.writes.defer(write);
    } catch (error) {
      this.writes.onError(error);
    }
  }
}

function detailText(detail: AuditDetail): string {
  const text = JSON.stringify(detail);
  return text.length <= MAX_DETAIL_CHARS ? text : JSON.stringify({ truncated: text.slice(0, MAX_DETAIL_CHARS) });
}

function parseDetail(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

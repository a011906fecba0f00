// Reads a data dir's order ledger once, with the console's own OrderLedger (rows that fail
// validation are skipped and counted), and closes it. Never writes an order.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OrderLedger, type LedgerRecord } from '../../orders/ledger';

export interface LedgerContents {
  records: LedgerRecord[];
  /** Rows that failed validation: skipped by the console too. */
  invalid: number;
}

export function ledgerPath(dataDir: string): string {
  return join(dataDir, 'ledger.sqlite');
}

export function ledgerExists(dataDir: string): boolean {
  return existsSync(ledgerPath(dataDir));
}

export function readLedger(dataDir: string): LedgerContents {
  const ledger = new OrderLedger(dataDir, (error) => process.stderr.write(`ledger: a write failed: ${String(error)}\n`));
  try {
    return ledger.load();
  } finally {
    ledger.close();
  }
}

/**
 * How many orders the ledger of `dataDir` holds now (0 before it exists), read-only while another
 * process (a run being watched, to be killed mid-burst) is still writing it.
 */
export function countLedgerOrders(dataDir: string): number {
  if (!ledgerExists(dataDir)) return 0;
  try {
    const db = new Database(ledgerPath(dataDir), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // Not created yet (the file exists before its schema).
  }
}

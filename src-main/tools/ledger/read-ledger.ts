// Reads a data dir's order ledger once, with the console's own OrderLedger (rows that fail
// validation are skipped and counted), and closes it. Never writes an order.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
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

// What the orders tools' tests read back: the one JSON summary a tool printed (exactly the summary's
// keys), and how many orders a data dir's ledger holds while another process is still writing it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { SUMMARY_KEYS } from '../../../src-main/tools/ledger/summary';
import type { ToolRun } from './run-tool';

/** The one JSON object a tool printed, with exactly the summary's keys; the run must have exited 0. */
export function summaryOf(run: ToolRun): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const summary = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  expect(Object.keys(summary)).toEqual([...SUMMARY_KEYS]);
  return summary;
}

/** Orders the ledger of `dataDir` holds now (0 before it exists), read while another process writes. */
export function ledgerOrders(dataDir: string): number {
  const file = join(dataDir, 'ledger.sqlite');
  if (!existsSync(file)) return 0;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // Not created yet.
  }
}

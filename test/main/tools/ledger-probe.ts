// What the orders tools' tests read back: the one JSON summary a tool printed (exactly the summary's
// keys), and how many orders a data dir's ledger holds while another process is still writing it.
import { expect } from 'vitest';
import { SUMMARY_KEYS } from '../../../src-main/tools/ledger/summary';
import type { ToolRun } from './run-tool';

export { countLedgerOrders as ledgerOrders } from '../../../src-main/tools/ledger/read-ledger';

/** The one JSON object a tool printed, with exactly the summary's keys; the run must have exited 0. */
export function summaryOf(run: ToolRun): Record<string, unknown> {
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const summary = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  expect(Object.keys(summary)).toEqual([...SUMMARY_KEYS]);
  return summary;
}


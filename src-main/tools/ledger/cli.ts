// Entry point of `npm run ledger -- --data-dir DIR [--hub ADDR --reconcile] [--json]` and of
// `… --audit [--json | --csv]`: flags (bad: one line on stderr, exit 2), the run, then the table,
// JSON or CSV on stdout. With a hub, logs go to <data dir>/logs/ledger.log, never stdout.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import { FlagError } from '../stress/flags';
import { LEDGER_EXIT, LEDGER_USAGE, parseLedgerArgs, type LedgerOptions } from './flags';
import { auditTrailText, readAuditTrail } from './audit-trail';
import { ledgerClean, runLedger, type LedgerReport } from './inspect';
import { ledgerExists, ledgerPath } from './read-ledger';
import { summaryJson, summaryTable } from './summary';
import { runToolMain } from '../tool-main';

/** After the run everything is disposed; if a stray handle still holds the process, say so and go. */

function createLedgerLogger(dataDir: string): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  return pino({ level: 'info', base: { app: 'hubdesk-ledger' } }, pino.destination({ dest: join(dir, 'ledger.log'), sync: true }));
}

function table(report: LedgerReport, options: LedgerOptions): string {
  const notes = [
    options.hub === undefined
      ? 'read from the ledger as it is (no hub asked: hub duplicates and verify are not known)'
      : 'after start-up reconciliation and one more pass by the console core, pre-trade hold off',
    ...(report.invalid > 0 ? [`${report.invalid} ledger row(s) failed validation and were skipped (the console skips them too)`] : []),
    ...(report.settled === false ? ['reconciliation did not settle every order within its bound (see --settle-timeout-ms)'] : []),
  ];
  const leadRows = report.seenOnHub > 0 ? [['seen on hub', `${report.seenOnHub} (orders the hub listed that this console never sent; not counted below)`] as const] : [];
  return summaryTable(report.summary, { title: 'ledger: the orders of this data dir', notes, leadRows, otherStatuses: report.otherStatuses, verifyResult: report.verify });
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${LEDGER_USAGE}\n`);
    return LEDGER_EXIT.clean;
  }
  let options: LedgerOptions;
  try {
    options = parseLedgerArgs(argv);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`ledger: ${error.message} (see --help)\n`);
    return LEDGER_EXIT.badFlags;
  }
  if (options.audit !== undefined) {
    if (!ledgerExists(options.dataDir)) {
      process.stderr.write(`ledger: no order ledger at ${ledgerPath(options.dataDir)}\n`);
      return LEDGER_EXIT.error;
    }
    process.stdout.write(`${auditTrailText(readAuditTrail(options.dataDir), options.audit)}\n`);
    return LEDGER_EXIT.clean;
  }
  const outcome = await runLedger(options, () => createLedgerLogger(options.dataDir));
  if (outcome.kind === 'refused') {
    process.stderr.write(`ledger: the hub refused the console: ${outcome.refusal}\n`);
    return LEDGER_EXIT.badFlags;
  }
  if (outcome.kind === 'failed') {
    process.stderr.write(`ledger: ${outcome.message}\n`);
    return LEDGER_EXIT.error;
  }
  process.stdout.write(`${options.json ? summaryJson(outcome.report.summary) : table(outcome.report, options)}\n`);
  return ledgerClean(outcome.report) ? LEDGER_EXIT.clean : LEDGER_EXIT.attention;
}

runToolMain('ledger', () => main(process.argv.slice(2)));

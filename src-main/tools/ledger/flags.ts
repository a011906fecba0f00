// The ledger tool's command line, validated with zod like the stress tool's. Pure: throws a
// FlagError whose message names the flag; never prints or exits.
import { z } from 'zod';
import { HubDialect } from '../../../src-shared/domain/dialects';
import { DEFAULT_CONNECT_TIMEOUT_MS, FlagError, numberFrom } from '../stress/flags';
import { parseFlags, validatedFlags } from '../stress/parse-flags';

export const LedgerOptions = z
  .object({
    dataDir: z.string().min(1, { error: 'must not be empty' }),
    /** With a hub: start the console core on the data dir, reconcile and verify. */
    hub: z.string().regex(/^tcp:\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, { error: 'must look like tcp://HOST:PORT' }).optional(),
    /** The hub's wire (docs/dialects.md); absent: hub protocol v1. */
    hubDialect: HubDialect.optional(),
    requestTimeoutMs: z.number().int({ error: 'must be a whole number of ms' }).min(1, { error: 'must be at least 1' }).max(600_000, { error: 'must be at most 600000' }).optional(),
    connectTimeoutMs: z.number().int({ error: 'must be a whole number of ms' }).min(100, { error: 'must be at least 100' }).max(600_000, { error: 'must be at most 600000' }),
    settleTimeoutMs: z.number().int({ error: 'must be a whole number of ms' }).min(100, { error: 'must be at least 100' }).max(3_600_000, { error: 'must be at most 3600000' }).optional(),
    json: z.boolean(),
    /** Print the audit trail instead of the summary: as a table, JSON or CSV. */
    audit: z.enum(['table', 'json', 'csv']).optional(),
  })
  .strict();
export type LedgerOptions = z.infer<typeof LedgerOptions>;

/** Exit codes, as --help documents them. */
export const LEDGER_EXIT = { clean: 0, error: 1, badFlags: 2, attention: 3 } as const;

const FLAGS = {
  'data-dir': { type: 'string' },
  hub: { type: 'string' },
  'hub-dialect': { type: 'string' },
  reconcile: { type: 'boolean' },
  'request-timeout-ms': { type: 'string' },
  'connect-timeout-ms': { type: 'string' },
  'settle-timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  audit: { type: 'boolean' },
  csv: { type: 'boolean' },
} as const;

const FLAG_OF: Readonly<Record<string, string>> = {
  dataDir: '--data-dir',
  hub: '--hub',
  hubDialect: '--hub-dialect',
  requestTimeoutMs: '--request-timeout-ms',
  connectTimeoutMs: '--connect-timeout-ms',
  settleTimeoutMs: '--settle-timeout-ms',
};

export const LEDGER_USAGE = [
  'usage: npm run ledger -- --data-dir DIR [--json]',
  '       npm run ledger -- --data-dir DIR --audit [--json | --csv]',
  '       npm run ledger -- --data-dir DIR --hub tcp://HOST:PORT --reconcile',
  '         [--hub-dialect v1|origin|mql5-json-api] [--request-timeout-ms MS] [--connect-timeout-ms MS] [--settle-timeout-ms MS] [--json]',
  '',
  '  The order ledger of a data dir (the console\'s, or a `stress orders` run\'s), summed up.',
  '  Without --hub it only reads the ledger: sent (orders ever sent), filled, rejected, unknown,',
  '  notReceived, unresolved (pending, sent or unknown); hubDuplicates and verify are null.',
  '  count and the counts by state are this console\'s own orders; orders the hub listed that it never',
  '  sent (another client\'s, shown as "seen on hub" in the table) are left out of them, but a',
  '  seen-on-hub order still pending, sent or unknown is counted in unresolved.',
  '  With --hub ADDR --reconcile it starts the console core on DIR against that hub (pre-trade hold',
  '  off), waits for start-up reconciliation to settle every order whose fate is unknown, runs one',
  '  more reconciliation pass, then verifies the ledger against the hub\'s order listing:',
  '  hubDuplicates counts clientOrderIds the hub holds more than once. Like the console at every',
  '  connect, the core records the hub\'s orders it never sent (as "seen on hub"). Do not point it at',
  '  the data dir of a console that is running.',
  '  p50Ms, p99Ms and ordersPerSec are always null here (they belong to `stress orders`).',
  `  --connect-timeout-ms how long to wait for the hub's hello (default ${DEFAULT_CONNECT_TIMEOUT_MS})`,
  '  --settle-timeout-ms  bound on each reconciliation wait (default: twice the attempt timeout + 5 s;',
  '                       start-up: + 25 s more)',
  '  --request-timeout-ms per-attempt timeout; refused if shorter than the hub\'s (default: the hub\'s + grace)',
  '  --json               one JSON object on stdout instead of the table',
  '  --audit              the audit trail instead (who placed, canceled or changed what, when),',
  '                       oldest first: a table, or with --json a JSON array, with --csv CSV',
  'exit codes: 0 the ledger is clean (nothing unresolved; with --hub: verify passed),',
  '  3 it ran and needs attention (orders unresolved, verify failed or duplicates on the hub; the',
  '  summary is printed all the same), 1 run error (no ledger in DIR, no hub, reconciliation not',
  '  finished in time), 2 bad flags or refused by the hub; with --audit: 0 printed, 1 no ledger in DIR',
].join('\n');

export function parseLedgerArgs(argv: readonly string[]): LedgerOptions {
  const values = parseFlags(argv, FLAGS);
  if (values['data-dir'] === undefined) throw new FlagError('--data-dir is required');
  if (values.hub !== undefined && !values.reconcile) {
    throw new FlagError('--hub needs --reconcile: with a hub the tool starts the console core, which reconciles the ledger');
  }
  if (values.reconcile && values.hub === undefined) throw new FlagError('--reconcile needs --hub');
  if (values.csv && !values.audit) throw new FlagError('--csv needs --audit');
  if (values.audit && values.hub !== undefined) throw new FlagError('--audit reads the ledger as it is: it takes no --hub');
  if (values.csv && values.json) throw new FlagError('--json and --csv: choose one');
  if (values.hub === undefined) {
    for (const flag of ['hub-dialect', 'request-timeout-ms', 'connect-timeout-ms', 'settle-timeout-ms'] as const) {
      if (values[flag] !== undefined) throw new FlagError(`--${flag} needs --hub`);
    }
  }
  return validatedFlags(LedgerOptions, FLAG_OF, {
    dataDir: values['data-dir'],
    hub: values.hub,
    hubDialect: values['hub-dialect'],
    requestTimeoutMs: numberFrom('--request-timeout-ms', values['request-timeout-ms']),
    connectTimeoutMs: numberFrom('--connect-timeout-ms', values['connect-timeout-ms']) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    settleTimeoutMs: numberFrom('--settle-timeout-ms', values['settle-timeout-ms']),
    json: values.json ?? false,
    audit: values.audit ? (values.csv ? 'csv' : values.json ? 'json' : 'table') : undefined,
  });
}

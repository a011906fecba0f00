// The stress tool's command line: `latency` or `orders` plus its flags, validated with zod like the
// console's config. Pure: throws a FlagError whose message names the flag; never prints or exits.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { HubDialect } from '../../../src-shared/domain/dialects';
import { FlagError, numberFrom, validatedFlags } from './parse-flags';

export { FlagError, numberFrom };

export const DEFAULT_CONCURRENCY = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/** The console's default timeout for the first hello, before the hub has said what its own is. */
export const DEFAULT_HELLO_TIMEOUT_MS = 5000;
/** Orders in flight at most in `stress orders`, like a busy desk's burst rather than a flood. */
export const DEFAULT_ORDERS_CONCURRENCY = 50;

const HubFlag = z.string().regex(/^tcp:\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, { error: 'must look like tcp://HOST:PORT' });
const Count = z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(10_000_000, { error: 'must be at most 10000000' });
const Concurrency = z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1_000_000, { error: 'must be at most 1000000' });
/** Per-attempt timeout, as in the console's settings; refused by the client if under the hub's. */
const RequestTimeoutMs = z.number().int({ error: 'must be a whole number of ms' }).min(1, { error: 'must be at least 1' }).max(600_000, { error: 'must be at most 600000' });
/** How long to wait for the hub's hello before giving up with exit code 1. */
const ConnectTimeoutMs = z.number().int({ error: 'must be a whole number of ms' }).min(100, { error: 'must be at least 100' }).max(600_000, { error: 'must be at most 600000' });
const DataDir = z.string().min(1, { error: 'must not be empty' });

export const LatencyOptions = z
  .object({
    command: z.literal('latency'),
    hub: HubFlag,
    hubDialect: HubDialect,
    count: Count,
    rate: z.number().positive({ error: 'must be above 0 (requests per second)' }).max(1_000_000, { error: 'must be at most 1000000' }),
    concurrency: Concurrency,
    requestTimeoutMs: RequestTimeoutMs.optional(),
    connectTimeoutMs: ConnectTimeoutMs,
    dataDir: DataDir,
    json: z.boolean(),
  })
  .strict();
export type LatencyOptions = z.infer<typeof LatencyOptions>;
/** The latency command's options, under the name latency.ts imports. */
export const StressOptions = LatencyOptions;
export type StressOptions = LatencyOptions;

export const OrdersOptions = z
  .object({
    command: z.literal('orders'),
    hub: HubFlag,
    hubDialect: HubDialect,
    count: Count,
    concurrency: Concurrency,
    requestTimeoutMs: RequestTimeoutMs.optional(),
    connectTimeoutMs: ConnectTimeoutMs,
    /**
     * Bound on each wait for reconciliation: start-up (a previous run's orders) and the end of the
     * run (this run's unknown orders). Absent: derived from the hub's timing.
     */
    settleTimeoutMs: z.number().int({ error: 'must be a whole number of ms' }).min(100, { error: 'must be at least 100' }).max(3_600_000, { error: 'must be at most 3600000' }).optional(),
    /** Required: the orders go into this data dir's ledger, never into a console's by default. */
    dataDir: DataDir,
    json: z.boolean(),
  })
  .strict();
export type OrdersOptions = z.infer<typeof OrdersOptions>;

export type StressCommand = LatencyOptions | OrdersOptions;

const FLAGS = {
  hub: { type: 'string' },
  'hub-dialect': { type: 'string' },
  count: { type: 'string' },
  rate: { type: 'string' },
  concurrency: { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'connect-timeout-ms': { type: 'string' },
  'settle-timeout-ms': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** The flags each command takes; any other flag is refused with the command's name. */
const COMMAND_FLAGS: Readonly<Record<StressCommand['command'], ReadonlySet<keyof typeof FLAGS>>> = {
  latency: new Set(['hub', 'hub-dialect', 'count', 'rate', 'concurrency', 'request-timeout-ms', 'connect-timeout-ms', 'data-dir', 'json']),
  orders: new Set(['hub', 'hub-dialect', 'count', 'concurrency', 'request-timeout-ms', 'connect-timeout-ms', 'settle-timeout-ms', 'data-dir', 'json']),
};

const FLAG_OF: Readonly<Record<string, string>> = {
  command: 'command',
  hub: '--hub',
  hubDialect: '--hub-dialect',
  count: '--count',
  rate: '--rate',
  concurrency: '--concurrency',
  requestTimeoutMs: '--request-timeout-ms',
  connectTimeoutMs: '--connect-timeout-ms',
  settleTimeoutMs: '--settle-timeout-ms',
  dataDir: '--data-dir',
};

export const STRESS_USAGE = [
  'usage: npm run stress -- latency --hub tcp://HOST:PORT --count N --rate R',
  '         [--hub-dialect D] [--concurrency C] [--request-timeout-ms MS] [--connect-timeout-ms MS] [--data-dir DIR] [--json]',
  '       npm run stress -- orders --hub tcp://HOST:PORT --count N --data-dir DIR',
  '         [--hub-dialect D] [--concurrency C] [--request-timeout-ms MS] [--connect-timeout-ms MS] [--settle-timeout-ms MS] [--json]',
  '       npm run stress -- notion --count N --notion-base-url URL [--notion-database-id ID] [--rate R] [--json]',
  '         (token from NOTION_TOKEN; see npm run stress -- notion --help)',
  '',
  'latency: sends N pings through the console\'s hub client, open loop at R per second (request i is',
  '  due at i/R s; its latency runs from then, so stalls and a full --concurrency window count).',
  `  --concurrency       requests in flight at most (default ${DEFAULT_CONCURRENCY})`,
  '  --data-dir          where retries are logged (default: the console\'s data dir)',
  '',
  'orders: places N market orders through the console core, the path the UI takes (tickets:create,',
  '  then orders:place: ledger, gateway, hub client), at most C in flight. Waits for the hub and for',
  '  start-up reconciliation of a previous run\'s orders in DIR first; after the last reply, waits for',
  '  reconciliation of unknown orders, then verifies the ledger against the hub\'s order listing.',
  '  The pre-trade duplicate hold is OFF for this run (duplicateWindowMs 0; the console\'s default is',
  '  3 s), and symbol, side and volume vary from order to order. An order refused with nothing sent',
  '  because the console is reconciling or the hub is down is placed again once it may go (within',
  '  the settle bound; its latency includes the wait). Killed at any point (even SIGKILL),',
  '  nothing is lost: the ledger in DIR has every order; run it again on DIR to settle them.',
  `  --concurrency       orders in flight at most (default ${DEFAULT_ORDERS_CONCURRENCY})`,
  '  --settle-timeout-ms bound on each reconciliation wait (default: twice the attempt timeout + 5 s;',
  '                      start-up: + 25 s more)',
  '  --data-dir          required: the ledger the orders go into (not a data dir a console is using)',
  '  Report: count, sent, filled, rejected (by code in the table), unknown, notReceived (this run\'s',
  '  orders, final state in the ledger), unresolved (the whole ledger: pending/sent/unknown),',
  '  hubDuplicates (clientOrderIds the hub holds twice), verify, p50Ms/p99Ms (orders:place, invoke',
  '  to reply), ordersPerSec (N over the placing phase).',
  '',
  'both:',
  '  --hub-dialect       the hub\'s wire: v1 (default), origin or mql5-json-api (docs/dialects.md)',
  '  --request-timeout-ms per-attempt timeout; refused if shorter than the hub\'s (default: the hub\'s + grace)',
  `  --connect-timeout-ms how long to wait for the hub's hello (default ${DEFAULT_CONNECT_TIMEOUT_MS})`,
  '  --json              one JSON object on stdout instead of the table',
  'exit codes: 0 ran (failures, unknown orders and a failed verify are in the report), 1 run error',
  '  (no hub, start-up reconciliation not finished in time), 2 bad flags or refused by the hub',
].join('\n');

/** A flag's number, or undefined when absent; anything else is a FlagError naming the flag. */

function required<T>(flag: string, value: T | undefined): T {
  if (value === undefined) throw new FlagError(`${flag} is required`);
  return value;
}

export function parseStressArgs(argv: readonly string[], defaults: { dataDir: string }): StressCommand {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new FlagError('missing command: "latency" or "orders"');
  const command = positionals[0];
  if (positionals.length > 1 || (command !== 'latency' && command !== 'orders')) {
    throw new FlagError(`unknown command ${JSON.stringify(positionals.join(' '))}: the commands are "latency" and "orders"`);
  }
  for (const flag of Object.keys(values) as Array<keyof typeof FLAGS>) {
    if (!COMMAND_FLAGS[command].has(flag)) throw new FlagError(`--${flag} is not a flag of ${command}`);
  }
  const common = {
    hub: required('--hub', values.hub),
    hubDialect: values['hub-dialect'] ?? 'v1',
    count: required('--count', numberFrom('--count', values.count)),
    requestTimeoutMs: numberFrom('--request-timeout-ms', values['request-timeout-ms']),
    connectTimeoutMs: numberFrom('--connect-timeout-ms', values['connect-timeout-ms']) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    json: values.json ?? false,
  };
  if (command === 'orders') {
    return validated(OrdersOptions, {
      command,
      ...common,
      concurrency: numberFrom('--concurrency', values.concurrency) ?? DEFAULT_ORDERS_CONCURRENCY,
      settleTimeoutMs: numberFrom('--settle-timeout-ms', values['settle-timeout-ms']),
      dataDir: required('--data-dir', values['data-dir']),
    });
  }
  return validated(LatencyOptions, {
    command,
    hub: common.hub,
    hubDialect: common.hubDialect,
    count: common.count,
    rate: required('--rate', numberFrom('--rate', values.rate)),
    concurrency: numberFrom('--concurrency', values.concurrency) ?? DEFAULT_CONCURRENCY,
    requestTimeoutMs: common.requestTimeoutMs,
    connectTimeoutMs: common.connectTimeoutMs,
    dataDir: values['data-dir'] ?? defaults.dataDir,
    json: common.json,
  });
}

function validated<S extends z.ZodType>(schema: S, candidate: unknown): z.infer<S> {
  return validatedFlags(schema, FLAG_OF, candidate);
}

// The stress tool's command line: `latency` plus its flags, validated with zod like the console's
// config. Pure: throws a FlagError whose message names the flag; never prints or exits.
import { parseArgs } from 'node:util';
import { z } from 'zod';

export class FlagError extends Error {
  override name = 'FlagError';
}

export const DEFAULT_CONCURRENCY = 10_000;
export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
/** The console's default timeout for the first hello, before the hub has said what its own is. */
export const DEFAULT_HELLO_TIMEOUT_MS = 5000;

export const StressOptions = z
  .object({
    command: z.literal('latency'),
    hub: z.string().regex(/^tcp:\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, { error: 'must look like tcp://HOST:PORT' }),
    count: z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(10_000_000, { error: 'must be at most 10000000' }),
    rate: z.number().positive({ error: 'must be above 0 (requests per second)' }).max(1_000_000, { error: 'must be at most 1000000' }),
    concurrency: z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1_000_000, { error: 'must be at most 1000000' }),
    /** Per-attempt timeout, as in the console's settings; refused by the client if under the hub's. */
    requestTimeoutMs: z.number().int({ error: 'must be a whole number of ms' }).min(1, { error: 'must be at least 1' }).max(600_000, { error: 'must be at most 600000' }).optional(),
    /** How long to wait for the hub's hello before giving up with exit code 1. */
    connectTimeoutMs: z.number().int({ error: 'must be a whole number of ms' }).min(100, { error: 'must be at least 100' }).max(600_000, { error: 'must be at most 600000' }),
    dataDir: z.string().min(1, { error: 'must not be empty' }),
    json: z.boolean(),
  })
  .strict();
export type StressOptions = z.infer<typeof StressOptions>;

const FLAGS = {
  hub: { type: 'string' },
  count: { type: 'string' },
  rate: { type: 'string' },
  concurrency: { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'connect-timeout-ms': { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAG_OF: Readonly<Record<string, string>> = {
  command: 'command',
  hub: '--hub',
  count: '--count',
  rate: '--rate',
  concurrency: '--concurrency',
  requestTimeoutMs: '--request-timeout-ms',
  connectTimeoutMs: '--connect-timeout-ms',
  dataDir: '--data-dir',
};

export const STRESS_USAGE = [
  'usage: npm run stress -- latency --hub tcp://HOST:PORT --count N --rate R',
  '         [--concurrency C] [--request-timeout-ms MS] [--connect-timeout-ms MS] [--data-dir DIR] [--json]',
  '',
  '  Sends N pings through the console\'s hub client, open loop at R per second (request i is due at',
  '  i/R s; its latency runs from then, so stalls and a full --concurrency window count).',
  `  --concurrency       requests in flight at most (default ${DEFAULT_CONCURRENCY})`,
  '  --request-timeout-ms per-attempt timeout; refused if shorter than the hub\'s (default: the hub\'s + grace)',
  `  --connect-timeout-ms how long to wait for the hub's hello (default ${DEFAULT_CONNECT_TIMEOUT_MS})`,
  '  --data-dir          where retries are logged (default: the console\'s data dir)',
  '  --json              one JSON object on stdout instead of the table',
  'exit codes: 0 ran (failures are in the figures), 1 run error, 2 bad flags or refused by the hub',
].join('\n');

function numberFrom(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new FlagError(`${flag} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

function required<T>(flag: string, value: T | undefined): T {
  if (value === undefined) throw new FlagError(`${flag} is required`);
  return value;
}

export function parseStressArgs(argv: readonly string[], defaults: { dataDir: string }): StressOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (positionals.length === 0) throw new FlagError('missing command: the only command is "latency"');
  if (positionals.length > 1 || positionals[0] !== 'latency') {
    throw new FlagError(`unknown command ${JSON.stringify(positionals.join(' '))}: the only command is "latency"`);
  }
  const candidate = {
    command: 'latency',
    hub: required('--hub', values.hub),
    count: required('--count', numberFrom('--count', values.count)),
    rate: required('--rate', numberFrom('--rate', values.rate)),
    concurrency: numberFrom('--concurrency', values.concurrency) ?? DEFAULT_CONCURRENCY,
    requestTimeoutMs: numberFrom('--request-timeout-ms', values['request-timeout-ms']),
    connectTimeoutMs: numberFrom('--connect-timeout-ms', values['connect-timeout-ms']) ?? DEFAULT_CONNECT_TIMEOUT_MS,
    dataDir: values['data-dir'] ?? defaults.dataDir,
    json: values.json ?? false,
  };
  const result = StressOptions.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    throw new FlagError(`${FLAG_OF[key] ?? key} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

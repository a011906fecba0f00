// `stress notion`'s command line, validated with zod like the other stress commands. Pure: throws a
// FlagError naming the flag; reads the token only from the environment passed in; never prints.
import { z } from 'zod';
import { NotionBaseUrl, NotionId } from '../../../src-shared/domain/outbox';
import { DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS, DEFAULT_RATE_PER_SEC } from '../../integrations/notion/outbox-dispatcher';
import { DEFAULT_NOTION_TIMEOUT_MS } from '../../integrations/notion/notion-pusher';
import { FlagError, numberFrom } from './flags';
import { parseFlags, validatedFlags } from './parse-flags';

const Int = (min: number, max: number) =>
  z.number().int({ error: 'must be a whole number' }).min(min, { error: `must be at least ${min}` }).max(max, { error: `must be at most ${max}` });

export const NotionStressOptions = z
  .object({
    /** Events to enqueue (0 with --resume: only drain what the data dir's outbox holds). */
    count: Int(0, 1_000_000),
    resume: z.boolean(),
    baseUrl: NotionBaseUrl,
    databaseId: NotionId,
    token: z.string().min(1, { error: 'is empty' }),
    rate: z.number().positive({ error: 'must be above 0 (requests per second)' }).max(10_000, { error: 'must be at most 10000' }),
    /** Absent: a new temp dir. */
    dataDir: z.string().min(1).optional(),
    initialDelayMs: Int(0, 600_000),
    maxDelayMs: Int(0, 3_600_000),
    lookupDelayMs: Int(0, 600_000),
    maxAttempts: Int(1, 1000),
    timeoutMs: Int(1, 600_000),
    json: z.boolean(),
  })
  .strict()
  .refine((o) => o.resume || o.count > 0, { error: 'is required (at least 1) unless --resume', path: ['count'] });
export type NotionStressOptions = z.infer<typeof NotionStressOptions>;

const FLAGS = {
  count: { type: 'string' },
  resume: { type: 'boolean' },
  'notion-base-url': { type: 'string' },
  'notion-database-id': { type: 'string' },
  rate: { type: 'string' },
  'data-dir': { type: 'string' },
  'initial-delay-ms': { type: 'string' },
  'max-delay-ms': { type: 'string' },
  'lookup-delay-ms': { type: 'string' },
  'max-attempts': { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
} as const;

const FLAG_OF: Readonly<Record<string, string>> = {
  count: '--count',
  baseUrl: '--notion-base-url',
  databaseId: '--notion-database-id (or NOTION_DATABASE_ID)',
  token: 'NOTION_TOKEN',
  rate: '--rate',
  dataDir: '--data-dir',
  initialDelayMs: '--initial-delay-ms',
  maxDelayMs: '--max-delay-ms',
  lookupDelayMs: '--lookup-delay-ms',
  maxAttempts: '--max-attempts',
  timeoutMs: '--timeout-ms',
};

export const NOTION_STRESS_USAGE = [
  'usage: npm run stress -- notion --count N --notion-base-url URL [--notion-database-id ID] [--rate R]',
  '         [--data-dir DIR] [--resume] [--max-attempts N] [--initial-delay-ms MS] [--max-delay-ms MS]',
  '         [--lookup-delay-ms MS] [--timeout-ms MS] [--json]',
  '',
  'notion: enqueues N events into the Notion outbox in DIR (a new temp dir by default), pushes them',
  '  through the dispatcher the console uses until each is pushed or parked, then lists the database',
  '  and counts the pages carrying each event id. The token is read from NOTION_TOKEN (never a flag).',
  `  --rate              requests per second, look-ups and creates alike (default ${DEFAULT_RATE_PER_SEC})`,
  '  --notion-database-id the database (default NOTION_DATABASE_ID)',
  '  --resume            enqueue nothing: finish what DIR\'s outbox holds (after a killed run)',
  `  --max-attempts      attempts per event before it is parked (default ${DEFAULT_MAX_ATTEMPTS})`,
  `  --initial-delay-ms  first backoff (default ${DEFAULT_BACKOFF.initialDelayMs}); --max-delay-ms largest (default ${DEFAULT_BACKOFF.maxDelayMs})`,
  `  --lookup-delay-ms   least wait before looking up a page a lost reply may have created (default ${DEFAULT_BACKOFF.lookupDelayMs})`,
  `  --timeout-ms        per request (default ${DEFAULT_NOTION_TIMEOUT_MS})`,
  '  Report: events, pushed, created (event ids with a page), duplicates (pages beyond one per id),',
  '  missing (pushed ids with no page), parked, attempts, successRate (successful attempts ÷ attempts),',
  '  deliveryRate (pushed ÷ pushed+parked), foundByQuery, pushSeconds.',
  'exit codes: 0 ran (duplicates and parked events are in the report), 1 the database could not be',
  '  listed, 2 bad flags or no token',
].join('\n');

/** argv after the word `notion` (a leading `notion` is skipped too). */
export function parseNotionStressArgs(argv: readonly string[], env: Record<string, string | undefined>): NotionStressOptions {
  const values = parseFlags(argv[0] === 'notion' ? argv.slice(1) : argv, FLAGS);
  const resume = values.resume ?? false;
  const baseUrl = values['notion-base-url'];
  if (baseUrl === undefined) throw new FlagError('--notion-base-url is required');
  const databaseId = values['notion-database-id'] ?? env.NOTION_DATABASE_ID;
  if (databaseId === undefined) throw new FlagError('--notion-database-id (or NOTION_DATABASE_ID) is required');
  const token = env.NOTION_TOKEN;
  if (token === undefined || token.trim() === '') throw new FlagError('NOTION_TOKEN is not set: the token is read from the environment only');
  // The token's own value never goes into a message: the schema's wording does.
  return validatedFlags(NotionStressOptions, FLAG_OF, {
    count: numberFrom('--count', values.count) ?? 0,
    resume,
    baseUrl,
    databaseId,
    token,
    rate: numberFrom('--rate', values.rate) ?? DEFAULT_RATE_PER_SEC,
    dataDir: values['data-dir'],
    initialDelayMs: numberFrom('--initial-delay-ms', values['initial-delay-ms']) ?? DEFAULT_BACKOFF.initialDelayMs,
    maxDelayMs: numberFrom('--max-delay-ms', values['max-delay-ms']) ?? DEFAULT_BACKOFF.maxDelayMs,
    lookupDelayMs: numberFrom('--lookup-delay-ms', values['lookup-delay-ms']) ?? DEFAULT_BACKOFF.lookupDelayMs,
    maxAttempts: numberFrom('--max-attempts', values['max-attempts']) ?? DEFAULT_MAX_ATTEMPTS,
    timeoutMs: numberFrom('--timeout-ms', values['timeout-ms']) ?? DEFAULT_NOTION_TIMEOUT_MS,
    json: values.json ?? false,
  });
}

// The Notion simulator's options (zod, with the CLI's flag parser) and its fault dice: which
// requests fail, how, and whether before or after the page was created. Pure apart from the seed default.
import { randomInt, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { chance, mulberry32, type Random } from '../../hub/sim/random';

/**
 * Before doing anything: `rate-limited` (429 + Retry-After), `overloaded` (529 + Retry-After),
 * `error-500`, `timeout` (held past the client's timeout, then the socket is closed), `bad-request`
 * (400). After doing the request (a create happened, the reply is lost): `lost-500`, `lost-502`,
 * `lost-504`, `lost-reset` (socket destroyed), `garbage` (200 with a body that is not JSON) and,
 * only when scripted, `lost-timeout` (the reply held like `timeout`: a process can die meanwhile).
 */
export const SIM_FAULTS = ['rate-limited', 'overloaded', 'error-500', 'timeout', 'bad-request', 'lost-500', 'lost-502', 'lost-504', 'lost-reset', 'lost-timeout', 'garbage'] as const;
export type SimFault = (typeof SIM_FAULTS)[number];
export const AFTER_FAULTS: ReadonlySet<SimFault> = new Set(['lost-500', 'lost-502', 'lost-504', 'lost-reset', 'lost-timeout', 'garbage']);
const RANDOM_BEFORE: readonly SimFault[] = ['rate-limited', 'error-500', 'overloaded', 'timeout'];
const RANDOM_AFTER: readonly SimFault[] = ['lost-500', 'lost-502', 'lost-504', 'lost-reset'];

export type SimRoute = 'database' | 'data-source' | 'query' | 'create';

/** A fault forced on the next request of a route (`any`: whichever comes first), before the dice. */
export const ScriptedFault = z
  .object({
    on: z.enum(['any', 'database', 'data-source', 'query', 'create']).default('any'),
    fault: z.enum(SIM_FAULTS),
    /** Retry-After for rate-limited/overloaded (default: the dice's). */
    retryAfterS: z.number().int().min(0).max(3600).optional(),
  })
  .strict();
export type ScriptedFault = z.input<typeof ScriptedFault>;

const probability = z.number().min(0).max(1);

export const NotionSimOptions = z
  .object({
    port: z.number().int().min(0).max(65535).default(0),
    token: z.string().min(1).default('secret_sim_token'),
    seed: z.number().int().min(0).max(0xffffffff).default(() => randomInt(0, 0xffffffff)),
    /** Fraction of API requests that fail. */
    fail: probability.default(0),
    /** Of the failing requests, the fraction that fail after doing the request (a create happened). */
    failAfterCreate: probability.default(0),
    /** Retry-After on a 429/529 is a whole number of seconds from 0 to this. */
    retryAfterMaxS: z.number().int().min(0).max(60).default(1),
    /** How long a `timeout` fault holds the request before closing its socket. */
    holdMs: z.number().int().min(0).max(600_000).default(65_000),
    databaseId: z.uuid().default(() => randomUUID()),
    dataSourceId: z.uuid().default(() => randomUUID()),
    /** JSON-lines file of the pages: loaded at start, one line appended per page. */
    stateFile: z.string().min(1).optional(),
  })
  .strict();
export type NotionSimOptions = z.output<typeof NotionSimOptions>;
export type NotionSimOptionsInput = z.input<typeof NotionSimOptions>;

/** What the dice may change while the simulator runs (admin `POST /__sim/faults`); `script` replaces the queue. */
export const FaultSettings = z
  .object({ fail: probability, failAfterCreate: probability, retryAfterMaxS: z.number().int().min(0).max(60), holdMs: z.number().int().min(0).max(600_000), script: z.array(ScriptedFault) })
  .partial()
  .strict();
export type FaultSettings = z.input<typeof FaultSettings>;

export interface FaultChoice {
  fault: SimFault;
  retryAfterS: number;
}

export class FaultDice {
  private readonly random: Random;
  private script: Array<z.output<typeof ScriptedFault>> = [];

  constructor(
    private settings: Pick<NotionSimOptions, 'fail' | 'failAfterCreate' | 'retryAfterMaxS' | 'holdMs'>,
    seed: number,
  ) {
    this.random = mulberry32(seed);
  }

  get holdMs(): number {
    return this.settings.holdMs;
  }

  update(change: FaultSettings): void {
    const parsed = FaultSettings.parse(change);
    const { script, ...rest } = parsed;
    this.settings = { ...this.settings, ...rest };
    if (script) this.script = script.map((entry) => ScriptedFault.parse(entry));
  }

  /** The fault for a request on `route`, or undefined for a normal answer. */
  roll(route: SimRoute): FaultChoice | undefined {
    const index = this.script.findIndex((entry) => entry.on === 'any' || entry.on === route);
    if (index >= 0) {
      const [entry] = this.script.splice(index, 1);
      if (entry) return { fault: entry.fault, retryAfterS: entry.retryAfterS ?? this.retryAfter() };
    }
    if (!chance(this.random, this.settings.fail)) return undefined;
    const pool = chance(this.random, this.settings.failAfterCreate) ? RANDOM_AFTER : RANDOM_BEFORE;
    const fault = pool[Math.floor(this.random() * pool.length)] ?? 'error-500';
    return { fault, retryAfterS: this.retryAfter() };
  }

  private retryAfter(): number {
    return Math.floor(this.random() * (this.settings.retryAfterMaxS + 1));
  }
}

export const NOTION_SIM_USAGE = [
  'usage: tsx src-main/integrations/notion/notion-sim-cli.ts [--port N] [--token T] [--seed S] [--fail P] [--fail-after-create Q]',
  '         [--retry-after-max S] [--hold-ms MS] [--database-id UUID] [--state FILE]',
  '  --fail P               fraction of API requests that fail (default 0)',
  '  --fail-after-create Q  of those, the fraction that fail after the request was done (the page',
  '                         exists, the reply is lost: 500/502/504 or a reset socket); the rest are',
  '                         429, 500, 529 (Retry-After 0..S s) or held past the client timeout',
  '  --retry-after-max S    largest Retry-After on a 429/529, in seconds (default 1)',
  '  --hold-ms MS           how long a timeout fault holds the request (default 65000)',
  '  --state FILE           keep the pages in FILE (JSON lines) across restarts',
  'Prints {"url":"http://127.0.0.1:N","databaseId":"…"} when listening; admin: GET /__sim/pages.',
].join('\n');

/** The CLI's flags as options; throws an Error naming the flag. */
export function parseNotionSimArgs(argv: readonly string[]): NotionSimOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: 'string' },
      token: { type: 'string' },
      seed: { type: 'string' },
      fail: { type: 'string' },
      'fail-after-create': { type: 'string' },
      'retry-after-max': { type: 'string' },
      'hold-ms': { type: 'string' },
      'database-id': { type: 'string' },
      state: { type: 'string' },
    },
  });
  const num = (flag: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw new Error(`--${flag} must be a number, got ${JSON.stringify(raw)}`);
    return value;
  };
  const candidate = {
    port: num('port', values.port),
    token: values.token,
    seed: num('seed', values.seed),
    fail: num('fail', values.fail),
    failAfterCreate: num('fail-after-create', values['fail-after-create']),
    retryAfterMaxS: num('retry-after-max', values['retry-after-max']),
    holdMs: num('hold-ms', values['hold-ms']),
    databaseId: values['database-id'],
    stateFile: values.state,
  };
  const result = NotionSimOptions.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)));
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    const flag = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace('retry-after-max-s', 'retry-after-max').replace('state-file', 'state');
    throw new Error(`--${flag} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

// The simulated hub's options: one zod schema (defaults included) and the command-line parser
// that fills it. Throws an Error naming the offending flag; never exits or prints.
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { isHubOp } from '../protocol';

const probability = z.number().min(0).max(1);
const ms = z.number().int().nonnegative();

/** The wire the simulated hub speaks: hub protocol v1, the origin gateway's or MQL5-JSON-API's (docs/dialects.md). */
export const SimHubDialect = z.enum(['v1', 'origin', 'mql5-json-api']);
export type SimHubDialect = z.infer<typeof SimHubDialect>;

export const SimHubOptions = z.object({
  /** Unset: v1 (left out rather than defaulted, so v1 options read exactly as before). */
  dialect: SimHubDialect.optional(),
  port: z.number().int().min(0).max(65534).default(5555),
  host: z.string().min(1).default('127.0.0.1'),
  stateFile: z.string().min(1).optional(),
  seed: z.number().int().min(0).max(0xffffffff).default(() => randomInt(0, 0xffffffff)),
  requestTimeoutMs: z.number().int().positive().default(5000),
  heartbeatMs: z.number().int().positive().default(1000),
  maxBackoffMs: ms.default(2000),
  maxRetries: ms.default(10),
  /** Quote walk cadence; 0 freezes prices (only admin.setQuote moves them). */
  quoteMs: ms.default(250),
  dropRequest: probability.default(0),
  dropReply: probability.default(0),
  delayMs: z
    .object({ min: ms, max: ms })
    .refine((r) => r.min <= r.max, 'min must not exceed max')
    .optional(),
  delayP: probability.default(1),
  duplicateReply: probability.default(0),
  stallEveryMs: ms.default(0),
  stallMs: ms.default(0),
  /** Ops the request/reply faults apply to; unset: every op except admin.*. */
  faultOps: z.array(z.string().refine(isHubOp, 'unknown op')).min(1).optional(),
  dedupe: z.boolean().default(true),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SimHubOptions = z.output<typeof SimHubOptions>;
export type SimHubOptionsInput = z.input<typeof SimHubOptions>;

type Key = keyof SimHubOptions;
type Kind = 'int' | 'probability' | 'range' | 'list' | 'text' | 'switch';

interface Flag {
  readonly key: Key;
  readonly kind: Kind;
  readonly expected: string;
}

const FLAGS: Readonly<Record<string, Flag>> = {
  '--dialect': { key: 'dialect', kind: 'text', expected: 'v1, origin or mql5-json-api' },
  '--port': { key: 'port', kind: 'int', expected: 'an integer from 0 to 65534' },
  '--host': { key: 'host', kind: 'text', expected: 'a host name or address' },
  '--state-file': { key: 'stateFile', kind: 'text', expected: 'a file path' },
  '--seed': { key: 'seed', kind: 'int', expected: 'an integer from 0 to 4294967295' },
  '--request-timeout-ms': { key: 'requestTimeoutMs', kind: 'int', expected: 'a positive integer' },
  '--heartbeat-ms': { key: 'heartbeatMs', kind: 'int', expected: 'a positive integer' },
  '--max-backoff-ms': { key: 'maxBackoffMs', kind: 'int', expected: 'a non-negative integer' },
  '--max-retries': { key: 'maxRetries', kind: 'int', expected: 'a non-negative integer' },
  '--quote-ms': { key: 'quoteMs', kind: 'int', expected: 'a non-negative integer (0 freezes prices)' },
  '--drop-request': { key: 'dropRequest', kind: 'probability', expected: 'a probability from 0 to 1' },
  '--drop-reply': { key: 'dropReply', kind: 'probability', expected: 'a probability from 0 to 1' },
  '--delay-ms': { key: 'delayMs', kind: 'range', expected: 'MIN-MAX in ms, MIN <= MAX' },
  '--delay-p': { key: 'delayP', kind: 'probability', expected: 'a probability from 0 to 1' },
  '--duplicate-reply': { key: 'duplicateReply', kind: 'probability', expected: 'a probability from 0 to 1' },
  '--stall-every-ms': { key: 'stallEveryMs', kind: 'int', expected: 'a non-negative integer' },
  '--stall-ms': { key: 'stallMs', kind: 'int', expected: 'a non-negative integer' },
  '--fault-ops': { key: 'faultOps', kind: 'list', expected: 'comma-separated protocol ops, e.g. placeOrder,ping' },
  '--no-dedupe': { key: 'dedupe', kind: 'switch', expected: 'no value' },
  '--log-level': { key: 'logLevel', kind: 'text', expected: 'fatal, error, warn, info, debug, trace or silent' },
};

export const SIM_HUB_FLAGS: readonly string[] = Object.keys(FLAGS);

/**
 * Parses `--flag value` / `--flag=value` arguments (a repeated flag: the last one wins, so callers
 * can append overrides to a base list). The message of a thrown Error names the flag.
 */
export function parseSimHubArgs(argv: readonly string[]): SimHubOptions {
  const raw: Partial<Record<Key, unknown>> = {};
  const seen = new Set<string>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAGS[name];
    if (!flag) throw new Error(arg.startsWith('--') ? `unknown flag ${name}` : `unexpected argument "${arg}"`);
    seen.add(name);
    if (flag.kind === 'switch') {
      if (eq > 0) throw new Error(`${name} takes no value`);
      raw[flag.key] = false;
      continue;
    }
    let text: string | undefined;
    if (eq > 0) text = arg.slice(eq + 1);
    else {
      text = argv[i + 1];
      i += 1;
    }
    if (text === undefined || (eq < 0 && text.startsWith('--'))) throw new Error(`${name} needs a value: ${flag.expected}`);
    raw[flag.key] = convert(name, flag, text);
  }
  if (seen.has('--stall-every-ms') !== seen.has('--stall-ms')) {
    throw new Error(seen.has('--stall-ms') ? '--stall-ms needs --stall-every-ms' : '--stall-every-ms needs --stall-ms');
  }
  if (seen.has('--delay-p') && !seen.has('--delay-ms')) throw new Error('--delay-p needs --delay-ms');
  return SimHubOptions.parse(raw);
}

function convert(name: string, flag: Flag, text: string): unknown {
  const bad = (): Error => new Error(`invalid value for ${name}: "${text}" (expected ${flag.expected})`);
  let value: unknown;
  if (flag.kind === 'int') {
    if (!/^\d{1,10}$/.test(text)) throw bad();
    value = Number(text);
  } else if (flag.kind === 'probability') {
    if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) throw bad();
    value = Number(text);
  } else if (flag.kind === 'range') {
    const match = /^(\d{1,9})-(\d{1,9})$/.exec(text);
    if (!match) throw bad();
    value = { min: Number(match[1]), max: Number(match[2]) };
  } else if (flag.kind === 'list') {
    value = text.split(',').map((item) => item.trim());
  } else {
    value = text;
  }
  if (!SimHubOptions.shape[flag.key].safeParse(value).success) throw bad();
  return value;
}

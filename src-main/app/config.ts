// The console's one configuration: defaults < config file < environment < command-line flags,
// validated with zod. A bad value stops start-up with a message naming it; nothing is guessed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { HubDialect } from '../../src-shared/domain/dialects';
import { IDEMPOTENT_OPERATIONS } from '../../src-shared/domain/retry';

const HubAddress = z
  .string()
  .regex(/^tcp:\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'hub address must look like tcp://HOST:PORT');


const IDEMPOTENT: ReadonlySet<string> = new Set(IDEMPOTENT_OPERATIONS);

/** Only idempotent operations may be retried; placeOrder never (a retried order can execute twice). */
const RetryOps = z.array(z.string()).superRefine((ops, ctx) => {
  const refused = [...new Set(ops.filter((op) => !IDEMPOTENT.has(op)))];
  if (refused.length === 0) return;
  const unknown = refused.filter((op) => op !== 'placeOrder');
  const reasons = [
    ...(refused.includes('placeOrder') ? ['placeOrder may never be retried (a retried order can execute twice)'] : []),
    ...(unknown.length > 0 ? [`${unknown.join(', ')}: not an idempotent hub operation`] : []),
  ];
  ctx.addIssue({ code: 'custom', message: `${reasons.join('; ')}. Only these may be retried: ${IDEMPOTENT_OPERATIONS.join(', ')}` });
});

const ConfigShape = z
  .object({
    /** The hub's request endpoint; absent means the embedded simulated hub. */
    hubAddress: HubAddress.optional(),
    /** The hub's wire: hub protocol v1, the origin gateway's or MQL5-JSON-API's (docs/dialects.md; needs hubAddress). */
    hubDialect: HubDialect.optional(),
    dataDir: z.string().min(1),
    /** Port of the headless host; 0 picks a free one. */
    port: z.number().int().min(0).max(65535),
    /** Timeout of the first hello, before the hub's own timing is known. */
    initialRequestTimeoutMs: z.number().int().min(100).max(600_000),
    /**
     * Per-attempt request timeout. Absent: the hub's requestTimeoutMs plus a grace. Shorter than the
     * hub's: refused when the hub says hello. Over twice the hub's: a warning.
     */
    requestTimeoutMs: z.number().int().min(1).max(600_000).optional(),
    embeddedHubSeed: z.number().int().optional(),
    /** Pre-trade check: the same order again within this many ms is held for confirmation (0: off). */
    duplicateWindowMs: z.number().int().min(0).max(3_600_000),
    /** Notion: the API base URL (default https://api.notion.com) and the database pushes go to. */
    notionBaseUrl: z.string().url().optional(),
    notionDatabaseId: z.string().regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, 'must be a Notion id (32 hex digits)').optional(),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    /** Opt-in Prometheus exposition on 127.0.0.1:N/metrics (0 picks a free port); absent: off. */
    metricsPort: z.number().int().min(0).max(65535).optional(),
    /** Retries of an idempotent call; absent: the hub's maxRetries. Above the hub's: refused at hello. */
    maxRetries: z.number().int().min(0).optional(),
    /** Cap of the backoff between retries; absent: the hub's. Above the hub's: refused at hello. */
    maxBackoffMs: z.number().int().min(0).optional(),
    /** The operations the connection layer may retry; absent: every idempotent one. */
    retryOps: RetryOps.optional(),
    /** The settings reviewer (OpenAI-compatible). Its API key is read from HUBDESK_REVIEWER_API_KEY only. */
    reviewerBaseUrl: z.url({ protocol: /^https?$/, message: 'reviewer base URL must be an http(s) URL' }).optional(),
    reviewerModel: z.string().trim().min(1).max(200).optional(),
    reviewerTimeoutMs: z.number().int().min(100).max(120_000).optional(),
    /** The headless host's interface: loopback by default; any other needs TLS (refused without). */
    listen: z.string().min(1).max(255).optional(),
    /** PEM certificate and key files for the headless host's HTTPS and WSS. */
    tlsCert: z.string().min(1).optional(),
    tlsKey: z.string().min(1).optional(),
    /** The host name people use to reach a non-loopback host (its URLs and allowed Origin); default: this machine's name. */
    publicHost: z.string().regex(/^[A-Za-z0-9.\-:[\]]+$/, 'public host must be a host name or address').max(255).optional(),
    /** WebSocket messages per second per connection (twice as many in a burst). */
    wsRatePerSec: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

export const ConsoleConfig = ConfigShape.superRefine((config, ctx) => {
    const refusal = exposureRefusal(config);
    if (refusal) ctx.addIssue({ code: 'custom', path: ['listen'], message: refusal });
    // The embedded simulated hub speaks v1 only: another dialect needs a hub to connect to.
    if (config.hubDialect !== undefined && config.hubDialect !== 'v1' && config.hubAddress === undefined) {
      ctx.addIssue({ code: 'custom', path: ['hubDialect'], message: `--hub-dialect ${config.hubDialect} needs --hub tcp://HOST:PORT (the embedded simulated hub speaks v1 only)` });
    }
  });
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;

/** Loopback: reachable from this machine only, where the token alone guards the console. */
export function isLoopback(address: string): boolean {
  return address === 'localhost' || address === '::1' || address === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/** Why this exposure is refused, if it is: beyond loopback only with TLS, and TLS needs both files. */
function exposureRefusal(config: { listen?: string | undefined; tlsCert?: string | undefined; tlsKey?: string | undefined }): string | undefined {
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) return 'TLS needs both --tls-cert and --tls-key';
  if (config.listen !== undefined && !isLoopback(config.listen) && config.tlsCert === undefined) {
    return `--listen ${config.listen} would serve the console beyond this machine without encryption (its access tokens would cross the network in clear text); give --tls-cert FILE and --tls-key FILE, or listen on 127.0.0.1`;
  }
  return undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const FILE_KEYS = ConfigShape.partial().strict();

const FLAGS = {
  hub: { type: 'string' },
  'hub-dialect': { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  seed: { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'duplicate-window-ms': { type: 'string' },
  'metrics-port': { type: 'string' },
  'max-retries': { type: 'string' },
  'max-backoff-ms': { type: 'string' },
  listen: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'public-host': { type: 'string' },
  'ws-rate': { type: 'string' },
} as const;

/**
 * The console's own flags out of a command line that also carries Electron's and Chromium's
 * switches (and the app path), for the desktop app, whose argv the console does not own.
 */
export function pickConsoleArgs(argv: readonly string[]): string[] {
  const picked: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    const name = token.startsWith('--') ? token.slice(2).split('=')[0] : undefined;
    if (name === undefined || !Object.hasOwn(FLAGS, name)) continue;
    picked.push(token);
    const value = argv[i + 1];
    if (!token.includes('=') && value !== undefined) {
      picked.push(value);
      i++;
    }
  }
  return picked;
}

function numberFrom(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new ConfigError(`${name} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

function readFile(path: string, required: boolean): Record<string, unknown> {
  if (!existsSync(path)) {
    if (required) throw new ConfigError(`config file ${path} does not exist`);
    return {};
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof raw === 'object' && raw !== null && Object.keys(raw).some((key) => /api.?key/i.test(key))) {
    throw new ConfigError(`config file ${path}: an API key does not belong in the config file; set HUBDESK_REVIEWER_API_KEY instead`);
  }
  const parsed = FILE_KEYS.safeParse(raw);
  if (!parsed.success) throw new ConfigError(`config file ${path}: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

function formatIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ');
}

function definedOnly(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

export interface LoadConfigInput {
  argv: string[];
  env: Record<string, string | undefined>;
  defaultDataDir: string;
}

export function loadConfig({ argv, env, defaultDataDir }: LoadConfigInput): ConsoleConfig {
  let flags: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: false }>>['values'];
  try {
    flags = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  const fromEnv = definedOnly({
    hubAddress: env.HUBDESK_HUB || undefined,
    hubDialect: env.HUBDESK_HUB_DIALECT || undefined,
    dataDir: env.HUBDESK_DATA_DIR || undefined,
    port: numberFrom('HUBDESK_PORT', env.HUBDESK_PORT || undefined),
    logLevel: env.HUBDESK_LOG_LEVEL || undefined,
    requestTimeoutMs: numberFrom('HUBDESK_REQUEST_TIMEOUT_MS', env.HUBDESK_REQUEST_TIMEOUT_MS || undefined),
    duplicateWindowMs: numberFrom('HUBDESK_DUPLICATE_WINDOW_MS', env.HUBDESK_DUPLICATE_WINDOW_MS || undefined),
    metricsPort: numberFrom('HUBDESK_METRICS_PORT', env.HUBDESK_METRICS_PORT || undefined),
    maxRetries: numberFrom('HUBDESK_MAX_RETRIES', env.HUBDESK_MAX_RETRIES || undefined),
    maxBackoffMs: numberFrom('HUBDESK_MAX_BACKOFF_MS', env.HUBDESK_MAX_BACKOFF_MS || undefined),
    reviewerBaseUrl: env.HUBDESK_REVIEWER_BASE_URL || undefined,
    reviewerModel: env.HUBDESK_REVIEWER_MODEL || undefined,
    notionBaseUrl: env.HUBDESK_NOTION_BASE_URL || undefined,
    notionDatabaseId: env.HUBDESK_NOTION_DATABASE_ID || undefined,
    listen: env.HUBDESK_LISTEN || undefined,
    tlsCert: env.HUBDESK_TLS_CERT || undefined,
    tlsKey: env.HUBDESK_TLS_KEY || undefined,
  });
  const fromFlags = definedOnly({
    hubAddress: flags.hub,
    hubDialect: flags['hub-dialect'],
    dataDir: flags['data-dir'],
    port: numberFrom('--port', flags.port),
    logLevel: flags['log-level'],
    embeddedHubSeed: numberFrom('--seed', flags.seed),
    requestTimeoutMs: numberFrom('--request-timeout-ms', flags['request-timeout-ms']),
    duplicateWindowMs: numberFrom('--duplicate-window-ms', flags['duplicate-window-ms']),
    metricsPort: numberFrom('--metrics-port', flags['metrics-port']),
    maxRetries: numberFrom('--max-retries', flags['max-retries']),
    maxBackoffMs: numberFrom('--max-backoff-ms', flags['max-backoff-ms']),
    listen: flags.listen,
    tlsCert: flags['tls-cert'],
    tlsKey: flags['tls-key'],
    publicHost: flags['public-host'],
    wsRatePerSec: numberFrom('--ws-rate', flags['ws-rate']),
  });
  const dataDir = String(fromFlags.dataDir ?? fromEnv.dataDir ?? defaultDataDir);
  const configPath = flags.config ?? env.HUBDESK_CONFIG;
  const fromFile = readFile(configPath ?? join(dataDir, 'config.json'), configPath !== undefined);
  const merged = {
    port: 0,
    initialRequestTimeoutMs: 5000,
    duplicateWindowMs: 3000,
    logLevel: 'info',
    ...fromFile,
    ...fromEnv,
    ...fromFlags,
    dataDir,
  };
  const parsed = ConsoleConfig.safeParse(merged);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${formatIssues(parsed.error)}`);
  return parsed.data;
}

// The console's one configuration: defaults < config file < environment < command-line flags,
// validated with zod. A bad value stops start-up with a message naming it; nothing is guessed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';

const HubAddress = z
  .string()
  .regex(/^tcp:\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}$/, 'hub address must look like tcp://HOST:PORT');

export const ConsoleConfig = z
  .object({
    /** The hub's request endpoint; absent means the embedded simulated hub. */
    hubAddress: HubAddress.optional(),
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
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    /** Opt-in Prometheus exposition on 127.0.0.1:N/metrics (0 picks a free port); absent: off. */
    metricsPort: z.number().int().min(0).max(65535).optional(),
  })
  .strict();
export type ConsoleConfig = z.infer<typeof ConsoleConfig>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const FILE_KEYS = ConsoleConfig.partial().strict();

const FLAGS = {
  hub: { type: 'string' },
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  'log-level': { type: 'string' },
  seed: { type: 'string' },
  'request-timeout-ms': { type: 'string' },
  'duplicate-window-ms': { type: 'string' },
  'metrics-port': { type: 'string' },
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
    dataDir: env.HUBDESK_DATA_DIR || undefined,
    port: numberFrom('HUBDESK_PORT', env.HUBDESK_PORT || undefined),
    logLevel: env.HUBDESK_LOG_LEVEL || undefined,
    requestTimeoutMs: numberFrom('HUBDESK_REQUEST_TIMEOUT_MS', env.HUBDESK_REQUEST_TIMEOUT_MS || undefined),
    duplicateWindowMs: numberFrom('HUBDESK_DUPLICATE_WINDOW_MS', env.HUBDESK_DUPLICATE_WINDOW_MS || undefined),
    metricsPort: numberFrom('HUBDESK_METRICS_PORT', env.HUBDESK_METRICS_PORT || undefined),
  });
  const fromFlags = definedOnly({
    hubAddress: flags.hub,
    dataDir: flags['data-dir'],
    port: numberFrom('--port', flags.port),
    logLevel: flags['log-level'],
    embeddedHubSeed: numberFrom('--seed', flags.seed),
    requestTimeoutMs: numberFrom('--request-timeout-ms', flags['request-timeout-ms']),
    duplicateWindowMs: numberFrom('--duplicate-window-ms', flags['duplicate-window-ms']),
    metricsPort: numberFrom('--metrics-port', flags['metrics-port']),
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

// Where an applied setting goes: which apply live and which at the next start, and writing the
// start-up ones into config.json (atomically, other keys untouched). It decides nothing about
// whether a change is allowed; that is the gate's job.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, basename, join } from 'node:path';
import type { AlertRule } from '../../src-shared/domain/alerts';
import type { ReviewableSettings, SettingKey } from '../../src-shared/domain/settings';
import { DEFAULT_SETTINGS, normalizeSettings } from './gate-rules';

/** Read by running services on the next change; everything else is read once, at start. */
export const APPLIES_LIVE: readonly SettingKey[] = ['alertThresholds', 'duplicateWindowMs'];

export interface ApplyPlan {
  live: SettingKey[];
  atRestart: SettingKey[];
}

export function applyPlan(keys: readonly SettingKey[]): ApplyPlan {
  return { live: keys.filter((key) => APPLIES_LIVE.includes(key)), atRestart: keys.filter((key) => !APPLIES_LIVE.includes(key)) };
}

/**
 * The keys config.ts reads from config.json. config.json is parsed strictly, so a key it does not
 * know must not be written.
 * Alert thresholds live in alerts.sqlite, not in config.json.
 */
export const CONFIG_FILE_KEYS: readonly SettingKey[] = ['hubAddress', 'requestTimeoutMs', 'maxRetries', 'maxBackoffMs', 'retryOps', 'duplicateWindowMs'];

function readJsonObject(path: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`config file ${path} is not valid JSON (${(error as Error).message}); it was left as it is`, { cause: error });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`config file ${path} is not a JSON object; it was left as it is`);
  return raw as Record<string, unknown>;
}

/** Writes `text` to `path` so a reader sees the old file or the new one, never half of one. */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Writes `settings` into the config file the console reads at start: `keys` only (null removes the
 * key: no hub address means the embedded hub, no timeout means follow the hub); all other keys kept.
 */
export function writeSettingsToConfig(configPath: string, settings: ReviewableSettings, keys: readonly SettingKey[] = CONFIG_FILE_KEYS): void {
  patchConfigFile(configPath, Object.fromEntries(keys.map((key) => [key, settings[key]])));
}

/**
 * Sets `patch`'s keys in a JSON config file, atomically (null or undefined removes a key); every
 * other key is kept. A file that is not a JSON object is left untouched, and this throws.
 */
export function patchConfigFile(configPath: string, patch: Readonly<Record<string, unknown>>): void {
  const file = readJsonObject(configPath);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null || value === undefined) delete file[key];
    else file[key] = value;
  }
  writeFileAtomic(configPath, `${JSON.stringify(file, null, 2)}\n`);
}

/** What the console runs with today, as reviewable settings: the gate's first `current`. */
export interface RunningSettings {
  hubAddress?: string | undefined;
  requestTimeoutMs?: number | undefined;
  duplicateWindowMs: number;
  maxRetries?: number | undefined;
  maxBackoffMs?: number | undefined;
  retryOps?: readonly string[] | undefined;
}

export function settingsFromRunning(running: RunningSettings, alertRules: readonly AlertRule[]): ReviewableSettings {
  return normalizeSettings({
    hubAddress: running.hubAddress ?? null,
    requestTimeoutMs: running.requestTimeoutMs ?? null,
    maxRetries: running.maxRetries ?? DEFAULT_SETTINGS.maxRetries,
    maxBackoffMs: running.maxBackoffMs ?? DEFAULT_SETTINGS.maxBackoffMs,
    retryOps: [...(running.retryOps ?? DEFAULT_SETTINGS.retryOps)],
    duplicateWindowMs: running.duplicateWindowMs,
    alertThresholds: Object.fromEntries(alertRules.map((rule) => [rule.id, rule.threshold])),
  });
}

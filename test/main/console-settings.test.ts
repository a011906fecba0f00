// The settings gate in a running console, through the same router the UI uses, against the real
// simulated hub: a timeout below the hub's deadline is refused with both values and nothing
// changes; an applied duplicate window takes effect at once and can be rolled back; an alert
// threshold edited in the Alerts view goes through the gate; restart-only settings reach config.json.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../../src-shared/domain/settings';
import type { SettingsState } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { testConfig } from '../support/console-config';
import { spawnHub } from '../support/hub-process';
import { waitFor } from '../support/wait';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function ok<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.result as T;
}

async function consoleOnHub(dataDirOut?: { dir: string }): Promise<ConsoleApp> {
  const hub = await spawnHub(['--port', '0', '--seed', '3', '--request-timeout-ms', '5000']);
  cleanup.push(() => hub.stop());
  const config = testConfig({ hubAddress: hub.requests });
  if (dataDirOut) dataDirOut.dir = config.dataDir;
  const app = await startConsoleApp(config, pino({ level: 'silent' }));
  cleanup.push(() => app.dispose());
  await waitFor(() => app.hub.connection.hub || undefined, 'the hub hello', 15_000);
  return app;
}

describe('settings through the gate, in a running console', () => {
  it('refuses a timeout below the hub deadline with both values, and changes nothing', async () => {
    const app = await consoleOnHub();
    const before = ok<SettingsState>(await app.local.invoke('settings:get', {}));
    const record = ok<ChangeRecord>(await app.local.invoke('settings:propose', { changes: { requestTimeoutMs: 3000 }, reason: 'faster failover', author: 'ana' }));
    expect(record.status).toBe('refused');
    expect(record.findings.find((f) => f.severity === 'refuse')?.message).toMatch(/3000 ms.*5000 ms/);
    expect(ok<SettingsState>(await app.local.invoke('settings:get', {})).settings).toEqual(before.settings);
    const history = ok<{ records: ChangeRecord[] }>(await app.local.invoke('settings:history', {}));
    expect(history.records.map((r) => [r.id, r.status])).toEqual([[record.id, 'refused']]);
  }, 30_000);

  it('applies a duplicate window at once, rolls it back through the gate, and shows both in the history', async () => {
    const app = await consoleOnHub();
    const first = ok<ChangeRecord>(await app.local.invoke('settings:propose', { changes: { duplicateWindowMs: 4000 }, reason: '', author: 'ana' }));
    expect(first.status).toBe('applied');
    const changed = ok<ChangeRecord>(await app.local.invoke('settings:propose', { changes: { duplicateWindowMs: 9000 }, reason: 'slow manual desk', author: 'ana' }));
    expect(changed.status).toBe('applied');
    expect(app.checks.summary().duplicateWindowMs).toBe(9000);

    // Back to the settings as they were after the first record (4000 ms).
    const restored = ok<ChangeRecord>(await app.local.invoke('settings:rollback', { id: first.id, author: 'ben', reason: 'revert the window' }));
    expect(restored).toMatchObject({ status: 'applied', rollbackOf: first.id, author: 'ben' });
    expect(app.checks.summary().duplicateWindowMs).toBe(4000);
    const history = ok<{ records: ChangeRecord[] }>(await app.local.invoke('settings:history', {}));
    expect(history.records.slice(0, 2).map((r) => [r.id, r.status, r.after.duplicateWindowMs])).toEqual([
      [restored.id, 'applied', 4000],
      [changed.id, 'applied', 9000],
    ]);
  }, 30_000);

  it('routes an alert threshold edit through the gate: out of range is refused and nothing changes', async () => {
    const app = await consoleOnHub();
    const refused = await app.local.invoke('alerts:setRule', { id: 'p99', threshold: 0, author: 'ana' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CHANGE_REFUSED' } });
    expect(refused.ok ? '' : refused.error.message).toContain('P99 latency threshold must be between');
    expect(app.health.alerts.rules().find((rule) => rule.id === 'p99')?.threshold).toBe(5000);

    const applied = ok<{ threshold: number }>(await app.local.invoke('alerts:setRule', { id: 'p99', threshold: 2500, author: 'ana' }));
    expect(applied.threshold).toBe(2500);
    const state = ok<SettingsState>(await app.local.invoke('settings:get', {}));
    expect(state.settings.alertThresholds.p99).toBe(2500);
  }, 30_000);

  it('writes a restart-only setting to config.json and says it waits for the next start', async () => {
    const data = { dir: '' };
    const app = await consoleOnHub(data);
    const record = ok<ChangeRecord>(await app.local.invoke('settings:propose', { changes: { requestTimeoutMs: 7000 }, reason: 'hub on a slow link', author: 'ana' }));
    expect(record.status).toBe('applied');
    const state = ok<SettingsState>(await app.local.invoke('settings:get', {}));
    expect(state.pendingRestart).toContain('requestTimeoutMs');
    const file = JSON.parse(readFileSync(join(data.dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(file.requestTimeoutMs).toBe(7000);
  }, 30_000);

  it('refuses bad input before the gate: nothing is recorded', async () => {
    const app = await consoleOnHub();
    for (const input of [{ changes: { requestTimeoutMs: 'soon' }, reason: '', author: 'ana' }, { changes: { nope: 1 }, reason: '', author: 'ana' }, { changes: {}, reason: '' }]) {
      const result = await app.local.invoke('settings:propose', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(ok<{ records: ChangeRecord[] }>(await app.local.invoke('settings:history', {})).records).toEqual([]);
  }, 30_000);
});

describe('what an applied change writes to config.json', () => {
  it('only the keys it changed: defaults are not pinned for the next start', async () => {
    const data = { dir: '' };
    const app = await consoleOnHub(data);
    ok<ChangeRecord>(await app.local.invoke('settings:propose', { changes: { hubAddress: 'tcp://127.0.0.1:6001' }, reason: 'new hub host', author: 'ana' }));
    const file = JSON.parse(readFileSync(join(data.dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    expect(file).toEqual({ hubAddress: 'tcp://127.0.0.1:6001' });
  }, 30_000);
});

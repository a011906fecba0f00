// Support staff watching a bad network in the browser-served console: a hub killed with SIGKILL
// and started again shows as down with its down time, then up by itself; the stress tool's
// retries show in the Retry log view, filtered, and in its CSV export.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { spawnHub } from '../../support/hub-process';
import type { HubProcess } from '../../support/hub-process';
import { spawnServe } from '../../support/serve-process';
import type { ServedConsole } from '../../support/serve-process';

const ROOT = resolve(__dirname, '..', '..', '..');
const stops: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

async function hub(flags: string[]): Promise<HubProcess> {
  const started = await spawnHub(flags);
  stops.push(() => started.stop());
  return started;
}

async function serve(hubAddress: string): Promise<ServedConsole> {
  const served = await spawnServe(['--hub', hubAddress]);
  stops.push(() => served.stop());
  return served;
}

test('a hub killed and restarted shows as down with its down time, then up again by itself', async ({ page }) => {
  const first = await hub(['--port', '0', '--heartbeat-ms', '150']);
  const served = await serve(first.requests);
  await page.goto(served.url);
  const status = page.getByRole('status', { name: 'Hub connection' });
  await expect(status).toContainText('up');
  await expect(status).toContainText(first.hubId);

  await first.kill('SIGKILL');
  await expect(status).toContainText(/down|reconnecting/);
  await expect(status).toContainText(/down for \d+s/);

  const port = new URL(first.requests.replace('tcp:', 'http:')).port;
  const second = await hub(['--port', port, '--heartbeat-ms', '150']);
  await expect(status).toContainText(/^up/, { timeout: 15_000 });
  await expect(status).toContainText(second.hubId);
  await expect(status).toContainText(/last outage \d+\.\d s at \d\d:\d\d:\d\d/);
});

test("the stress tool's retries are in the Retry log view and its CSV", async ({ page }) => {
  const faulty = await hub(['--port', '0', '--request-timeout-ms', '300', '--max-backoff-ms', '50', '--drop-request', '0.2', '--drop-reply', '0.2', '--fault-ops', 'ping']);
  const served = await serve(faulty.requests);
  const { stdout } = await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    ['src-main/tools/stress/cli.ts', 'latency', '--hub', faulty.requests, '--count', '100', '--rate', '100', '--json', '--data-dir', served.dataDir],
    { cwd: ROOT, timeout: 60_000 },
  );
  const run = JSON.parse(stdout) as { retries: number; failures: number; count: number };
  expect(run).toMatchObject({ count: 100, failures: 0 });
  expect(run.retries).toBeGreaterThan(0);

  await page.goto(served.url);
  await page.getByRole('button', { name: 'Retry log' }).click();
  await page.getByLabel('Operation').selectOption('ping');
  const table = page.getByRole('table', { name: 'Retry log' });
  await expect(table.getByRole('row').filter({ hasText: 'stress' })).toHaveCount(Math.min(run.retries, 500));
  await expect(page.getByText(new RegExp(`^${run.retries} entr`))).toBeVisible();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
  expect(csv[0]).toMatch(/^id,time,op,requestId,attempt,maxAttempts,kind/);
  expect(csv.slice(1).filter((line) => line.includes(',ping,') && line.endsWith(',stress'))).toHaveLength(run.retries);
});

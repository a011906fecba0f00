// `Verify against hub` through the router of a real console on its embedded simulated hub: viewers
// flooding checks:verify or reports:build share one run (one `orders` listing from the hub, one row
// of verify history) and take a result under 5 s old; a trader's result is from a run after the call.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../src-shared/domain/checks';
import type { Principal } from '../../src-shared/ipc/access';
import type { Result } from '../../src-shared/ipc/errors';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { testConfig } from '../support/console-config';
import { startReadyConsole } from '../support/ready-console';

const running: ConsoleApp[] = [];
afterEach(async () => {
  for (const app of running.splice(0).reverse()) await app.dispose();
});

const VIEWERS: Principal[] = [
  { role: 'viewer', tokenId: 'viewer-x' },
  { role: 'viewer', tokenId: 'viewer-y' },
];
const TRADER: Principal = { role: 'trader', tokenId: 'trader-1a2b3c4d' };

function ok<T>(reply: Result<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as T;
}

/** A ready console, and what the hub was asked and the verify history kept since it was ready. */
async function watched() {
  const config = testConfig();
  const app = await startReadyConsole(config, (started) => running.push(started));
  ok(await app.router.invoke('orders:place', { clientOrderId: 'HD-v1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 }, TRADER));
  let listings = 0;
  app.hub.onDidFinishAttempt((attempt) => {
    if (attempt.op === 'orders') listings += 1;
  });
  const history = () => {
    const db = new Database(join(config.dataDir, 'metrics.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM verify_runs').get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return { app, listings: () => listings, history };
}

const flood = <T>(count: number, call: (index: number) => Promise<Result<unknown>>): Promise<T[]> =>
  Promise.all(Array.from({ length: count }, async (_, index) => ok<T>(await call(index))));

describe('verify against hub, asked by many', () => {
  it('200 concurrent viewer verifies list the hub once or twice and keep as many history rows', async () => {
    const { app, listings, history } = await watched();
    const before = history();
    const results = await flood<VerifyResult>(200, (i) => app.router.invoke('checks:verify', {}, VIEWERS[i % 2] as Principal));
    expect(listings()).toBeGreaterThanOrEqual(1);
    expect(listings()).toBeLessThanOrEqual(2);
    expect(history() - before).toBe(listings());
    expect(new Set(results.map((result) => result.at)).size).toBeLessThanOrEqual(listings());
    expect(results[0]).toMatchObject({ pass: true, ledgerOrders: 1, hubOrders: 1 });

    // Under 5 s later a viewer gets that same result, and the hub is not asked again.
    const again = await flood<VerifyResult>(50, () => app.router.invoke('checks:verify', {}, VIEWERS[0] as Principal));
    expect(again.every((result) => result.at === results.at(-1)?.at)).toBe(true);
    expect(listings()).toBeLessThanOrEqual(2);

    // A trader still gets a fresh one, and the summary every viewer sees says so.
    const asked = Date.now();
    const fresh = ok<VerifyResult>(await app.router.invoke('checks:verify', {}, TRADER));
    expect(fresh.at).toBeGreaterThanOrEqual(asked);
    expect(ok<{ lastVerify: VerifyResult }>(await app.router.invoke('checks:summary', {}, VIEWERS[1] as Principal)).lastVerify).toEqual(fresh);
    expect(history() - before).toBe(listings());
  });

  it("200 concurrent viewer report builds share the viewers' verify the same way", async () => {
    const { app, listings, history } = await watched();
    const before = history();
    const reports = await flood<{ report: unknown }>(200, (i) => app.router.invoke('reports:build', { window: '1h' }, VIEWERS[i % 2] as Principal));
    expect(reports).toHaveLength(200);
    expect(listings()).toBeGreaterThanOrEqual(1);
    expect(listings()).toBeLessThanOrEqual(2);
    expect(history() - before).toBe(listings());
  });

  it('traders who ask while a verify runs share one run that starts after it', async () => {
    const { app, listings } = await watched();
    const viewer = app.router.invoke('checks:verify', {}, VIEWERS[0] as Principal);
    const asked = Date.now();
    const traders = await flood<VerifyResult>(5, () => app.router.invoke('checks:verify', {}, TRADER));
    const first = ok<VerifyResult>(await viewer);
    expect(listings()).toBe(2);
    expect(new Set(traders.map((result) => result.at)).size).toBe(1);
    expect(traders[0]?.at).toBeGreaterThanOrEqual(asked);
    expect(traders[0]?.at).toBeGreaterThanOrEqual(first.at);
  });
});

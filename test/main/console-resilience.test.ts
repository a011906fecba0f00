// The console's hub connection on a bad network, against the real simulated hub and its fault
// flags: idempotent calls survive drops (and their retries are in the retry log), a stall shows as
// down then up, a killed and restarted hub is rejoined by itself, and timeouts that disagree with
// the hub's are refused.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src-shared/ipc/contract';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { RetryEntry } from '../../src-shared/domain/retry';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleConfig } from '../../src-main/app/config';
import { spawnHub } from '../support/hub-process';
import type { HubProcess } from '../support/hub-process';
import { testConfig } from '../support/console-config';
import { spawnServe } from '../support/serve-process';
import { waitFor } from '../support/wait';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function hubProcess(flags: string[]): Promise<HubProcess> {
  const hub = await spawnHub(['--port', '0', '--seed', '9', ...flags]);
  cleanup.push(() => hub.stop());
  return hub;
}

async function consoleOn(hubAddress: string, extra: Partial<ConsoleConfig> = {}): Promise<ConsoleApp> {
  const app = await startConsoleApp(testConfig({ hubAddress, ...extra }), pino({ level: 'silent' }));
  cleanup.push(() => app.dispose());
  return app;
}

const up = (app: ConsoleApp) => waitFor(() => app.hub.connection.state === 'up' || undefined, 'the console to be up', 15_000);

describe('a console on a bad network', () => {
  it('gets every idempotent answer through 30 % dropped requests and replies, and logs each retry', async () => {
    const hub = await hubProcess(['--request-timeout-ms', '300', '--max-backoff-ms', '50', '--drop-request', '0.3', '--drop-reply', '0.3', '--fault-ops', 'ping,account,positions,symbols,quotes,orders']);
    const app = await consoleOn(hub.requests);
    await waitFor(() => app.hub.connection.hub || undefined, 'hello', 15_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => app.hub.request('ping', {})));
    expect(answers).toHaveLength(20);
    for (const answer of answers) expect(answer.ts).toBeGreaterThan(0);

    const stats = app.hub.stats();
    expect(stats.retries).toBeGreaterThan(0);
    expect(stats.giveUps).toBe(0);
    const logged = await waitFor(() => {
      const entries = app.retryLog.list({ limit: 10_000 }).entries;
      return entries.length >= stats.retries ? entries : undefined;
    }, 'every retry in the log');
    const pings = logged.filter((entry: RetryEntry) => entry.op === 'ping');
    expect(pings.length).toBeGreaterThan(0);
    for (const entry of pings) {
      expect(entry).toMatchObject({ kind: 'retry', code: 'TIMEOUT', maxAttempts: 11, source: 'console' });
      expect(entry.delayMs).toBeLessThanOrEqual(50);
    }
    await waitFor(() => app.retryLog.list({ op: 'ping', outcome: 'pending' }).entries.length === 0 || undefined, 'every ping call settled');
    expect(app.retryLog.list({ op: 'ping', outcome: 'succeeded' }).entries.length).toBe(pings.length);
    expect(app.retryLog.csv({ op: 'ping' }).rows).toBe(pings.length);
  });

  it('goes down during a stall longer than the heartbeat window and comes back up by itself', async () => {
    const hub = await hubProcess(['--heartbeat-ms', '100', '--stall-every-ms', '1500', '--stall-ms', '1200']);
    const app = await consoleOn(hub.requests);
    const states: ConnectionState[] = [];
    app.hub.onDidChangeConnection((info) => states.push(info.state));
    await up(app);
    await waitFor(() => states.includes('down') || undefined, 'down during the stall', 10_000);
    await waitFor(() => (states.lastIndexOf('up') > states.indexOf('down') ? true : undefined), 'up again after the stall', 10_000);
    const outage = app.hub.connection.outage;
    expect(outage?.endedAt).not.toBeNull();
    expect((outage?.endedAt ?? 0) - (outage?.startedAt ?? 0)).toBeGreaterThan(300);
  });

  it('rejoins a hub killed with SIGKILL and restarted on the same port, reporting the new epoch', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'hubdesk-res-')), 'hub.sqlite');
    const first = await hubProcess(['--heartbeat-ms', '150', '--state-file', stateFile]);
    const app = await consoleOn(first.requests);
    await up(app);
    const states: ConnectionState[] = [];
    app.hub.onDidChangeConnection((info) => states.push(info.state));

    await first.kill('SIGKILL');
    await waitFor(() => app.hub.connection.state === 'down' || app.hub.connection.state === 'reconnecting' || undefined, 'down', 5000);
    const port = new URL(first.requests.replace('tcp:', 'http:')).port;
    const second = await hubProcess(['--port', port, '--heartbeat-ms', '150', '--state-file', stateFile]);
    await waitFor(() => (app.hub.connection.state === 'up' && app.hub.connection.hub?.epoch === second.epoch) || undefined, 'up on the new epoch', 15_000);
    expect(second.epoch).toBe(first.epoch + 1);
    expect(states).toEqual(expect.arrayContaining(['down', 'reconnecting', 'up']));
    expect(app.hub.connection.outage?.endedAt).toBeGreaterThan(app.hub.connection.outage?.startedAt ?? Infinity);
    expect(app.hub.stats().socketsReplaced).toBeGreaterThanOrEqual(1);
    // The outage shows in availability: below 100 %, well above 0.
    const lastHour = app.metrics.availability()['1h'];
    expect(lastHour).toBeGreaterThan(0);
    expect(lastHour).toBeLessThan(1);
  });

  it('marks a working order unknown when a hub restarts without it', async () => {
    const first = await hubProcess(['--heartbeat-ms', '150', '--quote-ms', '0']);
    const app = await consoleOn(first.requests);
    await up(app);
    await waitFor(async () => {
      const snapshot = await app.local.invoke('session:snapshot', {});
      return snapshot.ok && (snapshot.result as { symbols: unknown[] }).symbols.length > 0;
    }, 'symbols');
    const placed = await app.local.invoke('orders:place', { clientOrderId: 'HD-rest-1', symbol: 'EURUSD', side: 'buy', type: 'limit', volume: 0.1, price: 1.0 });
    expect(placed).toMatchObject({ ok: true, result: { status: 'working' } });

    await first.kill('SIGKILL');
    const port = new URL(first.requests.replace('tcp:', 'http:')).port;
    await hubProcess(['--port', port, '--heartbeat-ms', '150']);
    // The hub had acknowledged it: NOT_FOUND from a hub that lost its state is no proof that nothing
    // was executed, so the order stays unknown for a person, and is never offered for resubmission.
    const order = await waitFor(async () => {
      const snapshot = await app.local.invoke('session:snapshot', {});
      const mine = snapshot.ok ? (snapshot.result as { orders: { orders: ConsoleOrder[] } }).orders.orders.find((o) => o.clientOrderId === 'HD-rest-1') : undefined;
      return mine?.status === 'unknown' && /no longer knows it/.test(mine.reason ?? '') ? mine : undefined;
    }, 'the order to be asked about and left unknown', 15_000);
    expect(order.reason).toMatch(/check the terminal/);
    expect(await app.local.invoke('orders:resubmit', { clientOrderId: 'HD-rest-1', confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(app.reconciler.reconciling).toBe(false);
  });
});

describe('deadlines that disagree with the hub', () => {
  it('refuses a per-attempt timeout shorter than the hub\'s, naming both values and the risk', async () => {
    const hub = await hubProcess(['--request-timeout-ms', '2000']);
    const app = await consoleOn(hub.requests, { requestTimeoutMs: 1500 });
    const refusal = await waitFor(() => app.hub.connection.refusal ?? undefined, 'the refusal');
    expect(refusal).toMatch(/1500 ms.*shorter than the hub's requestTimeoutMs \(2000 ms\)/);
    expect(refusal).toMatch(/may still execute/);
    expect(app.hub.connection.state).not.toBe('up');
    await expect(app.hub.request('ping', {})).rejects.toMatchObject({ code: 'NOT_CONNECTED' });
    expect(await app.local.invoke('orders:place', { clientOrderId: 'HD-x', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 })).toMatchObject({ ok: false });
  });

  it('accepts one over twice the hub\'s with a warning, and uses it', async () => {
    const hub = await hubProcess(['--request-timeout-ms', '1000']);
    const app = await consoleOn(hub.requests, { requestTimeoutMs: 2500 });
    await up(app);
    expect(app.hub.connection.timing).toMatchObject({ attemptTimeoutMs: 2500, configuredTimeoutMs: 2500 });
    expect(app.hub.connection.timing?.warning).toMatch(/over twice the hub's requestTimeoutMs \(1000 ms\)/);
  });

  it('stops `npm run serve` at start with the refusal and exit code 2', async () => {
    const hub = await hubProcess(['--request-timeout-ms', '3000']);
    await expect(spawnServe(['--hub', hub.requests, '--request-timeout-ms', '1000'])).rejects.toThrow(
      /exited with 2[\s\S]*1000 ms\) is shorter than the hub's requestTimeoutMs \(3000 ms\)/,
    );
  });
});

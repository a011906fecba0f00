// Orders exactly once through the console core on real ZeroMQ and the simulated hub: a repeat within
// the window is held until the trader sends or drops it, a not_received order goes again only when
// the trader resubmits it, and a restarted console reconciles before it accepts a new order.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { DuplicateSummary, VerifyResult } from '../../src-shared/domain/checks';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleConfig } from '../../src-main/app/config';
import { startSimHub } from '../../src-main/hub/sim/server';
import type { SimHub } from '../../src-main/hub/sim/server';
import { testConfig } from '../support/console-config';
import { startReadyConsole } from '../support/ready-console';
import { rebindRetrying } from '../support/rebind';
import { waitFor } from '../support/wait';

const running: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.dispose();
});

async function simHub(options: Parameters<typeof startSimHub>[0]): Promise<SimHub> {
  const hub = await startSimHub({ seed: 4, heartbeatMs: 100, logLevel: 'silent', ...options });
  running.push(hub);
  return hub;
}

function consoleOn(config: ConsoleConfig): Promise<ConsoleApp> {
  return startReadyConsole(config, (app) => running.push(app));
}

async function invoke<T>(app: ConsoleApp, channel: string, input: unknown): Promise<{ ok: true; result: T } | { ok: false; error: { code: string; message: string } }> {
  return (await app.local.invoke(channel, input)) as never;
}

const order = (clientOrderId: string) => ({ clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 });
const find = async (app: ConsoleApp, id: string) => {
  const snapshot = await invoke<{ orders: { orders: ConsoleOrder[] } }>(app, 'session:snapshot', {});
  return snapshot.ok ? snapshot.result.orders.orders.find((o) => o.clientOrderId === id) : undefined;
};

describe('the pre-trade duplicate check', () => {
  it('holds a repeat within the window until the trader sends it anyway or drops it, and counts both', async () => {
    const hub = await simHub({ port: 0 });
    const app = await consoleOn(testConfig({ hubAddress: hub.requests }));
    expect(await invoke(app, 'orders:place', order('HD-h1'))).toMatchObject({ ok: true, result: { status: 'filled' } });
    const held = await invoke(app, 'orders:place', order('HD-h2'));
    expect(held).toMatchObject({ ok: false, error: { code: 'HELD_DUPLICATE', message: expect.stringMatching(/HD-h1, sent \d+\.\d s ago/) } });
    expect(hub.stats().placeOrders).toBe(1);

    expect(await invoke(app, 'orders:confirmHeld', { clientOrderId: 'HD-h2' })).toMatchObject({ ok: true, result: { status: 'filled' } });
    expect(await invoke(app, 'orders:place', order('HD-h3'))).toMatchObject({ ok: false, error: { code: 'HELD_DUPLICATE' } });
    expect(await invoke(app, 'orders:dropHeld', { clientOrderId: 'HD-h3' })).toMatchObject({ ok: true, result: { status: 'dropped' } });
    expect(await invoke(app, 'orders:confirmHeld', { clientOrderId: 'HD-h3' })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(await invoke(app, 'orders:place', order('HD-h3'))).toMatchObject({ ok: false, error: { code: 'TICKET_USED' } });
    expect(hub.stats().placeOrders).toBe(2);

    const summary = await invoke<DuplicateSummary>(app, 'checks:summary', {});
    expect(summary).toMatchObject({ ok: true, result: { ordersSent: 2, holds: 2, holdsConfirmed: 1, holdsDropped: 1, heldNow: 0, repeatSubmissionsStopped: 1 } });
    const verify = await invoke<VerifyResult>(app, 'checks:verify', {});
    expect(verify).toMatchObject({ ok: true, result: { pass: true, hubOrders: 2, hubDuplicates: [] } });
  });
});

describe('not_received and resubmission', () => {
  it('resubmits a not_received order only on the trader\'s word, with the same clientOrderId', async () => {
    const faulty = await simHub({ port: 0, requestTimeoutMs: 300, dropRequest: 1, faultOps: ['placeOrder'] });
    const config = testConfig({ hubAddress: faulty.requests });
    const app = await consoleOn(config);
    expect(await invoke(app, 'orders:place', order('HD-r1'))).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN' } });
    expect(await invoke(app, 'orders:resubmit', { clientOrderId: 'HD-r1', confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    await waitFor(async () => (await find(app, 'HD-r1'))?.status === 'not_received' || undefined, 'not_received', 5000);
    expect(await invoke(app, 'orders:resubmit', { clientOrderId: 'HD-r1' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });

    // The hub is fixed (a clean one on the same port); the trader resubmits.
    const port = Number(new URL(faulty.requests.replace('tcp:', 'http:')).port);
    await faulty.dispose();
    const fixed = await rebindRetrying(() => simHub({ port }));
    await waitFor(() => (app.hub.connection.state === 'up' && app.hub.hub?.hubId === fixed.hubId) || undefined, 'the new hub', 10_000);
    expect(await invoke(app, 'orders:resubmit', { clientOrderId: 'HD-r1', confirm: true })).toMatchObject({ ok: true, result: { status: 'filled', clientOrderId: 'HD-r1' } });
    expect(fixed.stats()).toMatchObject({ placeOrders: 1, ordersCreated: 1 });
  });
});

describe('a console restarted on the same data dir', () => {
  it('keeps its orders, reconciles the unknown one before taking a new order, and never resends it', async () => {
    const hub = await simHub({ port: 0, requestTimeoutMs: 1500, delayMs: { min: 3000, max: 3000 }, faultOps: ['placeOrder'], quoteMs: 0, dedupe: false });
    const config = testConfig({ hubAddress: hub.requests });
    const first = await startConsoleApp(config, pino({ level: 'silent' }));
    await waitFor(() => (first.hub.connection.state === 'up' && !first.reconciler.reconciling) || undefined, 'first console up');
    await waitFor(async () => ((await invoke<{ symbols: unknown[] }>(first, 'session:snapshot', {})) as { ok: boolean; result: { symbols: unknown[] } }).result.symbols.length > 0 || undefined, 'symbols');
    // The reply is held for 3 s; the console gives up at ~1.75 s: unknown, then it is closed.
    const placing = invoke(first, 'orders:place', order('HD-c1'));
    await waitFor(async () => (await find(first, 'HD-c1'))?.status === 'sent' || undefined, 'sent');
    await first.dispose();
    await placing;

    const second = await startConsoleApp(config, pino({ level: 'silent' }));
    running.push(second);
    expect((await find(second, 'HD-c1'))?.status).toMatch(/sent|unknown/);
    expect(second.reconciler.reconciling).toBe(true);
    await waitFor(async () => (await find(second, 'HD-c1'))?.status === 'filled' || undefined, 'reconciled from the hub', 10_000);
    await waitFor(() => !second.reconciler.reconciling || undefined, 'reconciliation to finish');
    expect(hub.stats()).toMatchObject({ placeOrders: 1, ordersCreated: 1 });
  });
});

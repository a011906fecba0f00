// One order end to end through the console core (router -> gateway -> hub client -> real ZeroMQ ->
// simulated hub): filled once, a used ticket refused, bad input unsent, and a timeout left unknown
// and never resent, even against a hub that does not deduplicate.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { Result } from '../../src-shared/ipc/errors';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { parseSimHubArgs } from '../../src-main/hub/sim/options';
import { startSimHub } from '../../src-main/hub/sim/server';
import type { SimHub } from '../../src-main/hub/sim/server';
import { testConfig } from '../support/console-config';
import { sleep, waitFor } from '../support/wait';

const running: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.dispose();
});

async function stack(hubFlags: string[] = []): Promise<{ hub: SimHub; app: ConsoleApp }> {
  const hub = await startSimHub(parseSimHubArgs(['--port', '0', '--seed', '3', ...hubFlags]));
  running.push(hub);
  const app = await startConsoleApp(testConfig({ hubAddress: hub.requests }), pino({ level: 'silent' }));
  running.push(app);
  await waitFor(() => app.hub.connection.state === 'up' && app.hub.hub, 'the console to connect');
  await waitFor(async () => {
    const snapshot = await app.local.invoke('session:snapshot', {});
    return snapshot.ok && (snapshot.result as { symbols: unknown[] }).symbols.length > 0;
  }, 'symbols to load');
  return { hub, app };
}

async function newTicketId(app: ConsoleApp): Promise<string> {
  const reply = await app.local.invoke('tickets:create', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { clientOrderId: string }).clientOrderId;
}

const buy = (clientOrderId: string, volume = 0.1) => ({ clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume });

describe('placing an order through the console', () => {
  it('fills a market buy once on the hub', async () => {
    const { hub, app } = await stack();
    const id = await newTicketId(app);
    const reply = (await app.local.invoke('orders:place', buy(id))) as Result<ConsoleOrder>;
    expect(reply).toMatchObject({ ok: true, result: { clientOrderId: id, status: 'filled', filledVolume: 0.1 } });
    expect(hub.stats()).toMatchObject({ placeOrders: 1, ordersCreated: 1 });
    expect(app.metrics.cumulative().find((f) => f.op === 'placeOrder')).toMatchObject({ count: 1, timeouts: 0, errors: 0 });
  });

  it('uses a ticket once: a second submission is refused and sends nothing', async () => {
    const { hub, app } = await stack();
    const id = await newTicketId(app);
    const [first, second] = await Promise.all([app.local.invoke('orders:place', buy(id)), app.local.invoke('orders:place', buy(id))]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => !r.ok)).toMatchObject({ error: { code: 'TICKET_USED' } });
    expect(hub.stats().placeOrders).toBe(1);
  });

  it('refuses a volume off the symbol step at the field and sends nothing', async () => {
    const { hub, app } = await stack();
    const reply = await app.local.invoke('orders:place', buy(await newTicketId(app), 0.015));
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: { volume: expect.stringMatching(/multiple of 0.01/) } } });
    expect(hub.stats().placeOrders).toBe(0);
  });

  it('leaves an order unknown when no reply comes, never resends it, and reconciles it to not_received', async () => {
    const { hub, app } = await stack(['--request-timeout-ms', '400', '--drop-request', '1', '--fault-ops', 'placeOrder', '--no-dedupe']);
    const id = await newTicketId(app);
    const reply = await app.local.invoke('orders:place', buy(id));
    expect(reply).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: id } });
    expect(reply.ok ? '' : reply.error.message).toMatch(/fate is unknown; it was NOT resent/);
    expect((await ordersInView(app)).find((o) => o.clientOrderId === id)?.status).toBe('unknown');

    // After the hub's window, reconciliation asks orderStatus: NOT_FOUND means nothing was executed.
    const settled = await waitFor(async () => {
      const mine = (await ordersInView(app)).find((o) => o.clientOrderId === id);
      return mine?.status === 'not_received' ? mine : undefined;
    }, 'reconciliation', 5000);
    expect(settled.reason).toMatch(/nothing was executed/);
    // The timed-out attempt is in the latency figures with its full wait, not dropped.
    const place = app.metrics.cumulative().find((f) => f.op === 'placeOrder');
    expect(place).toMatchObject({ count: 1, timeouts: 1 });
    expect(place?.latency.max).toBeGreaterThanOrEqual(400);
    expect(hub.stats()).toMatchObject({ droppedRequests: 1, placeOrders: 0, ordersCreated: 0 });
  });

  it('takes the fate from the hub\'s order event when the reply is late, and still sends once', async () => {
    const { hub, app } = await stack(['--request-timeout-ms', '400', '--delay-ms', '1500-1500', '--fault-ops', 'placeOrder', '--no-dedupe']);
    const id = await newTicketId(app);
    const reply = await app.local.invoke('orders:place', buy(id));
    expect(reply).toMatchObject({ ok: true, result: { clientOrderId: id, status: 'filled' } });
    // The socket that carried it was closed at the timeout, so nothing queued there can follow.
    expect(app.hub.stats().socketsReplaced).toBeGreaterThanOrEqual(1);
    await sleep(1500);
    expect(hub.stats()).toMatchObject({ placeOrders: 1, ordersCreated: 1 });
    expect((await ordersInView(app)).find((o) => o.clientOrderId === id)?.status).toBe('filled');
  });
});

async function ordersInView(app: ConsoleApp): Promise<ConsoleOrder[]> {
  const snapshot = await app.local.invoke('session:snapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  return (snapshot.result as { orders: { orders: ConsoleOrder[] } }).orders.orders;
}

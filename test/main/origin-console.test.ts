// The console driving the origin gateway emulator (hubDialect 'origin') over real ZeroMQ: it
// connects on HEARTBEAT, shows account, positions and ticks, fills a market order, refuses a limit
// order unsent, leaves an order whose reply was lost unknown and never resent, reconciles it from
// GET_POSITIONS, keeps one whose position was closed before reconciliation unknown (never
// not_received: the dialect cannot prove an order absent), and refuses a configured timeout shorter
// than the dialect's before sending anything.
import { describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { Result } from '../../src-shared/ipc/errors';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { parseSimHubArgs } from '../../src-main/hub/sim/options';
import { startOriginGateway } from '../../src-main/hub/sim/origin/server';
import type { SimHub } from '../../src-main/hub/sim/server';
import { disposedAfterEach, newTicketId, orderOf, readyBridgeConsole, refusalAtStart, snapshot } from '../support/bridge-console';
import { originAdmin, originExecutions, type OriginExecutions } from '../support/origin-admin';
import { sleep, waitFor } from '../support/wait';

const track = disposedAfterEach();

function gateway(flags: string[] = []): Promise<SimHub> {
  return startOriginGateway(parseSimHubArgs(['--dialect', 'origin', '--port', '0', '--seed', '5', '--log-level', 'silent', ...flags])).then(track);
}

const originConsole = (hub: SimHub): Promise<ConsoleApp> => readyBridgeConsole(hub.requests, 'origin', track);

const admin = <T>(hub: SimHub, action: string): Promise<T> => originAdmin<T>(hub.requests, action);
const executions = (hub: SimHub): Promise<OriginExecutions> => originExecutions(hub.requests);

const market = (clientOrderId: string, volume = 0.1) => ({ clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume });

describe('a console on the origin gateway', () => {
  it('connects on HEARTBEAT, shows account, positions and ticks, fills a market order and refuses a limit order unsent', async () => {
    const hub = await gateway();
    const app = await originConsole(hub);
    expect(app.hub.hub).toMatchObject({ hubId: expect.stringMatching(/^origin@127\.0\.0\.1:\d+$/), epoch: 1, requestTimeoutMs: 5000 });
    expect(app.hub.connection.timing).toMatchObject({ attemptTimeoutMs: 5500, configuredTimeoutMs: null });
    await waitFor(async () => (await snapshot(app)).quotes.some((q) => q.symbol === 'EURUSD'), 'EURUSD ticks');
    await waitFor(async () => (await snapshot(app)).account.account !== null, 'the account');

    const id = await newTicketId(app);
    const filled = (await app.local.invoke('orders:place', market(id))) as Result<ConsoleOrder>;
    expect(filled).toMatchObject({ ok: true, result: { clientOrderId: id, status: 'filled', filledVolume: 0.1, avgPrice: expect.any(Number) } });
    expect((await executions(hub)).byComment[id]).toBe(1);
    await waitFor(async () => (await snapshot(app)).account.positions.find((p) => p.symbol === 'EURUSD' && p.volume === 0.1), 'the position');

    const limit = await app.local.invoke('orders:place', { ...market(await newTicketId(app)), type: 'limit', price: 1.0 });
    expect(limit).toMatchObject({ ok: false, error: { code: 'REJECTED', message: expect.stringMatching(/the origin gateway takes market orders only/) } });
    expect((await executions(hub)).total).toBe(1);
  });

  it('leaves an order whose reply was lost unknown, never resends it, and reconciles it to filled from GET_POSITIONS', async () => {
    const hub = await gateway(['--drop-reply', '1', '--fault-ops', 'placeOrder']);
    const app = await originConsole(hub);
    const id = await newTicketId(app);
    const reply = await app.local.invoke('orders:place', market(id));
    expect(reply).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: id } });
    expect((await orderOf(app, id))?.status).toBe('unknown');

    const settled = await waitFor(async () => {
      const mine = await orderOf(app, id);
      return mine?.status === 'filled' ? mine : undefined;
    }, 'reconciliation from GET_POSITIONS', 15_000);
    expect(settled).toMatchObject({ filledVolume: 0.1, avgPrice: expect.any(Number) });
    await sleep(500);
    const done = await executions(hub);
    expect(done.byComment[id]).toBe(1);
    expect(done.total).toBe(1);
  });

  it('keeps an order whose position was closed before reconciliation unknown, never not_received, and never resent', async () => {
    const hub = await gateway(['--drop-reply', '1', '--fault-ops', 'placeOrder']);
    const app = await originConsole(hub);
    const id = await newTicketId(app);
    const placing = app.local.invoke('orders:place', market(id));
    // Filled at the gateway, its reply lost: close everything (KILL_SWITCH) before the console asks.
    await waitFor(async () => (await executions(hub)).byComment[id] === 1, 'the execution');
    expect(await admin<{ positions_closed: number }>(hub, 'KILL_SWITCH')).toMatchObject({ positions_closed: 1 });
    expect(await placing).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: id } });

    const seen = new Set<string>();
    const mine = async (): Promise<ConsoleOrder | undefined> => {
      const order = await orderOf(app, id);
      if (order) seen.add(order.status);
      return order;
    };
    // The origin authority window is 2 × 5000 + 1000 ms from the send; reconciliation asks after it.
    const settled = await waitFor(async () => {
      const order = await mine();
      return order?.reason?.includes('cannot tell a never-received order from a closed position; check the terminal') ? order : undefined;
    }, 'reconciliation to give up on proving the order absent', 20_000);
    expect(settled.status).toBe('unknown');
    await sleep(1500);
    expect((await mine())?.status).toBe('unknown');
    expect(seen).not.toContain('not_received');
    expect(await app.local.invoke('orders:resubmit', { clientOrderId: id, confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    const done = await executions(hub);
    expect(done.byComment[id]).toBe(1);
    expect(done.total).toBe(1);
  });

  it('refuses a configured request timeout shorter than the dialect\'s at start, and sends nothing', async () => {
    const hub = await gateway();
    const { refusal, later } = await refusalAtStart({ hubAddress: hub.requests, hubDialect: 'origin', requestTimeoutMs: 4000 }, track);
    expect(refusal).toMatch(/configured request timeout \(4000 ms\) is shorter than the hub's requestTimeoutMs \(5000 ms\)/);
    expect(later).toMatchObject({ state: 'connecting', hub: null });
    expect(hub.stats().requests).toBe(0);
  });
});

// The console driving the MQL5-JSON-API emulator (hubDialect 'mql5-json-api') over real ZeroMQ:
// it connects on BALANCE and shows the dialect, account and ticks; fills a market order, places a
// limit order and cancels it; leaves an order whose data reply was lost unknown, never resends it,
// and reconciles it to filled, also when its answer comes late (counted stale behind a fence);
// reconciles a lost request to not_received once the window passed;
// never gives one order another's duplicated or stale confirmation; keeps an order unknown when the
// EA's lists carry no comment and its trade event was never seen; refuses a short timeout unsent.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { Result } from '../../src-shared/ipc/errors';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { startMql5Emulator } from '../../src-main/hub/sim/mql5/server';
import type { Mql5Emulator } from '../../src-main/hub/sim/mql5/server';
import type { Mql5EmulatorOptionsInput } from '../../src-main/hub/sim/mql5/options';
import { disposedAfterEach, newTicketId, orderOf, readyBridgeConsole, refusalAtStart, snapshot } from '../support/bridge-console';
import { sleep, waitFor } from '../support/wait';

const track = disposedAfterEach();

function emulator(options: Mql5EmulatorOptionsInput = {}): Promise<Mql5Emulator> {
  return startMql5Emulator({ port: 0, seed: 5, quoteMs: 100, ...options }, { logger: pino({ level: 'silent' }) }).then(track);
}

const mql5Console = (ea: Mql5Emulator): Promise<ConsoleApp> => readyBridgeConsole(ea.system, 'mql5-json-api', track);

/** Hub messages the console refused as stale, as support staff see them on the Health page. */
async function staleReplies(app: ConsoleApp): Promise<number> {
  const reply = await app.local.invoke('health:now', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { counters: { rejectedHubMessages: Record<string, number> } }).counters.rejectedHubMessages.late_reply ?? 0;
}

const place = (app: ConsoleApp, ticket: Record<string, unknown>): Promise<Result<ConsoleOrder>> => app.local.invoke('orders:place', ticket) as Promise<Result<ConsoleOrder>>;
const market = (clientOrderId: string, volume = 0.1, side = 'buy') => ({ clientOrderId, symbol: 'EURUSD', side, type: 'market', volume });

describe('a console on the MQL5-JSON-API expert advisor', () => {
  it('connects on BALANCE and shows the dialect, account and ticks; fills a market order, places a limit order and cancels it', async () => {
    const ea = await emulator();
    const app = await mql5Console(ea);
    const shown = await snapshot(app);
    expect(shown.connection).toMatchObject({ state: 'up', hub: { dialect: 'mql5-json-api', hubId: expect.stringMatching(/^mql5@127\.0\.0\.1:\d+$/), requestTimeoutMs: 10_000 } });
    expect(app.hub.connection.timing).toMatchObject({ attemptTimeoutMs: 11_000, configuredTimeoutMs: null });
    const eurusd = await waitFor(async () => (await snapshot(app)).quotes.find((q) => q.symbol === 'EURUSD'), 'EURUSD ticks');
    await waitFor(async () => (await snapshot(app)).account.account !== null, 'the account');

    const id = await newTicketId(app);
    expect(await place(app, market(id))).toMatchObject({ ok: true, result: { clientOrderId: id, status: 'filled', orderId: expect.stringMatching(/^\d+$/), filledVolume: 0.1, avgPrice: expect.any(Number) } });
    expect(ea.executions().get(id)).toBe(1);
    await waitFor(async () => (await snapshot(app)).account.positions.find((p) => p.symbol === 'EURUSD' && p.volume === 0.1), 'the position');

    const limitId = await newTicketId(app);
    const price = Number((eurusd.bid - 0.01).toFixed(5));
    const working = await place(app, { ...market(limitId), type: 'limit', price });
    expect(working).toMatchObject({ ok: true, result: { clientOrderId: limitId, status: 'working', orderId: expect.stringMatching(/^\d+$/), price } });
    expect(await app.local.invoke('orders:cancel', { clientOrderId: limitId })).toMatchObject({ ok: true, result: { clientOrderId: limitId, status: 'canceled' } });
    expect(ea.executions().get(limitId)).toBe(1);
    expect(await app.local.invoke('checks:verify', {})).toMatchObject({ ok: true, result: { pass: true, mismatches: [], hubDuplicates: [] } });
  });

  it('leaves an order whose data reply was lost unknown, never resends it, and reconciles it to filled', async () => {
    const ea = await emulator({ dropReply: 1, faultActions: ['TRADE'] });
    const app = await mql5Console(ea);
    const id = await newTicketId(app);
    expect(await place(app, market(id))).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: id } });
    expect((await orderOf(app, id))?.status).toBe('unknown');

    const settled = await waitFor(async () => {
      const mine = await orderOf(app, id);
      return mine?.status === 'filled' ? mine : undefined;
    }, 'reconciliation from HISTORY TRADES', 20_000);
    expect(settled).toMatchObject({ orderId: expect.stringMatching(/^\d+$/), filledVolume: 0.1, avgPrice: expect.any(Number) });
    await sleep(500);
    expect(ea.executions().get(id)).toBe(1);
    expect(ea.stats().placeOrders).toBe(1);
  });

  it('counts a confirmation that comes after its order gave up as stale, behind a fence, and reconciles the order to filled', async () => {
    // The EA runs the TRADE at once and holds its answer for longer than the console waits.
    const ea = await emulator({ delayMs: { min: 12_500, max: 12_500 }, delayP: 1, faultActions: ['TRADE'] });
    const app = await mql5Console(ea);
    const id = await newTicketId(app);
    expect(await place(app, market(id))).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: id } });
    const settled = await waitFor(async () => {
      const mine = await orderOf(app, id);
      return mine?.status === 'filled' ? mine : undefined;
    }, 'reconciliation after the late confirmation', 20_000);
    expect(settled.orderId).toMatch(/^\d+$/);
    await waitFor(async () => (await staleReplies(app)) >= 1 || undefined, 'the late confirmation counted as stale');
    expect(app.hub.connection.state).toMatch(/^(up|degraded)$/);
    expect(ea.executions().get(id)).toBe(1);
  }, 45_000);

  it('reconciles an order whose request was lost to not_received once the authority window has passed', async () => {
    const ea = await emulator({ dropRequest: 1, faultActions: ['TRADE'] });
    const app = await mql5Console(ea);
    const id = await newTicketId(app);
    expect(await place(app, market(id))).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: id } });
    const seen = new Set<string>();
    // The window is 2 × 10 000 + 1000 ms from the send: the EA has no deadline of its own.
    const settled = await waitFor(async () => {
      const mine = await orderOf(app, id);
      if (mine) seen.add(mine.status);
      return mine?.status === 'not_received' ? mine : undefined;
    }, 'reconciliation to not_received', 40_000);
    expect(settled.reason).toMatch(/nothing was executed/);
    expect(seen).not.toContain('filled');
    expect(ea.stats().droppedRequests).toBe(1);
    expect(ea.executions().size).toBe(0);
    await waitFor(() => app.hub.connection.state === 'up' || undefined, 'the console up again');
  }, 60_000);

  it('never gives an order the outcome of another order\'s duplicated confirmation, and counts the stale copies', async () => {
    const ea = await emulator({ duplicateReply: 1, faultActions: ['TRADE'] });
    const app = await mql5Console(ea);
    const [a, b, c] = [await newTicketId(app), await newTicketId(app), await newTicketId(app)];
    // Sent together: each TRADE goes out right after the one before it was answered, while that
    // answer's second copy is still on its way.
    const [filledA, filledB, refusedC] = await Promise.all([
      place(app, market(a)),
      place(app, market(b, 0.2, 'sell')),
      // 100 lots of gold need more margin than the account has: the trade server refuses it.
      place(app, { ...market(c, 100), symbol: 'XAUUSD' }),
    ]);
    expect(filledA).toMatchObject({ ok: true, result: { status: 'filled', volume: 0.1, side: 'buy' } });
    expect(filledB).toMatchObject({ ok: true, result: { status: 'filled', volume: 0.2, side: 'sell' } });
    expect(refusedC).toMatchObject({ ok: false, error: { code: 'REJECTED', clientOrderId: c } });
    const tickets = [filledA, filledB].map((reply) => (reply.ok ? reply.result.orderId : null));
    expect(new Set(tickets).size).toBe(2);
    expect((await orderOf(app, c))).toMatchObject({ status: 'rejected', orderId: null });
    expect([a, b].map((id) => ea.executions().get(id))).toEqual([1, 1]);
    expect(ea.executions().has(c)).toBe(false);
    await waitFor(async () => (await staleReplies(app)) >= 3 || undefined, 'the stale copies counted');
    expect(await app.local.invoke('checks:verify', {})).toMatchObject({ ok: true, result: { pass: true } });
  });

  it('keeps an order unknown, never not_received, when the lists carry no comment and its trade event was never seen', async () => {
    // Seed 1's dice: the first TRADE goes through, the second is lost on the way to the EA.
    const ea = await emulator({ commentInLists: false, dropRequest: 0.5, faultActions: ['TRADE'], seed: 1 });
    const app = await mql5Console(ea);
    const first = await newTicketId(app);
    expect(await place(app, market(first))).toMatchObject({ ok: true, result: { status: 'filled' } });
    const lost = await newTicketId(app);
    expect(await place(app, market(lost, 0.2))).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId: lost } });

    const seen = new Set<string>();
    const settled = await waitFor(async () => {
      const mine = await orderOf(app, lost);
      if (mine) seen.add(mine.status);
      return mine?.reason?.includes('cannot tell a never-received order from an executed one; check the terminal') ? mine : undefined;
    }, 'reconciliation to give up on proving the order absent', 40_000);
    expect(settled.status).toBe('unknown');
    await sleep(1500);
    expect((await orderOf(app, lost))?.status).toBe('unknown');
    expect(seen).not.toContain('not_received');
    expect(await app.local.invoke('orders:resubmit', { clientOrderId: lost, confirm: true })).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
    expect(ea.executions().get(first)).toBe(1);
    expect(ea.executions().has(lost)).toBe(false);
  }, 60_000);

  it('refuses a configured request timeout shorter than the dialect\'s at start, and sends nothing', async () => {
    const ea = await emulator();
    const { refusal, later } = await refusalAtStart({ hubAddress: ea.system, hubDialect: 'mql5-json-api', requestTimeoutMs: 5000 }, track);
    expect(refusal).toMatch(/configured request timeout \(5000 ms\) is shorter than the hub's requestTimeoutMs \(10000 ms\)/);
    expect(later).toMatchObject({ state: 'connecting', hub: null });
    expect(ea.stats().requests).toBe(0);
  });
});

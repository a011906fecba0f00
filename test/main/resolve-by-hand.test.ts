// Resolving by hand an order the hub cannot account for, against the origin gateway emulator (whose
// dialect cannot prove an order absent): reconciliation gives up and marks it needsPerson, the
// trader says what the terminal shows (orders:resolve), and the audit trail records who said what.
// An order reconciliation can still settle, or one already settled, is refused and left unchanged.
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { parseSimHubArgs } from '../../src-main/hub/sim/options';
import { startOriginGateway } from '../../src-main/hub/sim/origin/server';
import type { SimHub } from '../../src-main/hub/sim/server';
import { testConfig } from '../support/console-config';
import { originAdmin } from '../support/origin-admin';
import { startReadyConsole } from '../support/ready-console';
import { waitFor } from '../support/wait';

const running: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.dispose();
});

async function setup(flags: string[]): Promise<{ hub: SimHub; app: ConsoleApp }> {
  const hub = await startOriginGateway(parseSimHubArgs(['--dialect', 'origin', '--port', '0', '--seed', '9', '--log-level', 'silent', '--fault-ops', 'placeOrder', ...flags]));
  running.push(hub);
  const app = await startReadyConsole(testConfig({ hubAddress: hub.requests, hubDialect: 'origin' }), (started) => running.push(started));
  return { hub, app };
}

const admin = <T>(hub: SimHub, action: string): Promise<T> => originAdmin<T>(hub.requests, action);

async function order(app: ConsoleApp, id: string): Promise<ConsoleOrder | undefined> {
  const reply = await app.local.invoke('session:snapshot', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { orders: { orders: ConsoleOrder[] } }).orders.orders.find((o) => o.clientOrderId === id);
}

/** Places one market order whose answer is lost; resolves once it is unknown. */
async function placeLost(app: ConsoleApp): Promise<string> {
  const ticket = await app.local.invoke('tickets:create', {});
  if (!ticket.ok) throw new Error(ticket.error.message);
  const id = (ticket.result as { clientOrderId: string }).clientOrderId;
  const placed = await app.local.invoke('orders:place', { clientOrderId: id, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 });
  expect(placed).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN' } });
  return id;
}

/** The origin authority window is 11 s from the send: reconciliation gives up after it. */
function needsPerson(app: ConsoleApp, id: string): Promise<ConsoleOrder> {
  return waitFor(async () => {
    const current = await order(app, id);
    return current?.needsPerson ? current : undefined;
  }, 'reconciliation to hand the order to a person', 25_000);
}

describe('resolving by hand an order the hub cannot account for', () => {
  it('refuses while reconciliation can still settle it, then records "not executed" as not_received, audited', async () => {
    const { hub, app } = await setup(['--drop-request', '1']);
    const id = await placeLost(app);
    const early = await app.local.invoke('orders:resolve', { clientOrderId: id, outcome: 'not_executed', confirm: true });
    expect(early).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/reconciliation can still settle it/) } });
    expect((await order(app, id))?.status).toBe('unknown');

    const waiting = await needsPerson(app, id);
    expect(waiting).toMatchObject({ status: 'unknown', reason: expect.stringMatching(/check the terminal/) });
    expect(await app.local.invoke('orders:resolve', { clientOrderId: id, outcome: 'maybe', confirm: true })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await app.local.invoke('orders:resolve', { clientOrderId: id, outcome: 'not_executed' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect((await order(app, id))?.needsPerson).toBe(true);

    const resolved = await app.local.invoke('orders:resolve', { clientOrderId: id, outcome: 'not_executed', confirm: true });
    expect(resolved).toMatchObject({ ok: true, result: { clientOrderId: id, status: 'not_received', reason: expect.stringMatching(/A trader checked the terminal: not executed/) } });
    expect((resolved as { result: ConsoleOrder }).result.needsPerson).toBeUndefined();
    const again = await app.local.invoke('orders:resolve', { clientOrderId: id, outcome: 'executed', confirm: true });
    expect(again).toMatchObject({ ok: false, error: { code: 'INVALID_STATE', message: expect.stringMatching(/it is not_received, not unknown/) } });
    expect((await order(app, id))?.status).toBe('not_received');

    const audit = await app.local.invoke('audit:list', { action: 'order.resolve' });
    if (!audit.ok) throw new Error(audit.error.message);
    const rows = (audit.result as { entries: Array<{ target: string; outcome: string; role: string; detail: Record<string, unknown> }> }).entries;
    expect(rows.filter((row) => row.target === id).map((row) => [row.outcome, row.detail['outcome']])).toEqual(
      expect.arrayContaining([
        ['INVALID_STATE', 'not_executed'],
        ['ok', 'not_executed'],
        ['INVALID_STATE', 'executed'],
      ]),
    );
    expect((await admin<{ total: number }>(hub, 'ADMIN_EXECUTIONS')).total).toBe(0);
  });

  it('records "executed" as filled for an order whose position was closed before reconciliation', async () => {
    const { hub, app } = await setup(['--drop-reply', '1']);
    const id = await placeLost(app);
    expect(await admin<{ positions_closed: number }>(hub, 'KILL_SWITCH')).toMatchObject({ positions_closed: 1 });
    await needsPerson(app, id);
    const resolved = await app.local.invoke('orders:resolve', { clientOrderId: id, outcome: 'executed', confirm: true });
    expect(resolved).toMatchObject({ ok: true, result: { status: 'filled', filledVolume: 0.1, reason: expect.stringMatching(/executed/) } });
    expect((await admin<{ byComment: Record<string, number> }>(hub, 'ADMIN_EXECUTIONS')).byComment[id]).toBe(1);
  });
});

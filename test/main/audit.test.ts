// The audit trail through the console core (router -> handlers -> ledger's SQLite) on the real
// embedded simulated hub: who placed, canceled, resubmitted or changed what, with the outcome; a
// viewer's attempt recorded as denied, a flood of them coalesced with every one counted; exports;
// rows that outlive a close and a SIGKILL.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../src-shared/domain/audit';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { Principal } from '../../src-shared/ipc/access';
import type { Result } from '../../src-shared/ipc/errors';
import type { ConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleConfig } from '../../src-main/app/config';
import { RefusalTrail } from '../../src-main/app/audit-trail';
import { startSimHub } from '../../src-main/hub/sim/server';
import { OrderLedger } from '../../src-main/orders/ledger';
import { runTool } from './tools/run-tool';
import { testConfig } from '../support/console-config';
import { spawnServe } from '../support/serve-process';
import { startReadyConsole } from '../support/ready-console';
import { rebindRetrying } from '../support/rebind';
import { waitFor } from '../support/wait';
import { WsClient } from '../support/ws-client';

const running: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const item of running.splice(0).reverse()) await item.dispose();
});

const TRADER: Principal = { role: 'trader', tokenId: 'trader-1a2b3c4d' };
const VIEWER: Principal = { role: 'viewer', tokenId: 'viewer-5e6f7a8b' };

function consoleOn(config: ConsoleConfig): Promise<ConsoleApp> {
  return startReadyConsole(config, (app) => running.push(app));
}

function ok<T>(reply: Result<unknown>): T {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as T;
}

async function trail(app: ConsoleApp, filter: Record<string, unknown> = {}): Promise<AuditEntry[]> {
  return ok<{ entries: AuditEntry[] }>(await app.local.invoke('audit:list', { limit: 1000, ...filter })).entries;
}

const buy = (clientOrderId: string, volume = 0.1) => ({ clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume });

/** Reads a data dir's trail as the ledger CLI would: its own connection, opened and closed. */
function reopened(dataDir: string): AuditEntry[] {
  const ledger = new OrderLedger(dataDir, (error) => {
    throw error;
  });
  try {
    return ledger.audit.entries({});
  } finally {
    ledger.close();
  }
}

describe('the audit trail of a console', () => {
  it("records a trader's place, cancel and resubmit with role, token id, target, outcome and detail", async () => {
    const app = await consoleOn(testConfig());
    const placed = ok<ConsoleOrder>(await app.router.invoke('orders:place', buy('HD-a1'), TRADER));
    expect(placed.status).toBe('filled');
    // A buy limit far below the market rests on the hub until it is canceled.
    const limit = { clientOrderId: 'HD-a2', symbol: 'EURUSD', side: 'buy', type: 'limit', volume: 0.2, price: 0.5 };
    expect(ok<ConsoleOrder>(await app.router.invoke('orders:place', limit, TRADER)).status).toBe('working');
    expect(ok<ConsoleOrder>(await app.router.invoke('orders:cancel', { clientOrderId: 'HD-a2' }, TRADER)).status).toBe('canceled');
    // Only a not_received order may be resubmitted: the attempt is recorded with the code it got.
    expect(await app.router.invoke('orders:resubmit', { clientOrderId: 'HD-a1', confirm: true }, TRADER)).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });

    const rows = (await trail(app)).reverse();
    expect(rows.map((row) => [row.role, row.tokenId, row.action, row.target, row.outcome])).toEqual([
      ['trader', 'trader-1a2b3c4d', 'order.place', 'HD-a1', 'ok'],
      ['trader', 'trader-1a2b3c4d', 'order.place', 'HD-a2', 'ok'],
      ['trader', 'trader-1a2b3c4d', 'order.cancel', 'HD-a2', 'ok'],
      ['trader', 'trader-1a2b3c4d', 'order.resubmit', 'HD-a1', 'INVALID_STATE'],
    ]);
    expect(rows[0]?.detail).toEqual({ symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1, status: 'filled' });
    expect(rows[1]?.detail).toMatchObject({ type: 'limit', volume: 0.2, price: 0.5, status: 'working' });
    expect(rows[2]?.detail).toMatchObject({ symbol: 'EURUSD', status: 'canceled' });
    expect(rows.every((row, index) => index === 0 || row.seq > (rows[index - 1]?.seq ?? 0))).toBe(true);
  });

  it('records placements refused before any intent with their code: bad fields, a held repeat, a used ticket', async () => {
    const app = await consoleOn(testConfig());
    expect(await app.local.invoke('orders:place', buy('HD-b1', 0.015))).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(await app.local.invoke('orders:place', { ...buy('HD-b2'), side: 'up' })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    ok(await app.local.invoke('orders:place', buy('HD-b3')));
    expect(await app.local.invoke('orders:place', buy('HD-b4'))).toMatchObject({ ok: false, error: { code: 'HELD_DUPLICATE' } });
    expect(await app.local.invoke('orders:place', buy('HD-b3'))).toMatchObject({ ok: false, error: { code: 'TICKET_USED' } });
    ok(await app.local.invoke('orders:dropHeld', { clientOrderId: 'HD-b4' }));

    const rows = (await trail(app)).reverse();
    expect(rows.map((row) => [row.tokenId, row.action, row.target, row.outcome])).toEqual([
      ['desktop', 'order.place', 'HD-b1', 'BAD_INPUT'],
      // Refused by the contract's schema before the handler: recorded all the same.
      ['desktop', 'order.place', 'HD-b2', 'BAD_INPUT'],
      ['desktop', 'order.place', 'HD-b3', 'ok'],
      ['desktop', 'order.place', 'HD-b4', 'HELD_DUPLICATE'],
      ['desktop', 'order.place', 'HD-b3', 'TICKET_USED'],
      ['desktop', 'order.dropHeld', 'HD-b4', 'ok'],
    ]);
    expect(rows[1]?.detail).toEqual({ fields: ['side'] });
  });

  it("records a viewer's attempt to place as denied, and no order reaches the ledger", async () => {
    const app = await consoleOn(testConfig());
    expect(await app.router.invoke('orders:place', buy('HD-v1'), VIEWER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await app.router.invoke('audit:list', {}, VIEWER)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    const denied = await trail(app, { action: 'denied' });
    expect(denied.map((row) => [row.role, row.tokenId, row.target, row.outcome, row.detail])).toEqual([
      ['viewer', 'viewer-5e6f7a8b', 'audit:list', 'FORBIDDEN', { needs: 'trader' }],
      ['viewer', 'viewer-5e6f7a8b', 'orders:place', 'FORBIDDEN', { needs: 'trader' }],
    ]);
    expect(await trail(app, { role: 'viewer', action: 'order.place' })).toEqual([]);
    const orders = ok<{ orders: { orders: ConsoleOrder[] } }>(await app.local.invoke('session:snapshot', {})).orders.orders;
    expect(orders.find((order) => order.clientOrderId === 'HD-v1')).toBeUndefined();
  });

  it("coalesces a flood of a viewer's refused calls into a few denied rows whose counts add up", async () => {
    const config = testConfig();
    const app = await consoleOn(config);
    const OTHER: Principal = { role: 'viewer', tokenId: 'viewer-0c0c0c0c' };
    const calls = [
      ...Array.from({ length: 300 }, (_, i) => app.router.invoke('orders:place', buy(`HD-f${i}`), VIEWER)),
      ...Array.from({ length: 100 }, () => app.router.invoke('audit:list', {}, VIEWER)),
      ...Array.from({ length: 20 }, () => app.router.invoke('orders:place', buy('HD-f0'), OTHER)),
    ];
    for (const reply of await Promise.all(calls)) expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

    // Within the window: the first refusal of each token on each channel, nothing more yet.
    const now = await trail(app, { action: 'denied' });
    expect(now.map((row) => [row.tokenId, row.target, row.detail]).sort()).toEqual([
      ['viewer-0c0c0c0c', 'orders:place', { needs: 'trader' }],
      ['viewer-5e6f7a8b', 'audit:list', { needs: 'trader' }],
      ['viewer-5e6f7a8b', 'orders:place', { needs: 'trader' }],
    ]);
    // Closing the console writes what its open windows held: nothing is lost.
    await app.dispose();
    running.splice(running.indexOf(app), 1);
    const rows = reopened(config.dataDir).filter((row) => row.action === 'denied');
    const counted = (tokenId: string, target: string) =>
      rows.filter((row) => row.tokenId === tokenId && row.target === target).reduce((sum, row) => sum + Number(row.detail.repeated ?? 1), 0);
    expect(counted('viewer-5e6f7a8b', 'orders:place')).toBe(300);
    expect(counted('viewer-5e6f7a8b', 'audit:list')).toBe(100);
    expect(counted('viewer-0c0c0c0c', 'orders:place')).toBe(20);
    expect(rows).toHaveLength(6);
    expect(rows.find((row) => row.detail.repeated === 299)).toMatchObject({ role: 'viewer', outcome: 'FORBIDDEN', detail: { needs: 'trader', from: expect.any(String), to: expect.any(String) } });
  });

  it('writes a denied row for the first refusal, then at most one per 10 s window with how many came in it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    vi.setSystemTime(Date.UTC(2025, 2, 1, 14, 0, 0));
    const ledger = new OrderLedger(testConfig().dataDir, (error) => {
      throw error;
    });
    running.push({ dispose: async () => ledger.close() });
    const refusals = new RefusalTrail(ledger.audit);
    const refuse = (channel: 'orders:place' | 'orders:cancel', times = 1) => {
      for (let i = 0; i < times; i += 1) {
        refusals.record({ channel, principal: VIEWER, input: {}, error: { code: 'FORBIDDEN', message: 'no' } });
      }
    };
    const rows = () => ledger.audit.entries({}).map((row) => [row.target, row.detail.repeated ?? 1]);

    refuse('orders:place');
    vi.advanceTimersByTime(1_000);
    refuse('orders:place', 5);
    refuse('orders:cancel');
    expect(rows()).toEqual([['orders:place', 1], ['orders:cancel', 1]]);
    vi.advanceTimersByTime(9_000);
    // The window closed: one row for the five it held, with the first and last one's time.
    expect(rows()).toEqual([['orders:place', 1], ['orders:cancel', 1], ['orders:place', 5]]);
    expect(ledger.audit.entries({}).at(-1)?.detail).toEqual({ needs: 'trader', repeated: 5, from: '2025-03-01T14:00:01.000Z', to: '2025-03-01T14:00:01.000Z' });
    refuse('orders:place', 3);
    vi.advanceTimersByTime(10_000);
    expect(rows().slice(3)).toEqual([['orders:place', 3]]);
    // A quiet window closes the pair; the next refusal is a row of its own at once.
    vi.advanceTimersByTime(10_000);
    refuse('orders:place');
    refuse('orders:place', 2);
    refusals.dispose();
    expect(rows().slice(4)).toEqual([['orders:place', 1], ['orders:place', 2]]);
    const total = ledger.audit.entries({}).filter((row) => row.target === 'orders:place').reduce((sum, row) => sum + Number(row.detail.repeated ?? 1), 0);
    expect(total).toBe(1 + 5 + 3 + 1 + 2);
  });

  it('records settings changes with what changed and what the gate decided', async () => {
    const app = await consoleOn(testConfig());
    ok(await app.router.invoke('settings:propose', { changes: { duplicateWindowMs: 4000 }, reason: 'slow desk', author: 'ana' }, TRADER));
    ok(await app.router.invoke('settings:propose', { changes: { maxRetries: 999 }, reason: '', author: 'ana' }, TRADER));

    const rows = (await trail(app, { role: 'trader' })).filter((row) => row.action === 'settings.propose').reverse();
    expect(rows[0]).toMatchObject({ tokenId: 'trader-1a2b3c4d', target: 'duplicateWindowMs', outcome: 'ok', detail: { changes: { duplicateWindowMs: 4000 }, author: 'ana', reason: 'slow desk', status: 'applied' } });
    expect(rows[1]).toMatchObject({ target: 'maxRetries', outcome: 'CHANGE_REFUSED', detail: { changes: { maxRetries: 999 }, status: 'refused' } });
  });

  it("never records a token's secret: a rotation keeps the new token's id only", async () => {
    const app = await consoleOn(testConfig());
    const rotated = ok<{ token: { id: string }; secret: string }>(await app.router.invoke('access:rotate', { role: 'viewer' }, TRADER));
    const exported = ok<{ text: string }>(await app.local.invoke('audit:export', { format: 'json' })).text;
    expect(exported).toContain(rotated.token.id);
    expect(exported).not.toContain(rotated.secret);
    const [row] = await trail(app, { action: 'access.rotate' });
    expect(row).toMatchObject({ target: 'viewer', outcome: 'ok', detail: { tokenId: rotated.token.id } });
  });

  it('exports CSV with a header and each row with its role and token id, and filters by role and time', async () => {
    const app = await consoleOn(testConfig());
    ok(await app.router.invoke('orders:place', buy('HD-c1'), TRADER));
    const since = Date.now();
    await app.router.invoke('orders:cancel', { clientOrderId: 'HD-c1' }, VIEWER);

    const csv = ok<{ text: string; rows: number }>(await app.local.invoke('audit:export', { format: 'csv' }));
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,time,role,tokenId,action,target,outcome,detail');
    expect(csv.rows).toBe(2);
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT[\d:.]+Z,trader,trader-1a2b3c4d,order\.place,HD-c1,ok,"\{""symbol"":""EURUSD""/);
    expect(lines[2]).toMatch(/^\d+,[^,]+,viewer,viewer-5e6f7a8b,denied,orders:cancel,FORBIDDEN,/);

    const viewerOnly = ok<{ text: string; rows: number }>(await app.local.invoke('audit:export', { format: 'csv', role: 'viewer', since }));
    expect(viewerOnly.rows).toBe(1);
    expect(ok<{ total: number }>(await app.local.invoke('audit:list', { since: Date.now() + 60_000 })).total).toBe(0);
    expect(await app.local.invoke('audit:list', { limit: 1001 })).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('keeps every row when the console stops and the ledger is opened again', async () => {
    const config = testConfig();
    const app = await consoleOn(config);
    ok(await app.router.invoke('orders:place', buy('HD-d1'), TRADER));
    await app.router.invoke('orders:place', buy('HD-d2'), VIEWER);
    const before = await trail(app);
    await app.dispose();
    running.splice(running.indexOf(app), 1);

    const after = reopened(config.dataDir).reverse();
    expect(after).toEqual(before);
    expect(after.map((row) => row.action)).toEqual(['denied', 'order.place']);
  });

  it('records a resubmission of a not_received order as ok, under the same clientOrderId', async () => {
    const faulty = await startSimHub({ port: 0, seed: 4, heartbeatMs: 100, logLevel: 'silent', requestTimeoutMs: 300, dropRequest: 1, faultOps: ['placeOrder'] });
    running.push(faulty);
    const app = await consoleOn(testConfig({ hubAddress: faulty.requests }));
    expect(await app.router.invoke('orders:place', buy('HD-r1'), TRADER)).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN' } });
    const status = async () => ok<{ orders: { orders: ConsoleOrder[] } }>(await app.local.invoke('session:snapshot', {})).orders.orders.find((o) => o.clientOrderId === 'HD-r1')?.status;
    await waitFor(async () => (await status()) === 'not_received' || undefined, 'not_received', 5000);
    const port = Number(new URL(faulty.requests.replace('tcp:', 'http:')).port);
    await faulty.dispose();
    const fixed = await rebindRetrying(() => startSimHub({ port, seed: 4, heartbeatMs: 100, logLevel: 'silent' }));
    running.push(fixed);
    await waitFor(() => (app.hub.connection.state === 'up' && app.hub.hub?.hubId === fixed.hubId) || undefined, 'the new hub', 10_000);
    ok(await app.router.invoke('orders:resubmit', { clientOrderId: 'HD-r1', confirm: true }, TRADER));

    const rows = (await trail(app)).reverse();
    expect(rows.map((row) => [row.action, row.target, row.outcome])).toEqual([
      ['order.place', 'HD-r1', 'ORDER_UNKNOWN'],
      ['order.resubmit', 'HD-r1', 'ok'],
    ]);
    expect(rows[1]?.detail).toMatchObject({ symbol: 'EURUSD', volume: 0.1, status: 'filled' });
  });
});

describe("a placement's audit row and the order's intent", () => {
  const ticket = buy('HD-t1');
  const pending: ConsoleOrder = { ...ticket, side: 'buy', type: 'market', orderId: null, status: 'pending', filledVolume: 0, avgPrice: null, reason: null, createdAt: 1, updatedAt: 1 };

  function counts(dataDir: string): { audit: number; orders: number } {
    const db = new Database(join(dataDir, 'ledger.sqlite'), { readonly: true });
    try {
      const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
      return { audit: count('audit'), orders: count('orders') };
    } finally {
      db.close();
    }
  }

  it('commit together: another connection sees neither before the commit the order waits for, both after', async () => {
    const dataDir = testConfig().dataDir;
    const ledger = new OrderLedger(dataDir, (error) => {
      throw error;
    });
    try {
      // What the audited handler and the gateway do in one turn: the attempt's row, then the intent.
      ledger.audit.begin(TRADER, 'order.place', ticket.clientOrderId, { symbol: 'EURUSD' });
      ledger.insertSent(pending, { ...pending, status: 'sent', updatedAt: 2 }, 2);
      expect(counts(dataDir)).toEqual({ audit: 0, orders: 0 });
      await ledger.committed();
      expect(counts(dataDir)).toEqual({ audit: 1, orders: 1 });
    } finally {
      ledger.close();
    }
  });

  it('for a held order written at once, the queued audit row is committed first', () => {
    const dataDir = testConfig().dataDir;
    const ledger = new OrderLedger(dataDir, (error) => {
      throw error;
    });
    try {
      ledger.audit.begin(TRADER, 'order.place', ticket.clientOrderId);
      expect(ledger.insert({ ...pending, status: 'held', reason: 'repeat' }, 'held')).toBe(true);
      expect(counts(dataDir)).toEqual({ audit: 1, orders: 1 });
    } finally {
      ledger.close();
    }
  });
});

describe('a served console SIGKILLed while placing orders', () => {
  it('has an order.place row for every order in its ledger, and the denied attempt, as the ledger CLI shows', async () => {
    // No --hub: the console's embedded simulated hub, in the same process, dies with it.
    const served = await spawnServe(['--seed', '5']);
    running.push({ dispose: () => served.stop() });
    const viewer = await WsClient.open(served.viewerUrl);
    expect(await viewer.call('orders:place', buy('HD-k0'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    viewer.close();

    const trader = await WsClient.open(served.url);
    // Different volumes, so none is held as a repeat; the process dies with many on their way.
    const replies = Array.from({ length: 100 }, (_, i) => trader.call('orders:place', buy(`HD-k${i + 1}`, Number((0.01 * (i + 1)).toFixed(2)))));
    await Promise.race(replies);
    await served.kill('SIGKILL');
    trader.close();

    const ledger = new OrderLedger(served.dataDir, (error) => {
      throw error;
    });
    let orders: string[];
    try {
      orders = ledger.load().records.map((record) => record.order.clientOrderId);
    } finally {
      ledger.close();
    }
    expect(orders.length).toBeGreaterThan(0);
    const cli = await runTool('src-main/tools/ledger/cli.ts', ['--data-dir', served.dataDir, '--audit', '--json'], 30_000);
    expect(cli.code).toBe(0);
    const rows = JSON.parse(cli.stdout) as AuditEntry[];
    expect(rows[0]).toMatchObject({ role: 'viewer', action: 'denied', target: 'orders:place', outcome: 'FORBIDDEN' });
    const attempted = new Set(rows.filter((row) => row.action === 'order.place' && row.role === 'trader').map((row) => row.target));
    for (const id of orders) expect(attempted, `the order ${id} has no audit row`).toContain(id);
  }, 60_000);
});

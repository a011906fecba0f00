// A garbled placeOrder reply through the whole console (router -> gateway -> hub client -> real
// ZeroMQ -> a rogue hub that executed the order but answers garbage): the order is left `unknown`,
// never `rejected` and never resent, and reconciliation by orderStatus settles it as filled.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { testConfig } from '../support/console-config';
import { waitFor } from '../support/wait';
import { HUGE, bytes, oversizedReplyTo, replyJson, sampleOrder, toJson } from '../support/hub-fuzz-frames';
import { startRogueHub } from '../support/hub-fuzz-rogue-hub';
import type { Frames, RogueHub } from '../support/hub-fuzz-rogue-hub';

const running: Array<{ dispose(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.dispose();
});

/** Garbled answers to a placeOrder the hub did execute: `order` is what it holds now. */
const GARBLES: ReadonlyArray<readonly [string, (id: string, order: Record<string, unknown>) => Frames]> = [
  ['cut-off JSON', (id) => [`{"v":1,"id":"${id}","ok":tru`]],
  ['a negative volume', (id, order) => [replyJson(id, { ...order, volume: -0.1 })]],
  ['an unknown status', (id, order) => [replyJson(id, { ...order, status: 'partially_filled' })]],
  ['a price of 1e400', (id, order) => [replyJson(id, { ...order, avgPrice: HUGE })]],
  ['protocol version 2', (id, order) => [toJson({ v: 2, id, ok: true, result: order })]],
  ['a failure with an unknown code', (id) => [toJson({ v: 1, id, ok: false, error: { code: 'NO_MONEY', message: 'refused' } })]],
  ['a frame over 1 MiB', (id) => [oversizedReplyTo(id)]],
  ['random bytes with no id (then nothing)', () => [bytes('\u0000\u00ff garbage')]],
];

/** A rogue hub that fills every order it is sent, answers placeOrder with `garble`, and tells the truth to orderStatus. */
function fillingHub(rogue: RogueHub, garble: () => (id: string, order: Record<string, unknown>) => Frames): void {
  const held = new Map<string, Record<string, unknown>>();
  rogue.answers.placeOrder = ({ id, args }) => {
    const { clientOrderId, volume } = args as { clientOrderId: string; volume: number };
    const order = sampleOrder({ orderId: `h-${held.size + 1}`, clientOrderId, type: 'market', price: null, tp: null, volume, filledVolume: volume });
    held.set(clientOrderId, order);
    return [garble()(id, order)];
  };
  rogue.answers.orderStatus = ({ id, args }) => {
    const order = held.get(String(args.clientOrderId));
    return [[order ? replyJson(id, order) : toJson({ v: 1, id, ok: false, error: { code: 'NOT_FOUND', message: 'no such order' } })]];
  };
  rogue.answers.orders = ({ id }) => [[replyJson(id, [...held.values()])]];
}

/** What the console shows: its symbols and its orders. */
async function view(app: ConsoleApp): Promise<{ symbols: unknown[]; orders: ConsoleOrder[] }> {
  const snapshot = await app.local.invoke('session:snapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  const { symbols, orders } = snapshot.result as { symbols: unknown[]; orders: { orders: ConsoleOrder[] } };
  return { symbols, orders: orders.orders };
}

describe('a garbled placeOrder reply', () => {
  it('leaves each order unknown, sends it once, and reconciliation settles it from orderStatus', async () => {
    const rogue = await startRogueHub();
    running.push(rogue);
    let next = 0;
    fillingHub(rogue, () => GARBLES[next++ % GARBLES.length]?.[1] ?? (() => []));
    const app = await startConsoleApp(testConfig({ hubAddress: rogue.requests }), pino({ level: 'silent' }));
    running.push(app);
    await waitFor(() => (app.hub.connection.state === 'up' && !app.reconciler.reconciling) || undefined, 'the console to connect and reconcile', 15_000);
    await waitFor(async () => (await view(app)).symbols.length > 0, 'symbols to load');

    const ids: string[] = [];
    for (const [index, [garble]] of GARBLES.entries()) {
      const ticket = await app.local.invoke('tickets:create', {});
      if (!ticket.ok) throw new Error(ticket.error.message);
      const { clientOrderId } = ticket.result as { clientOrderId: string };
      ids.push(clientOrderId);
      // A different volume each time, so the pre-trade duplicate check holds none of them.
      const reply = await app.local.invoke('orders:place', { clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume: (index + 1) / 100 });
      expect(reply, garble).toMatchObject({ ok: false, error: { code: 'ORDER_UNKNOWN', clientOrderId } });
      const order = (await view(app)).orders.find((o) => o.clientOrderId === clientOrderId);
      expect(order?.status, garble).toBe('unknown');
      expect(order?.reason, garble).toMatch(/NOT resent/);
    }

    const settled = await waitFor(async () => {
      const mine = (await view(app)).orders.filter((o) => ids.includes(o.clientOrderId));
      return mine.every((o) => o.status === 'filled') ? mine : undefined;
    }, 'reconciliation to settle every order', 15_000);
    expect(settled).toHaveLength(GARBLES.length);
    for (const id of ids) {
      expect(rogue.received.filter((r) => r.op === 'placeOrder' && r.args.clientOrderId === id)).toHaveLength(1);
      expect(rogue.received.some((r) => r.op === 'orderStatus' && r.args.clientOrderId === id)).toBe(true);
    }
    const { rejected } = app.hub.stats();
    expect(rejected).toMatchObject({ not_json: 2, bad_result: 3, wrong_protocol: 1, bad_envelope: 1, oversized: 1 });
    // What support staff see in the Health view's Counters.
    expect(app.health.current().counters.rejectedHubMessages).toMatchObject({ not_json: 2, bad_result: 3, oversized: 1 });
  }, 30_000);
});

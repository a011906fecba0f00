// The paper-trading engine on its own: pre-trade checks, resting-order triggers, netting and
// account maths, margin rejection, deduplication and cancels. Table-driven; no sockets, no files.
import { describe, expect, it } from 'vitest';
import type { HubOrder } from '../../../src-shared/domain/order';
import type { PlaceOrderArgs } from '../../../src-main/hub/protocol';
import { SimEngine, START_BALANCE_CENTS, type EngineSnapshot } from '../../../src-main/hub/sim/engine';
import { SIM_INSTRUMENTS } from '../../../src-main/hub/sim/instruments';

const EMPTY: EngineSnapshot = { orders: [], positions: [], balanceCents: START_BALANCE_CENTS, nextOrderSeq: 1 };
let seq = 0;

function engine(options: { dedupe?: boolean; snapshot?: EngineSnapshot } = {}): SimEngine {
  const e = new SimEngine(SIM_INSTRUMENTS, options.snapshot ?? EMPTY, { dedupe: options.dedupe ?? true, leverage: 100 }, 1000);
  quote(e, 'EURUSD', 1.1, 1.1001);
  quote(e, 'GBPUSD', 1.25, 1.2501);
  quote(e, 'USDJPY', 150, 150.01);
  quote(e, 'XAUUSD', 2000, 2000.3);
  return e;
}

function quote(e: SimEngine, symbol: string, bid: number, ask: number): void {
  const set = e.setQuote(symbol, bid, ask, 2000);
  if (!set.ok) throw new Error(set.message);
}

function ticket(overrides: Partial<PlaceOrderArgs> = {}): PlaceOrderArgs {
  seq += 1;
  return { clientOrderId: `c${seq}`, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 1, ...overrides };
}

function place(e: SimEngine, overrides: Partial<PlaceOrderArgs> = {}): HubOrder {
  const placed = e.placeOrder(ticket(overrides), 3000);
  if (!placed.ok) throw new Error(`${placed.code}: ${placed.message}`);
  return placed.value.order;
}

describe('pre-trade checks (EURUSD bid 1.10000 / ask 1.10010)', () => {
  it.each([
    ['buy limit at the ask', { type: 'limit', price: 1.1001 }, 'INVALID_PRICE', /below the ask 1.1001/],
    ['sell limit at the bid', { side: 'sell', type: 'limit', price: 1.1 }, 'INVALID_PRICE', /above the bid 1.1/],
    ['buy stop at the ask', { type: 'stop', price: 1.1001 }, 'INVALID_PRICE', /above the ask/],
    ['sell stop at the bid', { side: 'sell', type: 'stop', price: 1.1 }, 'INVALID_PRICE', /below the bid/],
    ['limit without a price', { type: 'limit' }, 'INVALID_PRICE', /needs a price/],
    ['stop with a null price', { type: 'stop', price: null }, 'INVALID_PRICE', /needs a price/],
    ['price off the point grid', { type: 'limit', price: 1.099995 }, 'INVALID_PRICE', /multiple of the point 0.00001/],
    ['volume below the minimum', { volume: 0.001 }, 'INVALID_VOLUME', /below the minimum 0.01/],
    ['volume above the maximum', { volume: 100.01 }, 'INVALID_VOLUME', /above the maximum 100/],
    ['volume off the step', { volume: 0.015 }, 'INVALID_VOLUME', /multiple of the step 0.01/],
    ['unknown symbol', { symbol: 'EURXYZ' }, 'UNKNOWN_SYMBOL', /EURXYZ/],
    ['buy sl above the entry', { sl: 1.1002 }, 'INVALID_PRICE', /sl 1.1002 must be below the entry 1.1001/],
    ['buy tp below the entry', { tp: 1.1 }, 'INVALID_PRICE', /tp 1.1 must be above/],
    ['sell sl below the entry', { side: 'sell', sl: 1.0999 }, 'INVALID_PRICE', /sl 1.0999 must be above the entry 1.1/],
    ['sell tp above the entry', { side: 'sell', tp: 1.1005 }, 'INVALID_PRICE', /tp 1.1005 must be below/],
    ['buy limit sl above its limit price', { type: 'limit', price: 1.095, sl: 1.096 }, 'INVALID_PRICE', /entry 1.095/],
  ] as const)('%s → %s', (_name, overrides, code, message) => {
    const e = engine();
    const placed = e.placeOrder(ticket(overrides), 3000);
    expect(placed).toMatchObject({ ok: false, code });
    expect(placed.ok ? '' : placed.message).toMatch(message);
    expect(e.orders('all')).toEqual([]);
    expect(e.takeChanges()).toBeUndefined();
  });

  it.each([
    ['buy limit below the ask', { type: 'limit', price: 1.1 }],
    ['sell limit above the bid', { side: 'sell', type: 'limit', price: 1.1001 }],
    ['buy stop above the ask', { type: 'stop', price: 1.1002 }],
    ['sell stop below the bid', { side: 'sell', type: 'stop', price: 1.0999 }],
    ['buy with sl and tp around the entry', { sl: 1.099, tp: 1.102 }],
    ['sell with sl and tp around the entry', { side: 'sell', sl: 1.102, tp: 1.099 }],
  ] as const)('accepts a %s', (_name, overrides) => {
    const order = place(engine(), overrides);
    expect(order.status).toBe('type' in overrides ? 'working' : 'filled');
  });

  it('fills a market order at the ask (buy) or bid (sell) and ignores its price', () => {
    const e = engine();
    expect(place(e, { price: 9.9 })).toMatchObject({ status: 'filled', price: null, avgPrice: 1.1001, filledVolume: 1 });
    expect(place(e, { side: 'sell', volume: 0.5 })).toMatchObject({ status: 'filled', avgPrice: 1.1, filledVolume: 0.5 });
  });
});

describe('resting orders', () => {
  it.each([
    ['buy limit', 'buy', 'limit', 1.099, [1.0991, 1.0992], [1.0989, 1.099], 1.099],
    ['sell limit', 'sell', 'limit', 1.101, [1.1009, 1.101], [1.101, 1.1011], 1.101],
    ['buy stop', 'buy', 'stop', 1.101, [1.1008, 1.1009], [1.1009, 1.101], 1.101],
    ['sell stop', 'sell', 'stop', 1.099, [1.0991, 1.0992], [1.099, 1.0991], 1.099],
  ] as const)('%s rests until the price crosses, then fills at the touching side', (_n, side, type, price, near, cross, fillAt) => {
    const e = engine();
    const order = place(e, { side, type, price });
    expect(order.status).toBe('working');
    quote(e, 'EURUSD', near[0], near[1]);
    expect(e.orderStatus(order.clientOrderId)).toMatchObject({ ok: true, value: { status: 'working' } });
    quote(e, 'EURUSD', cross[0], cross[1]);
    expect(e.orderStatus(order.clientOrderId)).toMatchObject({ ok: true, value: { status: 'filled', avgPrice: fillAt, filledVolume: 1 } });
    expect(e.positions()).toMatchObject([{ symbol: 'EURUSD', side, volume: 1, avgPrice: fillAt }]);
  });

  it('other symbols do not trigger it, and it resumes from a snapshot', () => {
    const e = engine();
    const order = place(e, { type: 'limit', price: 1.099 });
    quote(e, 'GBPUSD', 1.0, 1.0001);
    expect(e.orders('open')).toHaveLength(1);
    const restored = engine({ snapshot: { orders: e.orders('all'), positions: [], balanceCents: START_BALANCE_CENTS, nextOrderSeq: 2 } });
    quote(restored, 'EURUSD', 1.0985, 1.0986);
    expect(restored.orderStatus(order.clientOrderId)).toMatchObject({ ok: true, value: { status: 'filled', avgPrice: 1.0986 } });
    expect(place(restored).orderId).toBe('2');
  });
});

describe('netting and the account', () => {
  it('adds, reduces and flips one position per symbol, booking realized PnL in USD', () => {
    const e = engine();
    place(e, { volume: 0.6 });
    place(e, { volume: 0.4 });
    expect(e.positions()).toEqual([{ symbol: 'EURUSD', side: 'buy', volume: 1, avgPrice: 1.1001, unrealizedPnl: -10 }]);
    quote(e, 'EURUSD', 1.1011, 1.1012);
    place(e, { side: 'sell', volume: 0.4 }); // closes 0.4 at 1.10110: +40
    expect(e.positions()).toMatchObject([{ side: 'buy', volume: 0.6, avgPrice: 1.1001, unrealizedPnl: 60 }]);
    place(e, { side: 'sell', volume: 1 }); // closes 0.6 (+60), opens a 0.4 short at 1.10110
    expect(e.positions()).toEqual([{ symbol: 'EURUSD', side: 'sell', volume: 0.4, avgPrice: 1.1011, unrealizedPnl: -4 }]);
    expect(e.account()).toMatchObject({ currency: 'USD', balance: 100_100, equity: 100_096 });
    place(e, { side: 'buy', volume: 0.4 }); // closes at the ask 1.10120: -4
    expect(e.positions()).toEqual([]);
    expect(e.account()).toEqual({ currency: 'USD', balance: 100_096, equity: 100_096, margin: 0, freeMargin: 100_096 });
  });

  it('averages the entry of fills at different prices', () => {
    const e = engine();
    place(e, { volume: 1 });
    quote(e, 'EURUSD', 1.1002, 1.1003);
    place(e, { volume: 3 });
    expect(e.positions()[0]?.avgPrice).toBeCloseTo(1.10025, 8);
  });

  it.each([
    // symbol, entry bid/ask, exit bid/ask, volume, realized USD
    ['USDJPY (JPY profit at 1/USDJPY)', 'USDJPY', [150, 150.01], [151.01, 151.02], 1, 662.19],
    ['XAUUSD (100 oz contracts)', 'XAUUSD', [2000, 2000.3], [2010.3, 2010.6], 0.5, 500],
    ['GBPUSD short', 'GBPUSD', [1.25, 1.2501], [1.2401, 1.2402], -2, 1960],
  ] as const)('realizes %s', (_n, symbol, entry, exit, volume, usd) => {
    const e = engine();
    quote(e, symbol, entry[0], entry[1]);
    place(e, { symbol, side: volume > 0 ? 'buy' : 'sell', volume: Math.abs(volume) });
    quote(e, symbol, exit[0], exit[1]);
    place(e, { symbol, side: volume > 0 ? 'sell' : 'buy', volume: Math.abs(volume) });
    expect(e.account().balance).toBeCloseTo(100_000 + usd, 2);
  });

  it('charges margin at 1:100 in USD and refuses an order that would exceed equity', () => {
    const e = engine();
    place(e, { volume: 2 }); // 200 000 EUR / 100 at mid 1.10005
    place(e, { symbol: 'XAUUSD', volume: 1 }); // 100 oz / 100 at mid 2000.15
    expect(e.account()).toMatchObject({ margin: 2200.1 + 2000.15 });
    const rejected = place(e, { volume: 90 });
    expect(rejected).toMatchObject({ status: 'rejected', filledVolume: 0, avgPrice: null });
    expect(rejected.rejectReason).toMatch(/insufficient free margin/);
    expect(e.positions()).toHaveLength(2);
    expect(place(e, { side: 'sell', volume: 2 }).status).toBe('filled'); // reducing is always allowed
  });
});

describe('clientOrderId memory', () => {
  it('absorbs a repeat with the same fields and refuses one with different fields', () => {
    const e = engine();
    const args = ticket({ type: 'limit', price: 1.095, sl: 1.09 });
    const first = e.placeOrder(args, 3000);
    const again = e.placeOrder({ ...args }, 4000);
    expect(again).toEqual({ ok: true, value: { order: first.ok ? first.value.order : undefined, duplicate: true } });
    expect(e.placeOrder({ ...args, volume: 2 }, 5000)).toMatchObject({ ok: false, code: 'DUPLICATE_MISMATCH' });
    expect(e.placeOrder({ ...args, sl: null }, 5000)).toMatchObject({ ok: false, code: 'DUPLICATE_MISMATCH' });
    expect(e.orders('all')).toHaveLength(1);
  });

  it('absorbs a market repeat whose ignored price differs, and a rejected order too', () => {
    const e = engine();
    const args = ticket({ price: 1.2 });
    e.placeOrder(args, 3000);
    expect(e.placeOrder({ ...args, price: 1.3 }, 4000)).toMatchObject({ ok: true, value: { duplicate: true } });
    const big = ticket({ volume: 95 });
    expect(e.placeOrder(big, 3000)).toMatchObject({ ok: true, value: { order: { status: 'rejected' } } });
    expect(e.placeOrder(big, 3000)).toMatchObject({ ok: true, value: { duplicate: true, order: { status: 'rejected' } } });
    expect(e.orders('all')).toHaveLength(2);
  });

  it('without dedupe creates a new order each time and addresses the latest by clientOrderId', () => {
    const e = engine({ dedupe: false });
    const args = ticket({ type: 'limit', price: 1.095 });
    const first = e.placeOrder(args, 3000);
    const second = e.placeOrder(args, 4000);
    expect(first.ok && second.ok && first.value.order.orderId !== second.value.order.orderId).toBe(true);
    expect(e.orderStatus(args.clientOrderId)).toMatchObject({ ok: true, value: { orderId: '2' } });
    expect(e.cancelOrder({ clientOrderId: args.clientOrderId }, 5000)).toMatchObject({ ok: true, value: { orderId: '2', status: 'canceled' } });
    expect(e.orders('open').map((o) => o.orderId)).toEqual(['1']);
  });
});

describe('cancel and status', () => {
  it('cancels a working order once and returns finished orders unchanged', () => {
    const e = engine();
    const working = place(e, { type: 'limit', price: 1.095 });
    const canceled = e.cancelOrder({ orderId: working.orderId }, 5000);
    expect(canceled).toMatchObject({ ok: true, value: { status: 'canceled', updatedAt: 5000 } });
    expect(e.cancelOrder({ clientOrderId: working.clientOrderId }, 6000)).toEqual(canceled);
    const filled = place(e);
    expect(e.cancelOrder({ orderId: filled.orderId }, 7000)).toEqual({ ok: true, value: filled });
    quote(e, 'EURUSD', 1.09, 1.0901);
    expect(e.orderStatus(working.clientOrderId)).toMatchObject({ ok: true, value: { status: 'canceled' } });
  });

  it('answers NOT_FOUND for unknown orders', () => {
    const e = engine();
    expect(e.cancelOrder({ orderId: '99' }, 1)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(e.cancelOrder({ clientOrderId: 'nope' }, 1)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(e.orderStatus('nope')).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('reports each change once for persistence, in the order state it ended in', () => {
    const e = engine();
    e.takeChanges();
    place(e, { volume: 0.1 });
    const changes = e.takeChanges();
    expect(changes?.orders).toMatchObject([{ orderId: '1', status: 'filled' }]);
    expect(changes?.positions).toMatchObject([{ symbol: 'EURUSD', position: { side: 'buy', steps: 10 } }]);
    expect(changes?.nextOrderSeq).toBe(2);
    expect(e.takeChanges()).toBeUndefined();
  });
});

describe('quotes', () => {
  it('refuses off-grid or crossed admin prices and unknown symbols', () => {
    const e = engine();
    expect(e.setQuote('EURUSD', 1.100001, 1.1001, 1)).toMatchObject({ ok: false, code: 'INVALID_PRICE' });
    expect(e.setQuote('EURUSD', 1.1002, 1.1001, 1)).toMatchObject({ ok: false, code: 'INVALID_PRICE' });
    expect(e.setQuote('NOPE', 1, 2, 1)).toMatchObject({ ok: false, code: 'UNKNOWN_SYMBOL' });
    expect(e.quotes(['EURUSD', 'NOPE'])).toMatchObject({ ok: false, code: 'UNKNOWN_SYMBOL' });
    expect(e.quotes()).toMatchObject({ ok: true, value: [{ symbol: 'EURUSD', bid: 1.1, ask: 1.1001 }, {}, {}, {}] });
  });

  it('publishes realistic symbol specs', () => {
    expect(engine().symbols()).toEqual([
      { symbol: 'EURUSD', digits: 5, contractSize: 100000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
      { symbol: 'GBPUSD', digits: 5, contractSize: 100000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
      { symbol: 'USDJPY', digits: 3, contractSize: 100000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
      { symbol: 'XAUUSD', digits: 2, contractSize: 100, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
    ]);
    for (const inst of SIM_INSTRUMENTS) expect(inst.unitsPerStep).toBe(inst.spec.volumeStep * inst.spec.contractSize);
  });
});

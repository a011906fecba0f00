// Paper-trading engine: quotes, orders (market fills, resting limit/stop triggers), netting book,
// account and clientOrderId memory. Records what changed for the caller to persist and publish.
// Pure-ish: time comes in as arguments; no sockets, no files, no timers.
import type { Account, Position } from '../../../src-shared/domain/account';
import type { Quote, SymbolSpec } from '../../../src-shared/domain/market';
import type { HubOrder } from '../../../src-shared/domain/order';
import type { PlaceOrderArgs } from '../protocol';
import {
  accountCents, applyFill, centsToMoney, unrealizedCents,
  type Market, type PositionState, type QuotePoints,
} from './book';
import { avgPointsToPrice, pointsToPrice, priceToPoints, stepsToVolume, volumeToSteps, type Instrument } from './instruments';
import { checkPlaceOrder, sameTicket } from './order-checks';
import { fail, ok, type Outcome } from './outcome';

export interface EngineSnapshot {
  readonly orders: readonly HubOrder[];
  readonly positions: readonly PositionState[];
  readonly balanceCents: number;
  readonly nextOrderSeq: number;
}

/** Everything that changed since the last takeChanges(): write it, then publish the orders. */
export interface EngineChanges {
  readonly orders: readonly HubOrder[];
  readonly positions: ReadonlyArray<{ readonly symbol: string; readonly position: PositionState | null }>;
  readonly balanceCents: number;
  readonly nextOrderSeq: number;
}

export interface EngineOptions {
  /** false: behave like a bridge that does not deduplicate clientOrderIds. */
  readonly dedupe: boolean;
  readonly leverage: number;
}

export interface PlaceResult {
  readonly order: HubOrder;
  readonly duplicate: boolean;
}

export type OrderRef = { readonly orderId: string } | { readonly clientOrderId: string };

interface LiveQuote extends QuotePoints {
  readonly ts: number;
}

export const START_BALANCE_CENTS = 100_000_00;

export class SimEngine {
  private readonly instruments: ReadonlyMap<string, Instrument>;
  private readonly liveQuotes = new Map<string, LiveQuote>();
  /** Insertion order is creation order; replacing a key keeps its place. */
  private readonly orderById = new Map<string, HubOrder>();
  /** The latest order for each clientOrderId (with dedupe off there may be several). */
  private readonly orderByClientId = new Map<string, HubOrder>();
  private readonly working = new Map<string, HubOrder>();
  private readonly book = new Map<string, PositionState>();
  private balanceCents: number;
  private nextOrderSeq: number;
  private readonly dirtyOrders = new Map<string, HubOrder>();
  private readonly dirtySymbols = new Set<string>();
  private dirty = false;
  private readonly market: Market;

  constructor(instruments: readonly Instrument[], snapshot: EngineSnapshot, private readonly options: EngineOptions, now: number) {
    this.instruments = new Map(instruments.map((inst) => [inst.spec.symbol, inst]));
    for (const inst of instruments) {
      const spread = Math.round((inst.spreadPoints[0] + inst.spreadPoints[1]) / 2);
      this.liveQuotes.set(inst.spec.symbol, { bidPoints: inst.initialBidPoints, askPoints: inst.initialBidPoints + spread, ts: now });
    }
    for (const order of snapshot.orders) this.remember(order);
    for (const position of snapshot.positions) this.book.set(position.symbol, position);
    this.balanceCents = snapshot.balanceCents;
    this.nextOrderSeq = snapshot.nextOrderSeq;
    this.market = {
      instrument: (symbol) => this.instruments.get(symbol),
      quote: (symbol) => this.liveQuotes.get(symbol),
      usdRate: (currency) => this.usdRate(currency),
    };
  }

  symbols(): SymbolSpec[] {
    return [...this.instruments.values()].map((inst) => ({ ...inst.spec }));
  }

  instrument(symbol: string): Instrument | undefined {
    return this.instruments.get(symbol);
  }

  quotePoints(symbol: string): QuotePoints | undefined {
    return this.liveQuotes.get(symbol);
  }

  quote(symbol: string): Quote | undefined {
    const inst = this.instruments.get(symbol);
    const q = this.liveQuotes.get(symbol);
    if (!inst || !q) return undefined;
    return { symbol, bid: pointsToPrice(inst.spec, q.bidPoints), ask: pointsToPrice(inst.spec, q.askPoints), ts: q.ts };
  }

  quotes(symbols?: readonly string[]): Outcome<Quote[]> {
    const wanted = symbols ?? [...this.instruments.keys()];
    const result: Quote[] = [];
    for (const symbol of wanted) {
      const quote = this.quote(symbol);
      if (!quote) return fail('UNKNOWN_SYMBOL', `unknown symbol ${symbol}`);
      result.push(quote);
    }
    return ok(result);
  }

  /** Moves a price and fills any resting order it crosses. */
  setQuotePoints(symbol: string, bidPoints: number, askPoints: number, ts: number): void {
    this.liveQuotes.set(symbol, { bidPoints, askPoints, ts });
    const quote = { bidPoints, askPoints };
    const triggered = [...this.working.values()].filter((o) => o.symbol === symbol && crosses(o, quote, this.instruments.get(symbol)));
    for (const order of triggered) this.fill(order, ts);
  }

  /** admin.setQuote: prices must be on the symbol's point grid with bid <= ask. */
  setQuote(symbol: string, bid: number, ask: number, ts: number): Outcome<Quote> {
    const inst = this.instruments.get(symbol);
    if (!inst) return fail('UNKNOWN_SYMBOL', `unknown symbol ${symbol}`);
    const bidPoints = priceToPoints(inst.spec, bid);
    const askPoints = priceToPoints(inst.spec, ask);
    if (bidPoints === undefined || askPoints === undefined) {
      return fail('INVALID_PRICE', `bid and ask must be positive multiples of ${pointsToPrice(inst.spec, 1)}`);
    }
    if (bidPoints > askPoints) return fail('INVALID_PRICE', `bid ${bid} is above ask ${ask}`);
    this.setQuotePoints(symbol, bidPoints, askPoints, ts);
    return ok({ symbol, bid: pointsToPrice(inst.spec, bidPoints), ask: pointsToPrice(inst.spec, askPoints), ts });
  }

  account(): Account {
    const cents = accountCents(this.balanceCents, this.book.values(), this.market, this.options.leverage);
    return {
      currency: 'USD',
      balance: centsToMoney(cents.balance),
      equity: centsToMoney(cents.equity),
      margin: centsToMoney(cents.margin),
      freeMargin: centsToMoney(cents.freeMargin),
    };
  }

  positions(): Position[] {
    return [...this.book.values()].map((p) => {
      const inst = this.requireInstrument(p.symbol);
      const quote = this.liveQuotes.get(p.symbol) ?? { bidPoints: p.avgPoints, askPoints: p.avgPoints };
      return {
        symbol: p.symbol,
        side: p.side,
        volume: stepsToVolume(inst.spec, p.steps),
        avgPrice: avgPointsToPrice(inst.spec, p.avgPoints),
        unrealizedPnl: centsToMoney(unrealizedCents(inst, p, quote, this.market.usdRate)),
      };
    });
  }

  orders(status: 'open' | 'all'): HubOrder[] {
    const all = [...this.orderById.values()];
    return status === 'open' ? all.filter((o) => o.status === 'working') : all;
  }

  placeOrder(args: PlaceOrderArgs, now: number): Outcome<PlaceResult> {
    const known = this.options.dedupe ? this.orderByClientId.get(args.clientOrderId) : undefined;
    if (known) {
      if (sameTicket(known, args)) return ok({ order: known, duplicate: true });
      return fail('DUPLICATE_MISMATCH', `clientOrderId ${args.clientOrderId} is already order ${known.orderId} with different fields`);
    }
    const checked = checkPlaceOrder(args, this.instruments.get(args.symbol), this.liveQuotes.get(args.symbol));
    if (!checked.ok) return checked;
    const t = checked.value;
    const spec = this.requireInstrument(t.symbol).spec;
    const price = (points: number | null): number | null => (points === null ? null : pointsToPrice(spec, points));
    const created: HubOrder = {
      orderId: String(this.nextOrderSeq),
      clientOrderId: t.clientOrderId,
      symbol: t.symbol,
      side: t.side,
      type: t.type,
      volume: stepsToVolume(spec, t.steps),
      price: price(t.pricePoints),
      sl: price(t.slPoints),
      tp: price(t.tpPoints),
      status: 'working',
      filledVolume: 0,
      avgPrice: null,
      rejectReason: null,
      createdAt: now,
      updatedAt: now,
    };
    this.nextOrderSeq += 1;
    this.dirty = true;
    this.record(created);
    const order = created.type === 'market' ? this.fill(created, now) : created;
    return ok({ order, duplicate: false });
  }

  cancelOrder(ref: OrderRef, now: number): Outcome<HubOrder> {
    const order = 'orderId' in ref ? this.orderById.get(ref.orderId) : this.orderByClientId.get(ref.clientOrderId);
    if (!order) {
      const label = 'orderId' in ref ? `orderId ${ref.orderId}` : `clientOrderId ${ref.clientOrderId}`;
      return fail('NOT_FOUND', `no order with ${label}`);
    }
    if (order.status !== 'working') return ok(order);
    return ok(this.record({ ...order, status: 'canceled', updatedAt: now }));
  }

  orderStatus(clientOrderId: string): Outcome<HubOrder> {
    const order = this.orderByClientId.get(clientOrderId);
    return order ? ok(order) : fail('NOT_FOUND', `no order with clientOrderId ${clientOrderId}`);
  }

  takeChanges(): EngineChanges | undefined {
    if (!this.dirty) return undefined;
    const changes: EngineChanges = {
      orders: [...this.dirtyOrders.values()],
      positions: [...this.dirtySymbols].map((symbol) => ({ symbol, position: this.book.get(symbol) ?? null })),
      balanceCents: this.balanceCents,
      nextOrderSeq: this.nextOrderSeq,
    };
    this.dirtyOrders.clear();
    this.dirtySymbols.clear();
    this.dirty = false;
    return changes;
  }

  /** Fills at the current ask (buy) or bid (sell), unless the result would exceed free margin. */
  private fill(order: HubOrder, now: number): HubOrder {
    const inst = this.requireInstrument(order.symbol);
    const quote = this.liveQuotes.get(order.symbol);
    const steps = volumeToSteps(inst.spec, order.volume);
    if (!quote || steps === undefined) throw new Error(`cannot fill order ${order.orderId}`);
    const points = order.side === 'buy' ? quote.askPoints : quote.bidPoints;
    const before = this.book.get(order.symbol) ?? null;
    const effect = applyFill(inst, before, order.side, steps, points, this.market.usdRate);
    if ((effect.position?.steps ?? 0) > (before?.steps ?? 0) || effect.position?.side !== before?.side) {
      const after = new Map(this.book);
      if (effect.position) after.set(order.symbol, effect.position);
      else after.delete(order.symbol);
      const cents = accountCents(this.balanceCents + effect.realizedCents, after.values(), this.market, this.options.leverage);
      if (effect.position && cents.freeMargin < 0) {
        const reason = `insufficient free margin: needs ${centsToMoney(cents.margin)} USD margin, equity ${centsToMoney(cents.equity)} USD`;
        return this.record({ ...order, status: 'rejected', rejectReason: reason, updatedAt: now });
      }
    }
    if (effect.position) this.book.set(order.symbol, effect.position);
    else this.book.delete(order.symbol);
    this.dirtySymbols.add(order.symbol);
    this.balanceCents += effect.realizedCents;
    const avgPrice = pointsToPrice(inst.spec, points);
    return this.record({ ...order, status: 'filled', filledVolume: order.volume, avgPrice, updatedAt: now });
  }

  private record(order: HubOrder): HubOrder {
    this.remember(order);
    this.dirtyOrders.set(order.orderId, order);
    this.dirty = true;
    return order;
  }

  private remember(order: HubOrder): void {
    this.orderById.set(order.orderId, order);
    const latest = this.orderByClientId.get(order.clientOrderId);
    if (!latest || Number(latest.orderId) <= Number(order.orderId)) this.orderByClientId.set(order.clientOrderId, order);
    if (order.status === 'working') this.working.set(order.orderId, order);
    else this.working.delete(order.orderId);
  }

  private requireInstrument(symbol: string): Instrument {
    const inst = this.instruments.get(symbol);
    if (!inst) throw new Error(`unknown instrument ${symbol}`);
    return inst;
  }

  /** USD per unit: USD itself, XXXUSD's mid, or 1 / USDXXX's mid. */
  private usdRate(currency: string): number {
    if (currency === 'USD') return 1;
    const direct = this.midPrice(`${currency}USD`);
    if (direct !== undefined) return direct;
    const inverse = this.midPrice(`USD${currency}`);
    if (inverse !== undefined) return 1 / inverse;
    throw new Error(`no USD rate for ${currency}`);
  }

  private midPrice(symbol: string): number | undefined {
    const inst = this.instruments.get(symbol);
    const q = this.liveQuotes.get(symbol);
    return inst && q ? (q.bidPoints + q.askPoints) / 2 / 10 ** inst.spec.digits : undefined;
  }
}

/** buy limit: ask <= price; sell limit: bid >= price; buy stop: ask >= price; sell stop: bid <= price. */
function crosses(order: HubOrder, q: QuotePoints, inst: Instrument | undefined): boolean {
  if (!inst || order.price === null) return false;
  const price = priceToPoints(inst.spec, order.price);
  if (price === undefined) return false;
  if (order.type === 'limit') return order.side === 'buy' ? q.askPoints <= price : q.bidPoints >= price;
  if (order.type === 'stop') return order.side === 'buy' ? q.askPoints >= price : q.bidPoints <= price;
  return false;
}

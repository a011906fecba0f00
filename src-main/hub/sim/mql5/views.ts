// What MT5 would show of the engine's orders: deals (HISTORY TRADES) with their entry and profit,
// and the order that opened each symbol's netting position (its ticket is the position id, its
// comment the position's). Replays fills through book.ts; pure, no engine state kept.
import type { Position, Side } from '../../../../src-shared/domain/account';
import type { HubOrder } from '../../../../src-shared/domain/order';
import { applyFill, type PositionState, type UsdRate } from '../book';
import type { SimEngine } from '../engine';
import { priceToPoints, volumeToSteps, type Instrument } from '../instruments';

/** ENUM_DEAL_ENTRY: in, out, in/out (a reversal). */
export const DEAL_ENTRY = { in: 0, out: 1, inOut: 2 } as const;
export type DealEntry = (typeof DEAL_ENTRY)[keyof typeof DEAL_ENTRY];

export interface Deal {
  readonly order: HubOrder;
  readonly entry: DealEntry;
  readonly profitCents: number;
}

export interface FillReplay {
  readonly deals: readonly Deal[];
  /** Per symbol with an open position: the order whose fill opened (or reversed into) it. */
  readonly openers: ReadonlyMap<string, HubOrder>;
}

/** The empty comment travels as this clientOrderId (the engine's ids need one character at least). */
export const NO_COMMENT_ID = '_';

export function commentOf(order: HubOrder): string {
  return order.clientOrderId === NO_COMMENT_ID ? '' : order.clientOrderId;
}

/**
 * Filled orders in fill order (updatedAt, then ticket), replayed on an empty netting book. Profit
 * converts at the current rate (usdRate), so a non-USD quote currency drifts from the engine's.
 */
export function replayFills(
  orders: readonly HubOrder[],
  instrument: (symbol: string) => Instrument | undefined,
  usdRate: UsdRate,
): FillReplay {
  const filled = orders
    .filter((o) => o.status === 'filled')
    .sort((a, b) => a.updatedAt - b.updatedAt || Number(a.orderId) - Number(b.orderId));
  const book = new Map<string, PositionState>();
  const openers = new Map<string, HubOrder>();
  const deals: Deal[] = [];
  for (const order of filled) {
    const inst = instrument(order.symbol);
    const steps = inst && volumeToSteps(inst.spec, order.volume);
    const points = inst && order.avgPrice !== null ? priceToPoints(inst.spec, order.avgPrice) : undefined;
    if (!inst || steps === undefined || points === undefined) continue;
    const before = book.get(order.symbol);
    const effect = applyFill(inst, before ?? null, order.side, steps, points, usdRate);
    const entry = dealEntry(before?.side, order.side, effect.position?.side);
    if (entry !== DEAL_ENTRY.out) openers.set(order.symbol, order);
    if (effect.position) book.set(order.symbol, effect.position);
    else {
      book.delete(order.symbol);
      openers.delete(order.symbol);
    }
    deals.push({ order, entry, profitCents: effect.realizedCents });
  }
  return { deals, openers };
}

function dealEntry(held: Side | undefined, side: Side, after: Side | undefined): DealEntry {
  if (held === undefined || held === side) return DEAL_ENTRY.in;
  return after !== undefined && after !== held ? DEAL_ENTRY.inOut : DEAL_ENTRY.out;
}

/** USD per unit of a currency from current mids (XXXUSD, or 1 / USDXXX). */
export function usdRateFrom(mid: (symbol: string) => number | undefined): UsdRate {
  return (currency) => {
    if (currency === 'USD') return 1;
    const direct = mid(`${currency}USD`);
    const inverse = mid(`USD${currency}`);
    if (direct === undefined && inverse === undefined) throw new Error(`no USD rate for ${currency}`);
    return direct ?? 1 / (inverse ?? 1);
  };
}

export interface OpenPosition {
  /** MT5's POSITION_IDENTIFIER: the ticket of the order that opened it. */
  readonly id: number;
  readonly position: Position;
  readonly opener: HubOrder | undefined;
}

/** The engine's fills replayed, converting at its current mids. */
export function replayEngine(engine: SimEngine): FillReplay {
  const mid = (symbol: string): number | undefined => {
    const quote = engine.quote(symbol);
    return quote && (quote.bid + quote.ask) / 2;
  };
  return replayFills(engine.orders('all'), (symbol) => engine.instrument(symbol), usdRateFrom(mid));
}

export function openPositions(engine: SimEngine): OpenPosition[] {
  const { openers } = replayEngine(engine);
  return engine.positions().map((position) => {
    const opener = openers.get(position.symbol);
    return { id: opener ? Number(opener.orderId) : 0, position, opener };
  });
}

// Netting-book maths: one position per symbol that a fill adds to, reduces or flips; realized and
// unrealized PnL, margin and account figures, all in USD cents. Pure functions; no order state.
import type { Side } from '../../../src-shared/domain/account';
import { pointScale, type Instrument } from './instruments';

export interface PositionState {
  readonly symbol: string;
  readonly side: Side;
  readonly steps: number;
  /** Volume-weighted average entry in points; fractional once fills at different prices mix. */
  readonly avgPoints: number;
}

export interface QuotePoints {
  readonly bidPoints: number;
  readonly askPoints: number;
}

/** USD for one unit of a currency, at current prices. */
export type UsdRate = (currency: string) => number;

export interface FillEffect {
  readonly position: PositionState | null;
  readonly realizedCents: number;
}

/** What a fill of `steps` at `points` does to the symbol's position (netting). */
export function applyFill(
  inst: Instrument,
  position: PositionState | null,
  side: Side,
  steps: number,
  points: number,
  usdRate: UsdRate,
): FillEffect {
  const symbol = inst.spec.symbol;
  if (!position || position.side === side) {
    const held = position?.steps ?? 0;
    const avgPoints = position ? (position.avgPoints * held + points * steps) / (held + steps) : points;
    return { position: { symbol, side, steps: held + steps, avgPoints }, realizedCents: 0 };
  }
  const closed = Math.min(position.steps, steps);
  const realizedCents = pnlCents(inst, position.side, position.avgPoints, points, closed, usdRate);
  const remaining = position.steps - steps;
  if (remaining > 0) return { position: { ...position, steps: remaining }, realizedCents };
  if (remaining === 0) return { position: null, realizedCents };
  return { position: { symbol, side, steps: -remaining, avgPoints: points }, realizedCents };
}

/** Profit of closing `steps` of a `side` position opened at `avgPoints` at `exitPoints`. */
export function pnlCents(
  inst: Instrument,
  side: Side,
  avgPoints: number,
  exitPoints: number,
  steps: number,
  usdRate: UsdRate,
): number {
  const diff = side === 'buy' ? exitPoints - avgPoints : avgPoints - exitPoints;
  const inQuoteCurrency = (diff * steps * inst.unitsPerStep) / pointScale(inst.spec);
  return roundCents(inQuoteCurrency * usdRate(inst.quote) * 100);
}

/** Marked at the price that would close it: bid for a long, ask for a short. */
export function unrealizedCents(inst: Instrument, position: PositionState, quote: QuotePoints, usdRate: UsdRate): number {
  const exit = position.side === 'buy' ? quote.bidPoints : quote.askPoints;
  return pnlCents(inst, position.side, position.avgPoints, exit, position.steps, usdRate);
}

/** Margin of a position: notional in the base currency / leverage, in USD. */
export function marginCents(inst: Instrument, position: PositionState, leverage: number, usdRate: UsdRate): number {
  return roundCents(((position.steps * inst.unitsPerStep) / leverage) * usdRate(inst.base) * 100);
}

export interface AccountCents {
  readonly balance: number;
  readonly equity: number;
  readonly margin: number;
  readonly freeMargin: number;
}

export interface Market {
  instrument(symbol: string): Instrument | undefined;
  quote(symbol: string): QuotePoints | undefined;
  readonly usdRate: UsdRate;
}

export function accountCents(
  balance: number,
  positions: Iterable<PositionState>,
  market: Market,
  leverage: number,
): AccountCents {
  let unrealized = 0;
  let margin = 0;
  for (const position of positions) {
    const inst = market.instrument(position.symbol);
    const quote = market.quote(position.symbol);
    if (!inst || !quote) throw new Error(`no instrument or quote for ${position.symbol}`);
    unrealized += unrealizedCents(inst, position, quote, market.usdRate);
    margin += marginCents(inst, position, leverage, market.usdRate);
  }
  const equity = balance + unrealized;
  return { balance, equity, margin, freeMargin: equity - margin };
}

export function roundCents(cents: number): number {
  return Math.round(cents) + 0;
}

export function centsToMoney(cents: number): number {
  return cents / 100;
}

// The EA's POSITIONS as the console shows them: one netted position per symbol (mt5-account.ts). The
// EA's positions carry no profit, so unrealized P&L is worked out here from the latest ticks (0
// until a tick, or for a symbol the console has no contract size for). Pure.
import type { Position } from '../../../src-shared/domain/account';
import type { Quote, SymbolSpec } from '../../../src-shared/domain/market';
import { netPositions } from '../mt5-account';
import type { Mql5Position } from './mql5-wire';

const mid = (quote: Quote | undefined): number | undefined => quote && (quote.bid + quote.ask) / 2;

/** `amount` of `currency` in the account currency at the latest ticks; undefined when no tick relates them. */
function toAccountCurrency(amount: number, currency: string, account: string, quotes: ReadonlyMap<string, Quote>): number | undefined {
  if (currency === account) return amount;
  const direct = mid(quotes.get(`${currency}${account}`));
  if (direct) return amount * direct;
  const inverse = mid(quotes.get(`${account}${currency}`));
  return inverse ? amount / inverse : undefined;
}

/** A position's P&L in the account currency at the latest tick (FX and metals: quote currency = last 3 letters). */
export function positionPnl(p: Mql5Position, spec: SymbolSpec | undefined, quotes: ReadonlyMap<string, Quote>, account: string): number {
  const quote = quotes.get(p.symbol);
  if (!spec || !quote || p.symbol.length !== 6) return 0;
  const buy = p.type === 'POSITION_TYPE_BUY';
  const inQuoteCurrency = (buy ? quote.bid - p.open : p.open - quote.ask) * p.volume * spec.contractSize;
  const converted = toAccountCurrency(inQuoteCurrency, p.symbol.slice(3), account, quotes);
  return converted === undefined || !Number.isFinite(converted) ? 0 : Math.round(converted * 100) / 100;
}

/** The EA's positions netted per symbol, each with its P&L from `pnl`. */
export function mql5Positions(positions: readonly Mql5Position[], pnl: (p: Mql5Position) => number): Position[] {
  return netPositions(positions.map((p) => ({ symbol: p.symbol, side: p.type === 'POSITION_TYPE_BUY' ? 'buy' : 'sell', volume: p.volume, openPrice: p.open, pnl: pnl(p) })));
}

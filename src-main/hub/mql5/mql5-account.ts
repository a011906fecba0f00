// The EA's ACCOUNT and POSITIONS as the console shows them: one netted position per symbol. The
// EA's positions carry no profit, so unrealized P&L is worked out here from the latest ticks (0
// until a tick, or for a symbol the console has no contract size for). Pure.
import type { Account, Position } from '../../../src-shared/domain/account';
import type { Quote, SymbolSpec } from '../../../src-shared/domain/market';
import type { z } from 'zod';
import type { Mql5Account, Mql5Position } from './mql5-wire';

export function toAccount(info: z.infer<typeof Mql5Account>): Account {
  return { currency: info.currency, balance: info.balance, equity: info.equity, margin: info.margin, freeMargin: info.margin_free };
}

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

/** One position per symbol, as the console shows them (a hedging account may report several). */
export function netPositions(positions: readonly Mql5Position[], pnl: (p: Mql5Position) => number): Position[] {
  const bySymbol = new Map<string, { signed: number; cost: number; pnl: number }>();
  for (const p of positions) {
    const sign = p.type === 'POSITION_TYPE_BUY' ? 1 : -1;
    const net = bySymbol.get(p.symbol) ?? { signed: 0, cost: 0, pnl: 0 };
    net.signed += sign * p.volume;
    net.cost += sign * p.volume * p.open;
    net.pnl += pnl(p);
    bySymbol.set(p.symbol, net);
  }
  const netted: Position[] = [];
  for (const [symbol, net] of bySymbol) {
    // Volumes in 0.01 lots are compared in whole steps, not raw floats.
    const volume = Math.round(Math.abs(net.signed) * 100) / 100;
    const avgPrice = Math.abs(net.cost / net.signed);
    if (volume <= 0 || !Number.isFinite(avgPrice) || avgPrice <= 0) continue;
    netted.push({ symbol, side: net.signed > 0 ? 'buy' : 'sell', volume, avgPrice, unrealizedPnl: Math.round(net.pnl * 100) / 100 });
  }
  return netted;
}

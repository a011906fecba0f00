// A MetaTrader 5 account and its positions as the console shows them, whichever bridge reported
// them (origin gateway, MQL5-JSON-API EA): the account in the console's names, and one netted
// position per symbol where the terminal reports one per ticket. Pure.
import type { Account, Position } from '../../src-shared/domain/account';

/** MetaTrader5 account_info() names, those the console shows. */
export interface Mt5AccountInfo {
  readonly currency: string;
  readonly balance: number;
  readonly equity: number;
  readonly margin: number;
  readonly margin_free: number;
}

export function toAccount(info: Mt5AccountInfo): Account {
  return { currency: info.currency, balance: info.balance, equity: info.equity, margin: info.margin, freeMargin: info.margin_free };
}

/** One position of one ticket, as a bridge reports it, with its P&L in the account currency. */
export interface TicketPosition {
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  readonly volume: number;
  readonly openPrice: number;
  readonly pnl: number;
}

/** One position per symbol, as the console shows them (a hedging account reports one per ticket). */
export function netPositions(positions: Iterable<TicketPosition>): Position[] {
  const bySymbol = new Map<string, { signed: number; cost: number; pnl: number }>();
  for (const p of positions) {
    const sign = p.side === 'buy' ? 1 : -1;
    const net = bySymbol.get(p.symbol) ?? { signed: 0, cost: 0, pnl: 0 };
    net.signed += sign * p.volume;
    net.cost += sign * p.volume * p.openPrice;
    net.pnl += p.pnl;
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

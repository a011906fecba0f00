// The renderer's projection of market data: symbol specs from the snapshot, the latest quote per
// symbol, and a short history of mid prices for the chart. Pure updates; sync.ts is the writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Quote, SymbolSpec } from '../../src-shared/domain/market';

export interface MidPoint {
  readonly ts: number;
  readonly mid: number;
}

export interface MarketState {
  /** In the snapshot's order, which is the order the desk configured. */
  readonly symbols: readonly SymbolSpec[];
  readonly specs: ReadonlyMap<string, SymbolSpec>;
  readonly quotes: ReadonlyMap<string, Quote>;
  readonly mids: ReadonlyMap<string, readonly MidPoint[]>;
}

/** Points kept per symbol: a few minutes at the hub's coalesced quote cadence. */
export const MID_HISTORY = 120;

export const emptyMarket: MarketState = { symbols: [], specs: new Map(), quotes: new Map(), mids: new Map() };

/** Newer quotes win; an older one (a replayed event, a slower path) is ignored. */
export function applyQuotes(state: MarketState, quotes: readonly Quote[]): MarketState {
  let nextQuotes: Map<string, Quote> | undefined;
  let nextMids: Map<string, readonly MidPoint[]> | undefined;
  for (const quote of quotes) {
    const previous = (nextQuotes ?? state.quotes).get(quote.symbol);
    if (previous && previous.ts > quote.ts) continue;
    nextQuotes ??= new Map(state.quotes);
    nextQuotes.set(quote.symbol, quote);
    const history = (nextMids ?? state.mids).get(quote.symbol) ?? [];
    const last = history[history.length - 1];
    if (last && last.ts >= quote.ts) continue;
    nextMids ??= new Map(state.mids);
    nextMids.set(quote.symbol, [...history, { ts: quote.ts, mid: (quote.bid + quote.ask) / 2 }].slice(-MID_HISTORY));
  }
  if (!nextQuotes) return state;
  return { ...state, quotes: nextQuotes, mids: nextMids ?? state.mids };
}

/** A snapshot sets the symbol list; quotes and history of symbols no longer listed are dropped. */
export function replaceMarket(state: MarketState, symbols: readonly SymbolSpec[], quotes: readonly Quote[]): MarketState {
  const specs = new Map(symbols.map((spec) => [spec.symbol, spec] as const));
  const listed = <T>(map: ReadonlyMap<string, T>) => new Map([...map].filter(([symbol]) => specs.has(symbol)));
  const base: MarketState = { symbols, specs, quotes: listed(state.quotes), mids: listed(state.mids) };
  return applyQuotes(base, quotes);
}

export function createMarketStore(): StoreApi<MarketState> {
  return createStore<MarketState>()(() => emptyMarket);
}

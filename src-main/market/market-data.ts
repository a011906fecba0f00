// Market and account state the console shows: symbols, latest quotes, balance/equity and positions.
// Filled from the hub on connect, kept fresh from quote events and a once-a-second account poll.
import type { Logger } from 'pino';
import type { AccountChanged } from '../../src-shared/ipc/contract';
import type { Quote, SymbolSpec } from '../../src-shared/domain/market';
import { Emitter } from '../../src-shared/util/emitter';
import type { Disposable } from '../../src-shared/util/emitter';
import type { HubClient } from '../hub/hub-client';

const ACCOUNT_POLL_MS = 1000;

export class MarketData {
  private readonly symbols = new Map<string, SymbolSpec>();
  private readonly quotes = new Map<string, Quote>();
  private accountState: AccountChanged = { account: null, positions: [] };
  private readonly quoteChanged = new Emitter<Quote>();
  private readonly accountChanged = new Emitter<AccountChanged>();
  private readonly symbolsChanged = new Emitter<SymbolSpec[]>();
  readonly onDidChangeQuote = this.quoteChanged.event;
  readonly onDidChangeAccount = this.accountChanged.event;
  readonly onDidChangeSymbols = this.symbolsChanged.event;
  private readonly subscriptions: Disposable[] = [];
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  private loading = false;
  private refreshTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly hub: HubClient,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.subscriptions.push(
      this.hub.onDidReceiveQuote((quote) => this.setQuote(quote)),
      this.hub.onDidConnect(() => void this.load()),
      // Coalesced: a burst of order events asks for the account once, not once per event.
      this.hub.onDidReceiveOrder(() => this.refreshSoon()),
    );
    this.poller = setInterval(() => void this.refreshAccount(), ACCOUNT_POLL_MS);
  }

  symbol(name: string): SymbolSpec | undefined {
    return this.symbols.get(name);
  }

  listSymbols(): SymbolSpec[] {
    return [...this.symbols.values()];
  }

  listQuotes(): Quote[] {
    return [...this.quotes.values()];
  }

  account(): AccountChanged {
    return this.accountState;
  }

  /** Loads symbols and quotes after a hello, trying again until it works: no symbols, no trading. */
  private async load(): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      while (!this.disposed) {
        try {
          const symbols = await this.hub.request('symbols', {});
          this.symbols.clear();
          for (const spec of symbols) this.symbols.set(spec.symbol, spec);
          this.symbolsChanged.fire(symbols);
          for (const quote of await this.hub.request('quotes', {})) this.setQuote(quote);
          await this.refreshAccount();
          return;
        } catch (error) {
          this.logger.warn({ err: error }, 'loading symbols and quotes from the hub failed; trying again');
          await new Promise((resolve) => setTimeout(resolve, Math.max(250, this.hub.connection.timing?.maxBackoffMs ?? 1000)).unref());
        }
      }
    } finally {
      this.loading = false;
    }
  }

  private setQuote(quote: Quote): void {
    const last = this.quotes.get(quote.symbol);
    if (last && last.ts > quote.ts) return;
    this.quotes.set(quote.symbol, quote);
    this.quoteChanged.fire(quote);
  }

  private refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refreshAccount();
    }, 100);
  }

  private async refreshAccount(): Promise<void> {
    const state = this.hub.connection.state;
    if (this.polling || (state !== 'up' && state !== 'degraded')) return;
    this.polling = true;
    try {
      // allSettled: the poll is over only when both calls are, so polls never pile up.
      const [account, positions] = await Promise.allSettled([this.hub.request('account', {}), this.hub.request('positions', {})]);
      if (account.status === 'fulfilled' && positions.status === 'fulfilled') {
        this.accountState = { account: account.value, positions: positions.value };
        this.accountChanged.fire(this.accountState);
      } else {
        this.logger.debug({ account: account.status, positions: positions.status }, 'account refresh failed');
      }
    } finally {
      this.polling = false;
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.poller) clearInterval(this.poller);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions) subscription.dispose();
    for (const emitter of [this.quoteChanged, this.accountChanged, this.symbolsChanged]) emitter.dispose();
  }
}

// The EA's RequestHandler over the simulated hub's engine: one handler per action (TRADE lives in
// trade.ts), each returning the data-socket messages the EA would push. Keeps the CONFIG
// subscriptions for the live socket; no sockets, no persistence, no faults.
import type { SimEngine } from '../engine';
import type { Counters } from '../stats';
import { Mql5Trading, orderTypeName, type Mql5Answer } from './trade';
import { commentOf, openPositions, replayEngine } from './views';
import { MQL5_ERROR, actionReply, isMql5Action, mt5Time, type DecodedMql5, type Mql5Action, type Mql5Request } from './wire';

export interface ActionsOptions {
  /** false: positions, orders and deals without `comment`, exactly as the stock EA sends them. */
  readonly commentInLists: boolean;
}

type Handler = (req: Mql5Request, now: number) => Mql5Answer;
type Json = Record<string, unknown>;

const only = (...replies: Json[]): Mql5Answer => ({ replies, events: [] });

/** Values for ACCOUNT's fields that the engine has no notion of. */
const ACCOUNT_CONSTANTS = { broker: 'hubdesk simulated broker', server: 'hubdesk-mql5-emulator', trading_allowed: 1, bot_trading: 1 };

export class Mql5Actions {
  private readonly handlers: Readonly<Record<Mql5Action, Handler>>;
  /** CONFIG's symbol/chartTF pairs, keyed `SYMBOL TF`; RESET clears them. */
  private readonly subscriptions = new Map<string, { readonly symbol: string; readonly chartTF: string }>();

  constructor(
    private readonly engine: SimEngine,
    counters: Counters,
    private readonly options: ActionsOptions,
  ) {
    const trading = new Mql5Trading(engine, counters);
    this.handlers = {
      CONFIG: (req) => this.config(req),
      RESET: () => {
        this.subscriptions.clear();
        return only(actionReply(MQL5_ERROR.success, 'ResetSubscriptionsAndIndicators'));
      },
      ACCOUNT: () => only({ error: false, ...ACCOUNT_CONSTANTS, currency: this.engine.account().currency, ...this.balance(), margin_level: this.marginLevel() }),
      BALANCE: () => only(this.balance()),
      POSITIONS: () => only(this.positions()),
      ORDERS: () => only(this.orders()),
      HISTORY: (req) => this.history(req),
      TRADE: (req, now) => trading.handle(req, now),
    };
  }

  handle(decoded: DecodedMql5, now: number): Mql5Answer {
    // RequestHandler: a body it cannot deserialize reports that, then finds no action in it.
    if (decoded.kind === 'invalid') {
      return only(actionReply(MQL5_ERROR.deserialization, 'RequestHandler'), actionReply(MQL5_ERROR.wrongAction, 'RequestHandler'));
    }
    const { action } = decoded.request;
    if (!isMql5Action(action)) return only(actionReply(MQL5_ERROR.wrongAction, 'RequestHandler'));
    return this.handlers[action](decoded.request, now);
  }

  /** Symbols subscribed with chartTF TICK (the only live stream the emulator sends). */
  tickSymbols(): string[] {
    return [...this.subscriptions.values()].filter((s) => s.chartTF === 'TICK').map((s) => s.symbol);
  }

  private config(req: Mql5Request): Mql5Answer {
    // ScriptConfiguration subscribes first and checks the symbol after, as the EA does.
    this.subscriptions.set(`${req.symbol} ${req.chartTF}`, { symbol: req.symbol, chartTF: req.chartTF });
    const known = this.engine.instrument(req.symbol) !== undefined;
    return only(actionReply(known ? MQL5_ERROR.success : MQL5_ERROR.unknownSymbol, 'ScriptConfiguration'));
  }

  private balance(): Json {
    const a = this.engine.account();
    return { balance: a.balance, equity: a.equity, margin: a.margin, margin_free: a.freeMargin };
  }

  /** ACCOUNT_MARGIN_LEVEL: equity / margin in percent, 0 without margin (as MT5 reports it). */
  private marginLevel(): number {
    const a = this.engine.account();
    return a.margin > 0 ? Number(((a.equity / a.margin) * 100).toFixed(2)) : 0;
  }

  private withComment(comment: string): Json {
    return this.options.commentInLists ? { comment } : {};
  }

  /** GetPositions: no `error` key when there are none. */
  private positions(): Json {
    const positions = openPositions(this.engine).map(({ id, position: p, opener }) => ({
      id,
      magic: 0,
      symbol: p.symbol,
      type: p.side === 'buy' ? 'POSITION_TYPE_BUY' : 'POSITION_TYPE_SELL',
      time_setup: opener ? mt5Time(opener.updatedAt) : 0,
      open: p.avgPrice,
      stoploss: opener?.sl ?? 0,
      takeprofit: opener?.tp ?? 0,
      volume: p.volume,
      ...this.withComment(opener ? commentOf(opener) : ''),
    }));
    return positions.length > 0 ? { error: false, positions } : { positions };
  }

  /** GetOrders: the working (pending) orders; `id` is a string here, unlike a position's. */
  private orders(): Json {
    const orders = this.engine.orders('open').map((o) => ({
      id: o.orderId,
      magic: 0,
      symbol: o.symbol,
      type: orderTypeName(o.side, o.type),
      time_setup: mt5Time(o.createdAt),
      open: o.price ?? 0,
      stoploss: o.sl ?? 0,
      takeprofit: o.tp ?? 0,
      volume: o.volume,
      ...this.withComment(commentOf(o)),
    }));
    return { error: false, orders };
  }

  private history(req: Mql5Request): Mql5Answer {
    if (req.actionType === 'TRADES') return only(this.trades());
    // No candles or ticks are kept: DATA answers an empty series, WRITE cannot write its file.
    if (req.actionType === 'DATA') return only({ data: [], symbol: req.symbol, timeframe: req.chartTF });
    if (req.actionType === 'WRITE') return only(actionReply(MQL5_ERROR.fileCreationFailed, 'HistoryInfo'));
    return only(actionReply(MQL5_ERROR.wrongAction, 'HistoryInfo'));
  }

  /** HISTORY TRADES: every deal; `{}` when there is none (the EA never creates the key then). */
  private trades(): Json {
    const { deals } = replayEngine(this.engine);
    if (deals.length === 0) return {};
    const trades = deals.map(({ order, entry, profitCents }) => ({
      ticket: Number(order.orderId),
      time: mt5Time(order.updatedAt),
      price: order.avgPrice ?? 0,
      volume: order.volume,
      symbol: order.symbol,
      type: order.side === 'buy' ? 'Buy' : 'Sell',
      entry,
      profit: profitCents / 100,
      ...this.withComment(commentOf(order)),
    }));
    return { trades };
  }
}

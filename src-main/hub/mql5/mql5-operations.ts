// The v1 operations the console uses, each as MQL5-JSON-API actions (docs/dialects.md): one
// attempt each, through the serial channel; retries and connection state are the client's. Orders
// live in mql5-order-operations.ts; this file has the reads (account, positions, lists, ticks).
import type { Logger } from 'pino';
import type { Quote, SymbolSpec } from '../../../src-shared/domain/market';
import type { Timing } from '../../../src-shared/ipc/contract';
import { HubRequestError } from '../hub-client';
import type { HubOp, OpArgs, OpResult } from '../protocol';
import type { RejectionLog } from '../rejection-log';
import { toAccount } from '../mt5-account';
import { mql5Positions, positionPnl } from './mql5-account';
import type { Mql5Channel } from './mql5-channel';
import { MQL5_DEFAULT_SYMBOLS } from './mql5-dialect';
import { Mql5OrderOperations } from './mql5-order-operations';
import { listOrders, listsProveAbsence } from './mql5-orders';
import type { Mql5Lists } from './mql5-orders';
import type { Mql5TradeEvents } from './mql5-trade-events';
import { Mql5Account, Mql5ActionReply, Mql5Balance, Mql5Orders, Mql5Positions, Mql5Trades } from './mql5-wire';

export class Mql5Operations {
  private readonly orderOps: Mql5OrderOperations;
  /** The account currency, for positions' P&L: the last ACCOUNT's, USD before one. */
  private currency = 'USD';
  /** The full lists read queued or in flight, shared by callers that ask before it is sent. */
  private listsInFlight: { started: boolean; promise: Promise<Mql5Lists> } | undefined;

  constructor(
    private readonly channel: Mql5Channel,
    private readonly events: Mql5TradeEvents,
    private readonly quotes: () => ReadonlyMap<string, Quote>,
    private readonly logger: Logger,
    rejections: RejectionLog,
    private readonly now: () => number = Date.now,
  ) {
    this.orderOps = new Mql5OrderOperations(channel, events, (timeoutMs, withPositions) => this.lists(timeoutMs, withPositions), logger, rejections, now);
  }

  /** The EA's cheapest action, as a sign of life. */
  async heartbeat(timeoutMs: number): Promise<void> {
    await this.channel.request('BALANCE', { action: 'BALANCE' }, { shape: 'balance', schema: Mql5Balance }, timeoutMs);
  }

  /** CONFIG chartTF TICK: the EA streams the symbol's ticks on Live until RESET or a restart. */
  async subscribe(symbol: string, timeoutMs: number): Promise<void> {
    const { value } = await this.channel.request('CONFIG', { action: 'CONFIG', symbol, chartTF: 'TICK' }, { shape: 'action', schema: Mql5ActionReply }, timeoutMs);
    if (value.error) this.logger.warn({ symbol, lastError: value.lastError, description: value.description }, 'the EA refused a tick subscription');
  }

  async run<O extends HubOp>(op: O, args: OpArgs<O>, timing: Timing): Promise<OpResult<O>> {
    return (await this.dispatch(op, args, timing.attemptTimeoutMs)) as OpResult<O>;
  }

  private async dispatch(op: HubOp, args: unknown, timeoutMs: number): Promise<unknown> {
    switch (op) {
      case 'ping':
        await this.heartbeat(timeoutMs);
        return { ts: this.now() };
      case 'account': {
        const { value } = await this.channel.request('ACCOUNT', { action: 'ACCOUNT' }, { shape: 'account', schema: Mql5Account }, timeoutMs);
        this.currency = value.currency;
        return toAccount(value);
      }
      case 'positions':
        return this.positions(timeoutMs);
      case 'orders': {
        const lists = await this.lists(timeoutMs, false);
        // Without comments in the lists (the stock EA) the listing may miss working orders whose
        // trade event this console never saw: refused whole, so none is read as gone from the hub.
        if (!listsProveAbsence(lists)) {
          throw new HubRequestError('INVALID_STATE', "the EA's lists carry no comment, so this console's orders cannot all be told from others'; no listing", true);
        }
        const { orders, repeated } = listOrders(lists, this.events, this.now());
        if (repeated.length > 0) this.logger.error({ repeated }, 'deals carry the same clientOrderId more than once: executed more than once');
        const open = (args as { status?: string } | undefined)?.status === 'open';
        return open ? orders.filter((order) => order.status === 'working') : orders;
      }
      case 'orderStatus':
        return this.orderOps.orderStatus((args as { clientOrderId: string }).clientOrderId, timeoutMs);
      case 'placeOrder':
        return this.orderOps.placeOrder(args, timeoutMs);
      case 'cancelOrder':
        return this.orderOps.cancelOrder(args, timeoutMs);
      default:
        throw new HubRequestError('UNKNOWN_OP', `${op} has no MQL5-JSON-API action; nothing was sent`, false);
    }
  }

  private async positions(timeoutMs: number): Promise<unknown> {
    const { value } = await this.channel.request('POSITIONS', { action: 'POSITIONS' }, { shape: 'positions', schema: Mql5Positions }, timeoutMs);
    const quotes = this.quotes();
    const spec = (symbol: string): SymbolSpec | undefined => MQL5_DEFAULT_SYMBOLS.find((s) => s.symbol === symbol);
    return mql5Positions(value.positions, (p) => positionPnl(p, spec(p.symbol), quotes, this.currency));
  }

  /**
   * ORDERS, HISTORY TRADES and POSITIONS. Concurrent callers (a reconciliation pass asks about
   * many orders at once) share the read in flight rather than queue three requests each behind
   * the EA's one-at-a-time channel; a read that started before a caller asked is not shared.
   */
  private lists(timeoutMs: number, withPositions: boolean): Promise<Mql5Lists> {
    if (!withPositions) return this.readLists(timeoutMs, false);
    const shared = this.listsInFlight;
    if (shared && !shared.started) return shared.promise;
    // `started` once its first request has left: a caller that comes later needs its own read.
    const entry: { started: boolean; promise: Promise<Mql5Lists> } = { started: false, promise: Promise.resolve({ positions: [], orders: [], deals: [] }) };
    entry.promise = this.readLists(timeoutMs, true, () => (entry.started = true)).finally(() => {
      if (this.listsInFlight === entry) this.listsInFlight = undefined;
    });
    this.listsInFlight = entry;
    return entry.promise;
  }

  /** ORDERS and HISTORY TRADES (and POSITIONS when asked), one after the other. */
  private async readLists(timeoutMs: number, withPositions: boolean, onSent?: () => void): Promise<Mql5Lists> {
    const positions = withPositions
      ? (await this.channel.request('POSITIONS', { action: 'POSITIONS' }, { shape: 'positions', schema: Mql5Positions }, timeoutMs, onSent)).value.positions
      : [];
    const orders = (await this.channel.request('ORDERS', { action: 'ORDERS' }, { shape: 'orders', schema: Mql5Orders }, timeoutMs)).value.orders;
    const history = await this.channel.request('HISTORY TRADES', { action: 'HISTORY', actionType: 'TRADES' }, { shape: 'trades', schema: Mql5Trades }, timeoutMs);
    return { positions, orders, deals: history.value.trades ?? [] };
  }
}

// The EA's TradingModule over the simulated hub's engine: opens (market and pending), ORDER_CANCEL
// and the position closes, each answered with the data-socket messages the EA would push and the
// streaming-socket transaction event. Never deduplicates: a TRADE sent twice executes twice.
import type { Side } from '../../../../src-shared/domain/account';
import { CLIENT_ORDER_ID_PATTERN, type HubOrder, type OrderType } from '../../../../src-shared/domain/order';
import type { HubErrorCode, PlaceOrderArgs } from '../../protocol';
import type { SimEngine } from '../engine';
import type { Counters } from '../stats';
import { NO_COMMENT_ID, openPositions, type OpenPosition } from './views';
import {
  MQL5_ERROR, NO_RESULT, RETCODE, actionReply, retcodeName, tradeReply,
  type Mql5Request, type TradeResult,
} from './wire';

export interface Mql5Answer {
  /** Data-socket messages, in the order the EA pushes them. */
  readonly replies: ReadonlyArray<Record<string, unknown>>;
  /** Streaming-socket messages (OnTradeTransaction, TRADE_TRANSACTION_REQUEST). */
  readonly events: ReadonlyArray<Record<string, unknown>>;
}

interface Outcome {
  readonly ok: boolean;
  readonly result: TradeResult;
  readonly event?: Record<string, unknown>;
}

/** What the transaction event's `request` part says about the request the server processed. */
interface ServerRequest {
  readonly action: 'TRADE_ACTION_DEAL' | 'TRADE_ACTION_PENDING' | 'TRADE_ACTION_REMOVE';
  readonly order: number;
  readonly symbol: string;
  readonly volume: number;
  readonly price: number;
  readonly sl: number;
  readonly tp: number;
  readonly type: string;
  readonly comment: string;
  readonly position: number;
}

const OPENS: Readonly<Record<string, { side: Side; type: OrderType }>> = {
  ORDER_TYPE_BUY: { side: 'buy', type: 'market' },
  ORDER_TYPE_SELL: { side: 'sell', type: 'market' },
  ORDER_TYPE_BUY_LIMIT: { side: 'buy', type: 'limit' },
  ORDER_TYPE_SELL_LIMIT: { side: 'sell', type: 'limit' },
  ORDER_TYPE_BUY_STOP: { side: 'buy', type: 'stop' },
  ORDER_TYPE_SELL_STOP: { side: 'sell', type: 'stop' },
};

/** Listed by the README, not emulated (the engine keeps no position SL/TP and cannot amend orders). */
const NOT_EMULATED: ReadonlySet<string> = new Set(['POSITION_MODIFY', 'ORDER_MODIFY']);

/** ENUM_ORDER_TYPE's name for an order of the engine. */
export function orderTypeName(side: Side, type: OrderType): string {
  const suffix = type === 'market' ? '' : `_${type.toUpperCase()}`;
  return `ORDER_TYPE_${side.toUpperCase()}${suffix}`;
}

export class Mql5Trading {
  private requestSeq = 0;

  constructor(
    private readonly engine: SimEngine,
    private readonly counters: Counters,
  ) {}

  handle(req: Mql5Request, now: number): Mql5Answer {
    const replies: Array<Record<string, unknown>> = [];
    // Broker.mqh checks the symbol before looking at actionType, so a close or cancel sent
    // without a symbol pushes this error too, ahead of its confirmation.
    if (!this.engine.instrument(req.symbol)) replies.push(actionReply(MQL5_ERROR.unknownSymbol, 'TradingModule'));
    const kind = req.actionType;
    let outcome: Outcome;
    const open = Object.hasOwn(OPENS, kind) ? OPENS[kind] : undefined;
    if (open) outcome = this.open(req, open.side, open.type, now);
    else if (kind === 'ORDER_CANCEL') outcome = this.cancel(req, now);
    else if (kind === 'POSITION_CLOSE_ID' || kind === 'POSITION_CLOSE_SYMBOL' || kind === 'POSITION_PARTIAL') {
      outcome = this.close(req, now);
    } else if (NOT_EMULATED.has(kind)) outcome = this.refused(RETCODE.invalid, req.symbol);
    else {
      replies.push(actionReply(MQL5_ERROR.wrongAction, 'TradingModule'));
      outcome = { ok: false, result: NO_RESULT };
    }
    replies.push(tradeReply(!outcome.ok, outcome.result));
    return { replies, events: outcome.event ? [outcome.event] : [] };
  }

  private open(req: Mql5Request, side: Side, type: OrderType, now: number): Outcome {
    const comment = req.comment;
    // The console's clientOrderId alphabet (MT5 itself takes any comment; see docs/dialects.md).
    if (comment !== '' && (comment === NO_COMMENT_ID || !CLIENT_ORDER_ID_PATTERN.test(comment))) {
      return this.refused(RETCODE.invalid, req.symbol);
    }
    const args: PlaceOrderArgs = {
      clientOrderId: comment || NO_COMMENT_ID,
      symbol: req.symbol,
      side,
      type,
      volume: req.volume,
      price: type === 'market' ? null : req.price || null,
      sl: req.stoploss || null,
      tp: req.takeprofit || null,
    };
    const quote = this.engine.quote(req.symbol);
    const marketPrice = (side === 'buy' ? quote?.ask : quote?.bid) ?? 0;
    return this.place(args, now, {
      action: type === 'market' ? 'TRADE_ACTION_DEAL' : 'TRADE_ACTION_PENDING',
      order: 0,
      symbol: req.symbol,
      volume: req.volume,
      price: type === 'market' ? marketPrice : req.price,
      sl: req.stoploss,
      tp: req.takeprofit,
      type: orderTypeName(side, type),
      comment,
      position: 0,
    });
  }

  private cancel(req: Mql5Request, now: number): Outcome {
    const order = this.engine.orders('open').find((o) => o.orderId === String(req.id));
    if (!order) return this.refused(RETCODE.invalid, req.symbol);
    this.engine.cancelOrder({ orderId: order.orderId }, now);
    const result = { ...this.quoteOf(order.symbol), retcode: RETCODE.done, order: Number(order.orderId), volume: order.volume, price: 0 };
    const event = this.event({
      action: 'TRADE_ACTION_REMOVE',
      order: result.order,
      symbol: order.symbol,
      volume: 0,
      price: 0,
      sl: 0,
      tp: 0,
      type: orderTypeName(order.side, order.type),
      comment: '',
      position: 0,
    }, result);
    return { ok: true, result, event };
  }

  /** A close is an opposite market deal on the netting position, without a comment (CTrade's). */
  private close(req: Mql5Request, now: number): Outcome {
    const positions = openPositions(this.engine);
    const target: OpenPosition | undefined = req.actionType === 'POSITION_CLOSE_SYMBOL'
      ? positions.find((p) => p.position.symbol === req.symbol)
      : positions.find((p) => p.id === req.id);
    if (!target) return this.refused(RETCODE.invalid, req.symbol);
    const { symbol, side: held, volume: size } = target.position;
    const volume = req.actionType === 'POSITION_PARTIAL' ? req.volume : size;
    if (volume <= 0 || volume > size + 1e-9) return this.refused(RETCODE.invalidCloseVolume, symbol);
    const side: Side = held === 'buy' ? 'sell' : 'buy';
    const quote = this.engine.quote(symbol);
    return this.place({ clientOrderId: NO_COMMENT_ID, symbol, side, type: 'market', volume }, now, {
      action: 'TRADE_ACTION_DEAL',
      order: 0,
      symbol,
      volume,
      price: (side === 'buy' ? quote?.ask : quote?.bid) ?? 0,
      sl: 0,
      tp: 0,
      type: orderTypeName(side, 'market'),
      comment: '',
      position: target.id,
    });
  }

  private place(args: PlaceOrderArgs, now: number, request: ServerRequest): Outcome {
    this.counters.placeOrders += 1;
    const placed = this.engine.placeOrder(args, now);
    // Refused by the terminal's own checks: nothing reached the server, so no transaction event.
    if (!placed.ok) return this.refused(retcodeFor(placed.code, placed.message), args.symbol);
    this.counters.ordersCreated += 1;
    const order = placed.value.order;
    const quote = this.quoteOf(order.symbol);
    if (order.status === 'rejected') {
      const result = { ...NO_RESULT, ...quote, retcode: RETCODE.noMoney };
      return { ok: false, result, event: this.event(request, result) };
    }
    const result = { ...quote, retcode: RETCODE.done, ...filledPart(order) };
    return { ok: true, result, event: this.event({ ...request, order: result.order }, result) };
  }

  private refused(retcode: number, symbol: string): Outcome {
    return { ok: false, result: { ...NO_RESULT, ...this.quoteOf(symbol), retcode } };
  }

  private quoteOf(symbol: string): { bid: number; ask: number } {
    const quote = this.engine.quote(symbol);
    return { bid: quote?.bid ?? 0, ask: quote?.ask ?? 0 };
  }

  private event(request: ServerRequest, result: TradeResult): Record<string, unknown> {
    this.requestSeq += 1;
    return {
      request: {
        ...request,
        stoplimit: 0,
        deviation: 0,
        type_filling: 'ORDER_FILLING_FOK',
        type_time: 'ORDER_TIME_GTC',
        expiration: 0,
        position_by: 0,
      },
      result: {
        retcode: result.retcode,
        result: retcodeName(result.retcode),
        // The EA writes result.order into `deal` as well.
        deal: result.order,
        order: result.order,
        volume: result.volume,
        price: result.price,
        comment: '',
        request_id: this.requestSeq,
        retcode_external: 0,
      },
    };
  }
}

/** A pending order has no deal price yet (MqlTradeResult.price is 0). */
function filledPart(order: HubOrder): Pick<TradeResult, 'order' | 'volume' | 'price'> {
  return { order: Number(order.orderId), volume: order.volume, price: order.avgPrice ?? 0 };
}

function retcodeFor(code: HubErrorCode, message: string): number {
  if (code === 'INVALID_VOLUME') return RETCODE.invalidVolume;
  // order-checks.ts names the offending field first: "sl …" / "tp …" are MT5's invalid stops.
  if (code === 'INVALID_PRICE') return /^(sl|tp) /.test(message) ? RETCODE.invalidStops : RETCODE.invalidPrice;
  if (code === 'REJECTED') return RETCODE.reject;
  return RETCODE.invalid;
}

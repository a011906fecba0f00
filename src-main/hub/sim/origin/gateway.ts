// The origin gateway's actions over the simulated hub's engine: the envelope actions of
// zmq_service.py, ORDER_SEND with json_gateway.py's success-only req_id cache, and the emulator's
// ADMIN_EXECUTIONS. Answers one decoded request; the caller persists the engine's changes and
// sends the reply. No sockets, no timers.
import type { Side } from '../../../../src-shared/domain/account';
import { centsToMoney, pnlCents } from '../book';
import type { HubErrorCode } from '../../protocol';
import type { SimEngine } from '../engine';
import { priceToPoints, volumeToSteps } from '../instruments';
import type { Counters } from '../stats';
import type { OriginLedger, Opened } from './ledger';
import { parseOrderPayload, type OriginOrder } from './order-payload';
import { SuccessCache } from './success-cache';
import { RETCODE, envelope, orderFailure, originTime, type DecodedOrigin, type OrderReply, type OriginReply } from './wire';

export interface OriginGatewayDeps {
  readonly engine: SimEngine;
  readonly ledger: OriginLedger;
  readonly counters: Counters;
  /** false (--no-dedupe): no req_id cache at all. */
  readonly dedupe: boolean;
  readonly leverage: number;
}

/** The engine's refusals as MT5 would report them (a market order's only prices are sl and tp). */
const ENGINE_RETCODES: Partial<Record<HubErrorCode, number>> = {
  UNKNOWN_SYMBOL: RETCODE.invalid,
  INVALID_VOLUME: RETCODE.invalidVolume,
  INVALID_PRICE: RETCODE.invalidStops,
  REJECTED: RETCODE.marketClosed,
};

/** Engine clientOrderIds are [A-Za-z0-9_-]{1,31}; the comment, made to fit, keeps them readable. */
function engineClientId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 31) || 'origin';
}

export class OriginGateway {
  private readonly cache = new SuccessCache();

  constructor(private readonly deps: OriginGatewayDeps) {}

  handle(request: DecodedOrigin, now: number): OriginReply {
    if (request.kind === 'order-invalid') return orderFailure(RETCODE.missingField, request.message);
    if (request.kind === 'invalid') return envelope(request.reqId, 'ERROR', null, request.message, now);
    const { action, reqId, payload } = request;
    const ok = (data: unknown): OriginReply => envelope(reqId, 'SUCCESS', data, null, now);
    switch (action) {
      case 'ORDER_SEND':
        return this.orderSend(reqId, payload, now);
      case 'HEARTBEAT':
        return ok({ status: 'alive', service: 'MT5 Gateway' });
      case 'GET_ACCOUNT_INFO':
        return ok(this.accountInfo());
      case 'GET_POSITIONS':
        return ok(this.positions(now));
      case 'OPEN_ORDER': {
        const parsed = parseOrderPayload(payload, 'side');
        if (!parsed.ok) return envelope(reqId, 'ERROR', null, parsed.failure.msg, now);
        return ok(this.execute('OPEN_ORDER', reqId, parsed.order, now));
      }
      case 'CLOSE_POSITION': {
        const ticket = payload['ticket'];
        if (!ticket) return envelope(reqId, 'ERROR', null, "Missing 'ticket' in payload", now);
        const position = typeof ticket === 'number' ? this.deps.ledger.position(ticket) : undefined;
        if (!position) return envelope(reqId, 'ERROR', null, `Position ${String(ticket)} not found`, now);
        return ok(this.close(position, now));
      }
      case 'KILL_SWITCH': {
        const open = this.deps.ledger.openPositions();
        const closed = open.map((position) => this.close(position, now)).filter((reply) => !reply.error).length;
        return ok({ positions_closed: closed, total_positions: open.length, timestamp: originTime(now) });
      }
      case 'ADMIN_EXECUTIONS':
        return ok(this.executions());
      default:
        return envelope(reqId, 'ERROR', null, `Unknown action: ${action}`, now);
    }
  }

  /** json_gateway.py: the cache is asked before the payload is even read. */
  private orderSend(reqId: string, payload: Record<string, unknown>, now: number): OrderReply {
    const cached = this.deps.dedupe ? this.cache.get(reqId) : undefined;
    if (cached) {
      this.deps.counters.duplicatesAbsorbed += 1;
      const msg = `Cached result (idempotent), original time: ${originTime(cached.at)}`;
      return { error: false, ticket: cached.ticket, msg, retcode: RETCODE.done };
    }
    const parsed = parseOrderPayload(payload, 'type');
    if (!parsed.ok) return parsed.failure;
    const reply = this.execute('ORDER_SEND', reqId, parsed.order, now);
    // Only a done order with a ticket is cached: a failed or timed-out req_id runs again if resent.
    if (this.deps.dedupe && reply.retcode === RETCODE.done && reply.ticket > 0) this.cache.set(reqId, { ticket: reply.ticket, at: now });
    return reply;
  }

  /** A market order on the engine; a fill opens a position ticket carrying the comment. */
  private execute(action: Opened['action'], reqId: string, order: OriginOrder, now: number): OrderReply {
    const { counters, ledger } = this.deps;
    counters.placeOrders += 1;
    const filled = this.fill(engineClientId(order.comment), order.symbol, order.side, order.volume, now, { sl: order.sl, tp: order.tp });
    if (filled.error) return filled.reply;
    counters.ordersCreated += 1;
    const { ticket, price } = filled;
    ledger.recordOpen({ ticket, reqId, action, ...order, price, time: now });
    return { error: false, ticket, msg: `Filled at ${price}`, retcode: RETCODE.done };
  }

  private close(position: Opened, now: number): OrderReply {
    const opposite: Side = position.side === 'buy' ? 'sell' : 'buy';
    const filled = this.fill(engineClientId(`close-${position.ticket}`), position.symbol, opposite, position.volume, now, {});
    if (filled.error) return filled.reply;
    this.deps.ledger.recordClose({ ticket: position.ticket, orderId: filled.ticket, price: filled.price, time: now });
    return { error: false, ticket: position.ticket, msg: `Closed at ${filled.price}`, retcode: RETCODE.done };
  }

  private fill(
    clientOrderId: string,
    symbol: string,
    side: Side,
    volume: number,
    now: number,
    stops: { sl?: number | null; tp?: number | null },
  ): { error: true; reply: OrderReply } | { error: false; ticket: number; price: number } {
    const placed = this.deps.engine.placeOrder({ clientOrderId, symbol, side, type: 'market', volume, ...stops }, now);
    if (!placed.ok) {
      return { error: true, reply: orderFailure(ENGINE_RETCODES[placed.code] ?? RETCODE.invalid, placed.message) };
    }
    const { order } = placed.value;
    if (order.status !== 'filled' || order.avgPrice === null) {
      return { error: true, reply: orderFailure(RETCODE.noMoney, order.rejectReason ?? 'Not enough money') };
    }
    return { error: false, ticket: Number(order.orderId), price: order.avgPrice };
  }

  /** MetaTrader5 account_info() field names. */
  private accountInfo(): Record<string, unknown> {
    const account = this.deps.engine.account();
    const profit = Math.round((account.equity - account.balance) * 100) / 100;
    return {
      login: 0,
      currency: account.currency,
      balance: account.balance,
      equity: account.equity,
      margin: account.margin,
      margin_free: account.freeMargin,
      profit,
      leverage: this.deps.leverage,
    };
  }

  /** MetaTrader5 positions_get() field names: one position per ticket (a hedging account). */
  private positions(now: number): Array<Record<string, unknown>> {
    return this.deps.ledger.openPositions().map((p) => {
      const quote = this.deps.engine.quote(p.symbol);
      const current = quote ? (p.side === 'buy' ? quote.bid : quote.ask) : p.price;
      return {
        ticket: p.ticket,
        time: Math.floor(p.time / 1000),
        type: p.side === 'buy' ? 0 : 1,
        magic: p.magic,
        volume: p.volume,
        price_open: p.price,
        sl: p.sl ?? 0,
        tp: p.tp ?? 0,
        price_current: current,
        profit: this.profit(p, current),
        symbol: p.symbol,
        comment: p.comment,
        identifier: p.ticket,
        time_update: Math.floor(now / 1000),
      };
    });
  }

  private profit(p: Opened, current: number): number {
    const { engine } = this.deps;
    const inst = engine.instrument(p.symbol);
    const steps = inst && volumeToSteps(inst.spec, p.volume);
    const open = inst && priceToPoints(inst.spec, p.price);
    const exit = inst && priceToPoints(inst.spec, current);
    if (!inst || steps === undefined || open === undefined || exit === undefined) return 0;
    const mid = (symbol: string): number | undefined => {
      const q = engine.quote(symbol);
      return q && (q.bid + q.ask) / 2;
    };
    const usdRate = (currency: string): number =>
      currency === 'USD' ? 1 : (mid(`${currency}USD`) ?? 1 / (mid(`USD${currency}`) ?? Number.NaN));
    const cents = pnlCents(inst, p.side, open, exit, steps, usdRate);
    return Number.isFinite(cents) ? centsToMoney(cents) : 0;
  }

  /** ADMIN_EXECUTIONS (emulator only): every fill that opened a position, and counts per comment. */
  private executions(): Record<string, unknown> {
    const executions = this.deps.ledger.executions();
    const byComment: Record<string, number> = {};
    for (const e of executions) byComment[e.comment] = (byComment[e.comment] ?? 0) + 1;
    return {
      total: executions.length,
      byComment,
      executedMoreThanOnce: Object.keys(byComment).filter((comment) => (byComment[comment] ?? 0) > 1),
      closes: this.deps.ledger.closeCount(),
      cachedReqIds: this.cache.size,
      executions: executions.map((e) => ({
        ticket: e.ticket,
        req_id: e.reqId,
        action: e.action,
        comment: e.comment,
        magic: e.magic,
        symbol: e.symbol,
        type: e.side === 'buy' ? 'OP_BUY' : 'OP_SELL',
        volume: e.volume,
        price: e.price,
        time: originTime(e.time),
      })),
    };
  }
}

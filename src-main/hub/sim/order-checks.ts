// Pre-trade checks of a placeOrder against its symbol's limits and the current quote (MT5 rules
// for pending-order prices and sl/tp sides), and the same-ticket test used for deduplication.
// Pure; no order state, no I/O.
import type { HubOrder, OrderType } from '../../../src-shared/domain/order';
import type { Side } from '../../../src-shared/domain/account';
import type { PlaceOrderArgs } from '../protocol';
import type { QuotePoints } from './book';
import { pointsToPrice, priceToPoints, volumeToSteps, type Instrument } from './instruments';
import { fail, ok, type Outcome } from './outcome';

/** A placeOrder that passed every check, in integer points and volume steps. */
export interface Ticket {
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: Side;
  readonly type: OrderType;
  readonly steps: number;
  /** null for market orders: their price argument is ignored. */
  readonly pricePoints: number | null;
  readonly slPoints: number | null;
  readonly tpPoints: number | null;
}

export function checkPlaceOrder(
  args: PlaceOrderArgs,
  inst: Instrument | undefined,
  quote: QuotePoints | undefined,
): Outcome<Ticket> {
  if (!inst) return fail('UNKNOWN_SYMBOL', `unknown symbol ${args.symbol}`);
  if (!quote) return fail('REJECTED', `no quote for ${args.symbol}`);
  const spec = inst.spec;
  const steps = volumeToSteps(spec, args.volume);
  if (args.volume < spec.minVolume - 1e-9) {
    return fail('INVALID_VOLUME', `volume ${args.volume} is below the minimum ${spec.minVolume} for ${spec.symbol}`);
  }
  if (args.volume > spec.maxVolume + 1e-9) {
    return fail('INVALID_VOLUME', `volume ${args.volume} is above the maximum ${spec.maxVolume} for ${spec.symbol}`);
  }
  if (steps === undefined) {
    return fail('INVALID_VOLUME', `volume ${args.volume} is not a multiple of the step ${spec.volumeStep}`);
  }

  let pricePoints: number | null = null;
  if (args.type !== 'market') {
    if (args.price === undefined || args.price === null) {
      return fail('INVALID_PRICE', `a ${args.type} order needs a price`);
    }
    const points = priceToPoints(spec, args.price);
    if (points === undefined) return fail('INVALID_PRICE', offTick('price', args.price, inst));
    const problem = pendingPriceProblem(args.side, args.type, points, quote);
    if (problem) return fail('INVALID_PRICE', `${args.side} ${args.type} price ${args.price} ${problem(inst)}`);
    pricePoints = points;
  }

  const entry = pricePoints ?? (args.side === 'buy' ? quote.askPoints : quote.bidPoints);
  const sl = protectivePoints('sl', args.sl, args.side, entry, inst);
  if (!sl.ok) return sl;
  const tp = protectivePoints('tp', args.tp, args.side, entry, inst);
  if (!tp.ok) return tp;

  return ok({
    clientOrderId: args.clientOrderId,
    symbol: spec.symbol,
    side: args.side,
    type: args.type,
    steps,
    pricePoints,
    slPoints: sl.value,
    tpPoints: tp.value,
  });
}

type Problem = (inst: Instrument) => string;

/** MT5: buy limit below ask, sell limit above bid, buy stop above ask, sell stop below bid. */
function pendingPriceProblem(side: Side, type: OrderType, points: number, q: QuotePoints): Problem | undefined {
  const at = (label: string, ref: number): Problem => (inst) => `must be ${label} ${pointsToPrice(inst.spec, ref)}`;
  if (side === 'buy' && type === 'limit' && points >= q.askPoints) return at('below the ask', q.askPoints);
  if (side === 'sell' && type === 'limit' && points <= q.bidPoints) return at('above the bid', q.bidPoints);
  if (side === 'buy' && type === 'stop' && points <= q.askPoints) return at('above the ask', q.askPoints);
  if (side === 'sell' && type === 'stop' && points >= q.bidPoints) return at('below the bid', q.bidPoints);
  return undefined;
}

/** A buy needs sl < entry < tp; a sell needs tp < entry < sl. */
function protectivePoints(
  field: 'sl' | 'tp',
  value: number | null | undefined,
  side: Side,
  entry: number,
  inst: Instrument,
): Outcome<number | null> {
  if (value === undefined || value === null) return ok(null);
  const points = priceToPoints(inst.spec, value);
  if (points === undefined) return fail('INVALID_PRICE', offTick(field, value, inst));
  const mustBeBelow = (field === 'sl') === (side === 'buy');
  if (mustBeBelow ? points < entry : points > entry) return ok(points);
  const where = mustBeBelow ? 'below' : 'above';
  return fail('INVALID_PRICE', `${field} ${value} must be ${where} the entry ${pointsToPrice(inst.spec, entry)} for a ${side}`);
}

function offTick(field: string, value: number, inst: Instrument): string {
  return `${field} ${value} is not a positive multiple of the point ${pointsToPrice(inst.spec, 1)} for ${inst.spec.symbol}`;
}

/** Whether a repeated placeOrder carries the same ticket as the order it would duplicate. */
export function sameTicket(order: HubOrder, args: PlaceOrderArgs): boolean {
  const samePrice = order.type === 'market' || close(order.price, args.price);
  return (
    order.symbol === args.symbol &&
    order.side === args.side &&
    order.type === args.type &&
    close(order.volume, args.volume) &&
    samePrice &&
    close(order.sl, args.sl) &&
    close(order.tp, args.tp)
  );
}

function close(a: number | null | undefined, b: number | null | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === null || y === null) return x === y;
  return Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x));
}

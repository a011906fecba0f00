// Pre-send checks of an order ticket against its symbol's limits, shared so the renderer explains
// a bad field before anything is sent and main refuses the same input. Pure; no I/O. What needs the
// live quote (a pending price's side of the market, a market order's sl/tp) is left to the hub.
import type { SymbolSpec } from './market';
import type { Side } from './account';
import type { OrderType } from './order';

/** A ticket as typed into the form: an empty field is undefined, unreadable text is NaN. */
export interface TicketDraft {
  symbol: string;
  side: Side;
  type: OrderType;
  volume: number | undefined;
  price?: number | undefined;
  sl?: number | undefined;
  tp?: number | undefined;
}

export type TicketField = 'symbol' | 'volume' | 'price' | 'sl' | 'tp';
export type TicketErrors = Partial<Record<TicketField, string>>;

const EPSILON = 1e-9;
/** How far off a whole point a scaled price may be (float noise); the simulated hub uses the same. */
const POINT_TOLERANCE = 1e-6;

/** Volume in whole steps, or undefined when it is not a whole multiple of the step. */
export function volumeInSteps(volume: number, step: number): number | undefined {
  const steps = volume / step;
  const rounded = Math.round(steps);
  return Math.abs(steps - rounded) < EPSILON * Math.max(1, rounded) ? rounded : undefined;
}

function checkVolume(volume: number | undefined, spec: SymbolSpec): string | undefined {
  if (volume === undefined) return 'Enter a volume.';
  if (!Number.isFinite(volume)) return 'Volume must be a number.';
  if (volume <= 0) return 'Volume must be greater than 0.';
  if (volume < spec.minVolume - EPSILON) return `Volume must be at least ${spec.minVolume}.`;
  if (volume > spec.maxVolume + EPSILON) return `Volume must be at most ${spec.maxVolume}.`;
  if (volumeInSteps(volume, spec.volumeStep) === undefined) {
    return `Volume must be a multiple of ${spec.volumeStep}.`;
  }
  return undefined;
}

/** A price in whole points of a symbol with `digits` decimals, or undefined when it is off the grid. */
function priceInPoints(price: number, digits: number): number | undefined {
  const scaled = price * 10 ** digits;
  const points = Math.round(scaled);
  return Number.isSafeInteger(points) && Math.abs(scaled - points) < POINT_TOLERANCE ? points : undefined;
}

function checkPrice(label: string, value: number | undefined, required: boolean, digits: number): string | undefined {
  if (value === undefined) return required ? `A ${label.toLowerCase()} order needs a price.` : undefined;
  if (!Number.isFinite(value)) return `${label} must be a number.`;
  if (value <= 0) return `${label} must be greater than 0.`;
  // Past 2^53 points a price can no longer be counted exactly (the hub would store another one).
  if (!Number.isSafeInteger(Math.round(value * 10 ** digits))) return `${label} is too large.`;
  if (priceInPoints(value, digits) === undefined) return `${label} must be a multiple of ${(10 ** -digits).toFixed(digits)}.`;
  return undefined;
}

/**
 * A buy's stop loss lies below its entry and its take profit above; a sell's the other way round.
 * The entry is known here only for a pending order (its price); for a market order only sl against tp.
 */
function checkSides(side: Side, entry: number | undefined, sl: number | undefined, tp: number | undefined): TicketErrors {
  const errors: TicketErrors = {};
  const [below, above] = side === 'buy' ? ['below', 'above'] : ['above', 'below'];
  const slSide = (a: number, b: number): boolean => (side === 'buy' ? a < b : a > b);
  if (entry !== undefined) {
    if (sl !== undefined && !slSide(sl, entry)) errors.sl = `Stop loss must be ${below} the price for a ${side}.`;
    if (tp !== undefined && !slSide(entry, tp)) errors.tp = `Take profit must be ${above} the price for a ${side}.`;
  } else if (sl !== undefined && tp !== undefined && !slSide(sl, tp)) {
    errors.sl = `Stop loss must be ${below} the take profit for a ${side}.`;
  }
  return errors;
}

/** Field-by-field problems with a ticket; an empty object means it may be sent. */
export function checkTicket(draft: TicketDraft, spec: SymbolSpec | undefined): TicketErrors {
  const errors: TicketErrors = {};
  if (!spec) {
    errors.symbol = `Unknown symbol ${draft.symbol || '(none)'}.`;
    return errors;
  }
  const volume = checkVolume(draft.volume, spec);
  if (volume) errors.volume = volume;
  // A market order executes at the market: a price on it would be recorded but never sent.
  if (draft.type === 'market' && draft.price !== undefined) errors.price = 'A market order takes no price; leave it empty or choose limit or stop.';
  if (draft.type !== 'market') {
    const label = draft.type === 'limit' ? 'Limit' : 'Stop';
    const price = checkPrice(label, draft.price, true, spec.digits);
    if (price) errors.price = price;
  }
  const sl = checkPrice('Stop loss', draft.sl, false, spec.digits);
  if (sl) errors.sl = sl;
  const tp = checkPrice('Take profit', draft.tp, false, spec.digits);
  if (tp) errors.tp = tp;
  const entry = draft.type !== 'market' && !errors.price ? draft.price : undefined;
  return { ...checkSides(draft.side, entry, errors.sl ? undefined : draft.sl, errors.tp ? undefined : draft.tp), ...errors };
}

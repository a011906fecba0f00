// Pre-send checks of an order ticket against its symbol's limits, shared so the renderer explains
// a bad field before anything is sent and main refuses the same input. Pure; no I/O.
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

function checkPrice(label: string, value: number | undefined, required: boolean): string | undefined {
  if (value === undefined) return required ? `A ${label.toLowerCase()} order needs a price.` : undefined;
  if (!Number.isFinite(value)) return `${label} must be a number.`;
  if (value <= 0) return `${label} must be greater than 0.`;
  return undefined;
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
  if (draft.type !== 'market') {
    const label = draft.type === 'limit' ? 'Limit' : 'Stop';
    const price = checkPrice(label, draft.price, true);
    if (price) errors.price = price;
  }
  const sl = checkPrice('Stop loss', draft.sl, false);
  if (sl) errors.sl = sl;
  const tp = checkPrice('Take profit', draft.tp, false);
  if (tp) errors.tp = tp;
  return errors;
}

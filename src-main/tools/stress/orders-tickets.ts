// The tickets of a `stress orders` run: market orders whose symbol, side and volume vary from one to
// the next, so no two neighbours look alike to the pre-trade duplicate check, and whose net position
// stays near flat (a buy is followed by a sell of the same volume) so a long run never runs out of
// margin. Pure: no clocks, no I/O.
import type { SymbolSpec } from '../../../src-shared/domain/market';
import type { OrderTicket } from '../../../src-shared/domain/order';
import { volumeInSteps } from '../../../src-shared/domain/ticket-checks';

/** Volumes cycle through this many steps above the symbol's minimum. */
export const VOLUME_STEPS = 10;

/** A volume of whole steps, written with the step's decimals (0.07, not 0.07000000000000001). */
function volumeOf(spec: SymbolSpec, steps: number): number {
  const decimals = Math.max(0, Math.ceil(-Math.log10(spec.volumeStep) - 1e-9));
  return Number((steps * spec.volumeStep).toFixed(decimals));
}

/**
 * Order `index` of a run: symbols round-robin; each symbol's orders alternate buy, sell; the volume
 * goes up one step every buy-sell pair, VOLUME_STEPS steps around.
 */
export function stressTicket(index: number, clientOrderId: string, symbols: readonly SymbolSpec[]): OrderTicket {
  const spec = symbols[index % symbols.length];
  if (!spec) throw new Error('stress orders needs at least one symbol from the hub');
  const round = Math.floor(index / symbols.length);
  const minSteps = Math.max(1, volumeInSteps(spec.minVolume, spec.volumeStep) ?? Math.ceil(spec.minVolume / spec.volumeStep));
  const maxSteps = Math.max(minSteps, Math.floor(spec.maxVolume / spec.volumeStep + 1e-9));
  const steps = Math.min(maxSteps, minSteps + (Math.floor(round / 2) % VOLUME_STEPS));
  return {
    clientOrderId,
    symbol: spec.symbol,
    side: round % 2 === 0 ? 'buy' : 'sell',
    type: 'market',
    volume: volumeOf(spec, steps),
  };
}

// The simulated hub's instruments and the integer conversions (price points, volume steps) that
// all its order maths uses. Pure data and functions; no state, no I/O.
import type { SymbolSpec } from '../../../src-shared/domain/market';
import { volumeInSteps } from '../../../src-shared/domain/ticket-checks';

export interface Instrument {
  readonly spec: SymbolSpec;
  readonly base: string;
  /** The quote (profit) currency. */
  readonly quote: string;
  /** Units of the base asset in one volume step (volumeStep × contractSize), an integer. */
  readonly unitsPerStep: number;
  readonly initialBidPoints: number;
  readonly spreadPoints: readonly [min: number, max: number];
  /** Standard deviation of one quote tick's move, in points. */
  readonly tickSigmaPoints: number;
}

const fxLimits = { minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 } as const;

export const SIM_INSTRUMENTS: readonly Instrument[] = Object.freeze([
  {
    spec: { symbol: 'EURUSD', digits: 5, contractSize: 100_000, ...fxLimits },
    base: 'EUR', quote: 'USD', unitsPerStep: 1000,
    initialBidPoints: 108_500, spreadPoints: [6, 12], tickSigmaPoints: 3,
  },
  {
    spec: { symbol: 'GBPUSD', digits: 5, contractSize: 100_000, ...fxLimits },
    base: 'GBP', quote: 'USD', unitsPerStep: 1000,
    initialBidPoints: 127_000, spreadPoints: [10, 18], tickSigmaPoints: 4,
  },
  {
    spec: { symbol: 'USDJPY', digits: 3, contractSize: 100_000, ...fxLimits },
    base: 'USD', quote: 'JPY', unitsPerStep: 1000,
    initialBidPoints: 151_500, spreadPoints: [8, 15], tickSigmaPoints: 4,
  },
  {
    spec: { symbol: 'XAUUSD', digits: 2, contractSize: 100, ...fxLimits },
    base: 'XAU', quote: 'USD', unitsPerStep: 1,
    initialBidPoints: 235_000, spreadPoints: [15, 35], tickSigmaPoints: 20,
  },
]);

const TOLERANCE = 1e-6;

export function pointScale(spec: SymbolSpec): number {
  return 10 ** spec.digits;
}

/** A price in whole points, or undefined when it is not a finite, positive multiple of the point. */
export function priceToPoints(spec: SymbolSpec, price: number): number | undefined {
  if (!Number.isFinite(price) || price <= 0) return undefined;
  const scaled = price * pointScale(spec);
  const points = Math.round(scaled);
  return points > 0 && Math.abs(scaled - points) < TOLERANCE ? points : undefined;
}

export function pointsToPrice(spec: SymbolSpec, points: number): number {
  return Number((points / pointScale(spec)).toFixed(spec.digits));
}

/** A fractional point count (an average price) as a price, keeping three extra decimals. */
export function avgPointsToPrice(spec: SymbolSpec, points: number): number {
  return Number((points / pointScale(spec)).toFixed(spec.digits + 3));
}

/** A volume in whole steps, or undefined when it is not a finite multiple of the step. */
export function volumeToSteps(spec: SymbolSpec, volume: number): number | undefined {
  if (!Number.isFinite(volume) || volume <= 0) return undefined;
  return volumeInSteps(volume, spec.volumeStep);
}

export function stepsToVolume(spec: SymbolSpec, steps: number): number {
  return Number((steps * spec.volumeStep).toFixed(stepDecimals(spec)));
}

function stepDecimals(spec: SymbolSpec): number {
  return Math.max(0, Math.ceil(-Math.log10(spec.volumeStep) - TOLERANCE));
}

// Seeded random walk of the simulated hub's prices: one tick moves every symbol's bid by a
// normal step (weakly pulled back to its start) and draws a fresh spread. Pure; no timers.
import type { QuotePoints } from './book';
import type { Instrument } from './instruments';
import { gaussian, uniformInt, type Random } from './random';

/** Pull towards the starting price per tick, so a long-running demo stays plausible. */
const MEAN_REVERSION = 0.0005;

export class QuoteWalk {
  constructor(private readonly random: Random) {}

  /** The next quote for an instrument, from its current bid. */
  next(inst: Instrument, current: QuotePoints): QuotePoints {
    const pull = (inst.initialBidPoints - current.bidPoints) * MEAN_REVERSION;
    const move = Math.round(gaussian(this.random) * inst.tickSigmaPoints + pull);
    const bidPoints = Math.max(1, current.bidPoints + move);
    const spread = uniformInt(this.random, inst.spreadPoints[0], inst.spreadPoints[1]);
    return { bidPoints, askPoints: bidPoints + spread };
  }
}

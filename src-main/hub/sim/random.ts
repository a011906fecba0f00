// Seeded pseudo-random numbers for the simulated hub (quote walk, fault dice). Pure; every
// generator is an explicit object, so two hubs in one process never share a stream.

/** A source of uniform numbers in [0, 1). */
export type Random = () => number;

/** mulberry32: tiny, fast, and good enough for a paper-trading simulation (not for secrets). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An independent stream derived from one seed, so adding a consumer does not shift another. */
export function deriveRandom(seed: number, stream: number): Random {
  return mulberry32((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
}

/** A uniform integer in [min, max], both inclusive. */
export function uniformInt(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** A standard normal deviate (Box–Muller). */
export function gaussian(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** True with probability p (0 never, 1 always; no draw is spent when p is 0). */
export function chance(random: Random, p: number): boolean {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return random() < p;
}

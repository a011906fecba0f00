// Number helpers the bench's figures share: one-decimal rounding and sums of per-key counts.
// Pure: no clocks, no I/O.

/** Rounded to 1 decimal. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function sumValues(record: Record<string, number>): number {
  return Object.values(record).reduce((sum, value) => sum + value, 0);
}

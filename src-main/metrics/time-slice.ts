// Long loops in main (decoding a week of histograms) cut into slices of a few ms, yielding to the
// event loop between them, so the hub connection's heartbeats and replies are never held up.
import { setImmediate as nextTurn } from 'node:timers/promises';

export const SLICE_MS = 8;

/** Runs `step` on every item in order, yielding whenever a slice has run for `sliceMs`. */
export async function forEachSliced<T>(items: Iterable<T>, step: (item: T) => void, sliceMs = SLICE_MS): Promise<void> {
  let sliceStart = performance.now();
  for (const item of items) {
    step(item);
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}

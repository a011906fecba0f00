// The closed-loop runner of `stress orders`: task 0..count-1, at most `concurrency` in flight, the
// next one starting as soon as one ends (a desk placing as fast as the console answers). Knows no
// hub; a task reports its own outcome, and one that throws stops the run (a bug, not a result).

export interface ClosedLoopOptions {
  count: number;
  concurrency: number;
  task(index: number): Promise<void>;
}

/** Runs every task; resolves with the ms from the first start to the last end. */
export async function runClosedLoop(options: ClosedLoopOptions, now: () => number = () => performance.now()): Promise<number> {
  const started = now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) {
      const index = next;
      next += 1;
      await options.task(index);
    }
  };
  const workers = Array.from({ length: Math.min(options.concurrency, options.count) }, () => worker());
  await Promise.all(workers);
  return now() - started;
}

// The open-loop load runner: request i is due at start + i/rate; its latency runs from that due
// time to its end, so a stall or a full concurrency window shows in the figures (no coordinated
// omission). Every request that ends, success or final failure, is recorded. Knows no hub.
import { performance } from 'node:perf_hooks';
import type { Histogram } from 'hdr-histogram-js';
import { newLatencyHistogram, recordLatencyMs } from '../../metrics/latency-figures';
import { dueCount, scheduledOffsetMs, wakePlan } from './schedule';

export interface OpenLoopProgress {
  sent: number;
  /** Requests that ended, successful or not. */
  done: number;
  failures: number;
  elapsedMs: number;
}

export interface OpenLoopOptions {
  count: number;
  rate: number;
  /** Requests in flight at most; a due request over the cap waits, and its wait is latency. */
  concurrency: number;
  /** One request; a rejection is a final failure (retries belong inside it). */
  call(): Promise<unknown>;
  onProgress?(progress: OpenLoopProgress): void;
  progressEveryMs?: number;
  /** Names a failure for the figures, e.g. its error code. */
  classify?(error: unknown): string;
}

export interface OpenLoopResult {
  /** Latency of every request, in µs from its scheduled time. */
  histogram: Histogram;
  succeeded: number;
  failures: number;
  /** Final failures by classify(error). */
  failureCodes: Record<string, number>;
  /** From the first due time to the last request's end. */
  durationMs: number;
}

export function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  return new OpenLoopRun(options).run();
}

class OpenLoopRun {
  private readonly histogram = newLatencyHistogram();
  private readonly failureCodes: Record<string, number> = {};
  private start = 0;
  private next = 0;
  private inFlight = 0;
  private succeeded = 0;
  private failures = 0;
  private lastEnd = 0;
  private lastProgressAt = -Infinity;
  private finished = false;
  /** The one pending wake-up, a timer or a spin turn. A turn allocates only its Immediate: GC pauses are latency too. */
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly onWake = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    this.pump();
  };
  private finish: ((result: OpenLoopResult) => void) | undefined;

  constructor(private readonly options: OpenLoopOptions) {}

  run(): Promise<OpenLoopResult> {
    return new Promise<OpenLoopResult>((resolve) => {
      this.finish = resolve;
      this.start = performance.now();
      this.lastEnd = this.start;
      this.pump();
    });
  }

  /** Sends every request that is due and fits the window, then arranges to be woken for the next. */
  private pump(): void {
    if (this.finished) return;
    const { count, rate, concurrency } = this.options;
    const due = dueCount(performance.now() - this.start, rate, count);
    while (this.next < due && this.inFlight < concurrency) this.send(this.next++);
    this.progress(false);
    // A full window is reopened by the next request's end; an armed wake stays as it is.
    if (this.next >= count || this.inFlight >= concurrency || this.timer || this.immediate) return;
    const plan = wakePlan(this.start + scheduledOffsetMs(this.next, rate) - performance.now());
    if (plan.kind === 'sleep') this.timer = setTimeout(this.onWake, plan.ms);
    else this.immediate = setImmediate(this.onWake);
  }

  private send(index: number): void {
    const scheduledAt = this.start + scheduledOffsetMs(index, this.options.rate);
    this.inFlight += 1;
    let call: Promise<unknown>;
    try {
      call = this.options.call();
    } catch (error) {
      call = Promise.reject(error);
    }
    call.then(
      () => this.ended(scheduledAt, undefined),
      (error: unknown) => this.ended(scheduledAt, error ?? new Error('rejected without a reason')),
    );
  }

  private ended(scheduledAt: number, error: unknown): void {
    const now = performance.now();
    recordLatencyMs(this.histogram, now - scheduledAt);
    this.inFlight -= 1;
    this.lastEnd = Math.max(this.lastEnd, now);
    if (error === undefined) this.succeeded += 1;
    else {
      this.failures += 1;
      const code = this.options.classify?.(error) ?? 'ERROR';
      this.failureCodes[code] = (this.failureCodes[code] ?? 0) + 1;
    }
    if (this.succeeded + this.failures < this.options.count) {
      this.pump();
      return;
    }
    this.finished = true;
    // A wake armed before the last requests went out (they left on a completion) has nothing to do.
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.progress(true);
    this.finish?.({
      histogram: this.histogram,
      succeeded: this.succeeded,
      failures: this.failures,
      failureCodes: { ...this.failureCodes },
      durationMs: this.lastEnd - this.start,
    });
  }

  private progress(final: boolean): void {
    const { onProgress, progressEveryMs = 100 } = this.options;
    if (!onProgress) return;
    const now = performance.now();
    if (!final && now - this.lastProgressAt < progressEveryMs) return;
    this.lastProgressAt = now;
    onProgress({ sent: this.next, done: this.succeeded + this.failures, failures: this.failures, elapsedMs: now - this.start });
  }
}

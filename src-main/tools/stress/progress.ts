// The progress bar on stderr (cli-progress) while a stress run goes: done of N, sent, failures and
// the current rate over the last second or so. Used only when stderr is a TTY and not --json.
import { SingleBar } from 'cli-progress';
import type { OpenLoopProgress } from './open-loop';

interface Sample {
  at: number;
  done: number;
}

/** Requests ended per second between two samples; 0 when no time has passed. */
export function windowRate(from: Sample, to: Sample): number {
  const ms = to.at - from.at;
  return ms > 0 ? Math.round(((to.done - from.done) * 1000) / ms) : 0;
}

export class ProgressView {
  private readonly bar: SingleBar;
  private samples: Sample[] = [{ at: 0, done: 0 }];

  constructor(
    private readonly total: number,
    stream: NodeJS.WritableStream,
  ) {
    this.bar = new SingleBar({
      stream,
      fps: 10,
      hideCursor: true,
      clearOnComplete: true,
      format: 'latency |{bar}| {value}/{total} done | sent {sent} | failed {failures} | {rate} req/s',
    });
  }

  start(): void {
    this.bar.start(this.total, 0, { sent: 0, failures: 0, rate: 0 });
  }

  update(progress: OpenLoopProgress): void {
    const sample = { at: progress.elapsedMs, done: progress.done };
    // Keep about one second of samples: the rate shown is the recent one, not the run's average.
    this.samples = [...this.samples.filter((s) => sample.at - s.at <= 1000), sample];
    const rate = windowRate(this.samples[0] ?? sample, sample);
    this.bar.update(progress.done, { sent: progress.sent, failures: progress.failures, rate });
  }

  stop(): void {
    this.bar.stop();
  }
}

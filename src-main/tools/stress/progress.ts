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

/** The rate over about the last second of samples, not the run's average. */
export class RecentRate {
  private samples: Sample[] = [{ at: 0, done: 0 }];

  update(at: number, done: number): number {
    const sample = { at, done };
    this.samples = [...this.samples.filter((s) => at - s.at <= 1000), sample];
    return windowRate(this.samples[0] ?? sample, sample);
  }
}

/** A stress run's bar on `stream`: 10 fps, cursor hidden, cleared when done. */
export function progressBar(stream: NodeJS.WritableStream, format: string): SingleBar {
  return new SingleBar({ stream, fps: 10, hideCursor: true, clearOnComplete: true, format });
}

export class ProgressView {
  private readonly bar: SingleBar;
  private readonly rate = new RecentRate();

  constructor(
    private readonly total: number,
    stream: NodeJS.WritableStream,
  ) {
    this.bar = progressBar(stream, 'latency |{bar}| {value}/{total} done | sent {sent} | failed {failures} | {rate} req/s');
  }

  start(): void {
    this.bar.start(this.total, 0, { sent: 0, failures: 0, rate: 0 });
  }

  update(progress: OpenLoopProgress): void {
    const rate = this.rate.update(progress.elapsedMs, progress.done);
    this.bar.update(progress.done, { sent: progress.sent, failures: progress.failures, rate });
  }

  stop(): void {
    this.bar.stop();
  }
}

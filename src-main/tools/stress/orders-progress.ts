// The progress bar of `stress orders` on stderr (cli-progress, like the latency run's): orders done
// of N, in flight, unknown and refused so far, and the recent rate. Only on a TTY and without --json.
import { SingleBar } from 'cli-progress';
import { windowRate } from './progress';

export interface OrdersProgress {
  done: number;
  inFlight: number;
  /** Replies ORDER_UNKNOWN so far (reconciliation settles them after the run). */
  unknown: number;
  /** Replies that refused the order (an error other than ORDER_UNKNOWN, or status rejected). */
  refused: number;
  elapsedMs: number;
}

export class OrdersProgressView {
  private readonly bar: SingleBar;
  private samples: Array<{ at: number; done: number }> = [{ at: 0, done: 0 }];
  private running = false;

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WritableStream,
  ) {
    this.bar = new SingleBar({
      stream,
      fps: 10,
      hideCursor: true,
      clearOnComplete: true,
      format: 'orders |{bar}| {value}/{total} placed | in flight {inFlight} | unknown {unknown} | refused {refused} | {rate} orders/s',
    });
  }

  /** A line about a wait outside the placing phase (the bar is cleared once placing is done). */
  phase(message: string): void {
    if (this.running) this.stop();
    this.stream.write(`${message}\n`);
  }

  start(): void {
    this.running = true;
    this.bar.start(this.total, 0, { inFlight: 0, unknown: 0, refused: 0, rate: 0 });
  }

  update(progress: OrdersProgress): void {
    const sample = { at: progress.elapsedMs, done: progress.done };
    // About one second of samples: the rate shown is the recent one, not the run's average.
    this.samples = [...this.samples.filter((s) => sample.at - s.at <= 1000), sample];
    const rate = windowRate(this.samples[0] ?? sample, sample);
    this.bar.update(progress.done, { inFlight: progress.inFlight, unknown: progress.unknown, refused: progress.refused, rate });
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.bar.stop();
  }
}

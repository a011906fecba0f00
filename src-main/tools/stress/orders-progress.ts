// The progress bar of `stress orders` on stderr (cli-progress, like the latency run's): orders done
// of N, in flight, unknown and refused so far, and the recent rate. Only on a TTY and without --json.
import { SingleBar } from 'cli-progress';
import { RecentRate } from './progress';

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
  private readonly rate = new RecentRate();
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
    const rate = this.rate.update(progress.elapsedMs, progress.done);
    this.bar.update(progress.done, { inFlight: progress.inFlight, unknown: progress.unknown, refused: progress.refused, rate });
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.bar.stop();
  }
}

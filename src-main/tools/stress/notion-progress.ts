// The progress bar of `stress notion` on stderr (cli-progress, like the other stress runs): events
// finished (pushed or parked) of N, attempts, failures and the recent rate. Only on a TTY, not --json.
import type { SingleBar } from 'cli-progress';
import type { PushFigures } from '../../../src-shared/domain/outbox';
import { progressBar, RecentRate } from './progress';

export class NotionProgressView {
  private readonly bar: SingleBar;
  private readonly rate = new RecentRate();
  private readonly started = performance.now();
  private running = false;

  constructor(
    private readonly total: number,
    stream: NodeJS.WritableStream,
  ) {
    this.bar = progressBar(stream, 'notion |{bar}| {value}/{total} done | parked {parked} | attempts {attempts} | failed {failures} | {rate} events/s');
  }

  start(): void {
    this.running = true;
    this.bar.start(this.total, 0, { parked: 0, attempts: 0, failures: 0, rate: 0 });
  }

  update(figures: PushFigures): void {
    if (!this.running) return;
    const done = figures.pushed + figures.parked;
    const rate = this.rate.update(performance.now() - this.started, done);
    this.bar.update(done, { parked: figures.parked, attempts: figures.attempts, failures: figures.failures, rate });
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.bar.stop();
  }
}

// Who gets a fresh `Verify against hub` and who shares one: each run lists every hub order and adds
// a row to the metrics history, so at most one runs at a time and a viewer takes a recent result.
// Runs nothing itself but the `run` it is given; no hub, no storage.
import type { VerifyResult } from '../../src-shared/domain/checks';
import { roleAllows } from '../../src-shared/ipc/access';
import type { Principal } from '../../src-shared/ipc/access';

/** A viewer asking within this long after a run finished gets that run's result. */
export const VIEWER_VERIFY_FRESH_MS = 5_000;

export class VerifyRunner {
  private running: Promise<VerifyResult> | undefined;
  /** The run traders asked for while another was running: it starts when that one ends. */
  private queued: Promise<VerifyResult> | undefined;
  private last: { result: VerifyResult; finishedAt: number } | undefined;

  constructor(
    private readonly run: () => Promise<VerifyResult>,
    private readonly now: () => number = Date.now,
    private readonly freshMs = VIEWER_VERIFY_FRESH_MS,
  ) {}

  /**
   * A trader's result is from a run that started after the call: the running one's listing may
   * predate what the trader just did. Traders who ask meanwhile share that next run. A viewer shares
   * the running one, or takes the last result when it finished less than `freshMs` ago.
   */
  verify(principal: Principal): Promise<VerifyResult> {
    if (roleAllows(principal.role, 'trader')) {
      if (!this.running) return this.start();
      this.queued ??= this.running.then(this.startQueued, this.startQueued);
      return this.queued;
    }
    if (this.last && this.now() - this.last.finishedAt < this.freshMs) return Promise.resolve(this.last.result);
    return this.running ?? this.start();
  }

  private readonly startQueued = (): Promise<VerifyResult> => {
    this.queued = undefined;
    return this.running ?? this.start();
  };

  private start(): Promise<VerifyResult> {
    const running = this.run().then(
      (result) => {
        this.last = { result, finishedAt: this.now() };
        this.running = undefined;
        return result;
      },
      (error: unknown) => {
        this.running = undefined;
        throw error;
      },
    );
    this.running = running;
    return running;
  }
}

// Fault injection for the simulated hub: seeded dice for dropped requests and replies, delayed
// and duplicated replies, and the processor's stall schedule. Decides only; never sends or sleeps.
import { chance, uniformInt, type Random } from './random';

export interface FaultOptions {
  readonly dropRequest: number;
  readonly dropReply: number;
  readonly delayMs?: { readonly min: number; readonly max: number } | undefined;
  readonly delayP: number;
  readonly duplicateReply: number;
  readonly stallEveryMs: number;
  readonly stallMs: number;
}

export interface ReplyFate {
  readonly drop: boolean;
  /** 0 when the reply goes out at once. */
  readonly delayMs: number;
  readonly copies: 1 | 2;
}

export const NO_FAULT: ReplyFate = Object.freeze({ drop: false, delayMs: 0, copies: 1 });

export class FaultPlan {
  constructor(
    private readonly options: FaultOptions,
    private readonly random: Random,
  ) {}

  dropRequest(): boolean {
    return chance(this.random, this.options.dropRequest);
  }

  replyFate(): ReplyFate {
    if (chance(this.random, this.options.dropReply)) return { drop: true, delayMs: 0, copies: 1 };
    const range = this.options.delayMs;
    const delayMs = range && chance(this.random, this.options.delayP) ? uniformInt(this.random, range.min, range.max) : 0;
    const copies = chance(this.random, this.options.duplicateReply) ? 2 : 1;
    return { drop: false, delayMs, copies };
  }

  /**
   * How long the processor must still wait at `elapsedMs` after start: it runs for stallEveryMs,
   * then stalls for stallMs, and repeats (a cycle of stallEveryMs + stallMs).
   */
  stallRemainingMs(elapsedMs: number): number {
    const { stallEveryMs, stallMs } = this.options;
    if (stallEveryMs <= 0 || stallMs <= 0) return 0;
    const cycle = stallEveryMs + stallMs;
    const into = ((elapsedMs % cycle) + cycle) % cycle;
    return into < stallEveryMs ? 0 : cycle - into;
  }
}

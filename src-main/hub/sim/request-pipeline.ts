// The request path of the simulated hub: a receive loop that reads and stamps every request at
// once, a bounded in-process queue, and a processor that drains it (stalls, deadlines, faults on
// replies). Executes through a callback; knows no operation and owns no socket.
import type { Logger } from 'pino';
import { MAX_REQUEST_BYTES, type HubOp } from '../protocol';
import { NO_FAULT, type FaultPlan } from './faults';
import { fail, type Outcome } from './outcome';
import type { Frames, SendQueue } from './send-queue';
import type { Counters } from './stats';
import { decodeRequest, encodeFailure, encodeSuccess, type DecodedRequest } from './wire';

export interface PipelineDeps {
  readonly socket: AsyncIterable<Uint8Array[]>;
  readonly replies: SendQueue;
  readonly faults: FaultPlan;
  readonly counters: Counters;
  readonly logger: Logger;
  readonly requestTimeoutMs: number;
  /** Ops the request/reply faults apply to; undefined: every op except admin.* (and bad bodies). */
  readonly faultOps: ReadonlySet<string> | undefined;
  readonly startedAt: number;
  /** Runs an operation and persists its effects; the reply is sent only after it returns. */
  execute(op: HubOp, args: unknown, now: number): Outcome<unknown>;
}

interface QueuedRequest {
  readonly envelope: readonly Uint8Array[];
  readonly decoded: DecodedRequest;
  readonly receivedAt: number;
  readonly faulty: boolean;
}

const QUEUE_LIMIT = 10_000;
const YIELD_EVERY = 64;

export class RequestPipeline {
  private readonly queue: QueuedRequest[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly sleepers = new Set<() => void>();
  private arrival: (() => void) | undefined;
  private disposed = false;
  private loops: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PipelineDeps) {}

  start(): void {
    this.loops = Promise.allSettled([this.receiveLoop(), this.processLoop()]);
  }

  /** Stops both loops and any held-back reply; the caller closes the socket to end receiving. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const wake of [...this.sleepers]) wake();
    this.arrival?.();
    this.queue.length = 0;
    await this.loops;
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.deps.socket) {
        if (this.disposed) break;
        this.receive(frames);
      }
    } catch (error) {
      if (!this.disposed) this.deps.logger.error({ err: error }, 'request socket failed');
    }
  }

  private receive(frames: Uint8Array[]): void {
    const receivedAt = Date.now();
    const { counters } = this.deps;
    counters.requests += 1;
    const body = frames[frames.length - 1];
    if (frames.length < 2 || !body) return;
    if (frames.some((frame) => frame.byteLength > MAX_REQUEST_BYTES)) {
      counters.droppedRequests += 1;
      counters.oversizedRequests += 1;
      this.deps.logger.warn({ bytes: Math.max(...frames.map((f) => f.byteLength)) }, 'oversized request frame dropped');
      return;
    }
    const decoded = decodeRequest(body);
    const faulty = this.isFaulty(decoded);
    if (faulty && this.deps.faults.dropRequest()) {
      counters.droppedRequests += 1;
      return;
    }
    const envelope = frames.slice(0, -1);
    if (this.queue.length >= QUEUE_LIMIT) {
      counters.busyRequests += 1;
      this.send([...envelope, encodeFailure(decoded.id, 'HUB_BUSY', `hub queue is full (${QUEUE_LIMIT} requests)`)]);
      return;
    }
    this.queue.push({ envelope, decoded, receivedAt, faulty });
    this.arrival?.();
  }

  private isFaulty(decoded: DecodedRequest): boolean {
    const { faultOps } = this.deps;
    if (decoded.kind === 'invalid') return faultOps === undefined;
    return faultOps === undefined ? !decoded.op.startsWith('admin.') : faultOps.has(decoded.op);
  }

  private async processLoop(): Promise<void> {
    let processed = 0;
    while (!this.disposed) {
      const stall = this.deps.faults.stallRemainingMs(Date.now() - this.deps.startedAt);
      if (stall > 0) {
        await this.sleep(stall);
        continue;
      }
      const item = this.queue.shift();
      if (!item) {
        await new Promise<void>((resolve) => {
          this.arrival = resolve;
        });
        this.arrival = undefined;
        continue;
      }
      this.process(item);
      processed += 1;
      if (processed % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private process(item: QueuedRequest): void {
    const { decoded } = item;
    const { counters } = this.deps;
    if (decoded.kind === 'invalid') {
      counters.badRequests += 1;
      this.reply(item, encodeFailure(decoded.id, decoded.code, decoded.message));
      return;
    }
    const now = Date.now();
    const waited = now - item.receivedAt;
    if (waited > this.deps.requestTimeoutMs) {
      counters.hubTimeouts += 1;
      const message = `request waited ${waited} ms in the hub, over requestTimeoutMs ${this.deps.requestTimeoutMs}; not executed`;
      this.reply(item, encodeFailure(decoded.id, 'HUB_TIMEOUT', message));
      return;
    }
    let outcome: Outcome<unknown>;
    try {
      outcome = this.deps.execute(decoded.op, decoded.args, now);
    } catch (error) {
      this.deps.logger.error({ err: error, op: decoded.op }, 'request failed');
      outcome = fail('INTERNAL', 'internal error in the simulated hub');
    }
    if (!outcome.ok && outcome.code === 'BAD_REQUEST') counters.badRequests += 1;
    this.reply(item, outcome.ok ? encodeSuccess(decoded.id, outcome.value) : encodeFailure(decoded.id, outcome.code, outcome.message));
  }

  private reply(item: QueuedRequest, body: string): void {
    const { counters } = this.deps;
    const fate = item.faulty ? this.deps.faults.replyFate() : NO_FAULT;
    if (fate.drop) {
      counters.droppedReplies += 1;
      return;
    }
    const frames: Frames = [...item.envelope, body];
    if (fate.copies === 2) counters.duplicatedReplies += 1;
    const send = (): void => {
      for (let copy = 0; copy < fate.copies; copy += 1) this.send(frames);
    };
    if (fate.delayMs <= 0) {
      send();
      return;
    }
    counters.delayedReplies += 1;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.disposed) send();
    }, fate.delayMs);
    this.timers.add(timer);
  }

  private send(frames: Frames): void {
    if (!this.deps.replies.push(frames)) this.deps.counters.droppedSends += 1;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.timers.delete(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.timers.add(timer);
      this.sleepers.add(wake);
    });
  }
}

// The MQL5-JSON-API emulator's composition: the simulated hub's engine, state file, fault plan and
// quote walk behind the EA's four sockets. Serves the system socket one request at a time, as the
// EA's OnTimer does: fault dice, "OK", the action, state written, then the data replies (dropped,
// delayed or doubled) and the trade events. Actions live in actions.ts and trade.ts.
import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import pino, { type Logger } from 'pino';
import { START_BALANCE_CENTS, SimEngine, type EngineSnapshot } from '../engine';
import { FaultPlan, NO_FAULT } from '../faults';
import { SIM_INSTRUMENTS } from '../instruments';
import { QuoteWalk } from '../quotes';
import { deriveRandom } from '../random';
import { SendQueue, type Frames } from '../send-queue';
import type { SimHubEnv } from '../server';
import { StateStore } from '../state-store';
import { newCounters, type Counters } from '../stats';
import { Mql5Actions } from './actions';
import { Mql5EmulatorOptions, type Mql5EmulatorOptionsInput } from './options';
import { bindMql5Sockets, type Mql5Sockets } from './sockets';
import type { Mql5Answer } from './trade';
import { commentOf } from './views';
import { decodeMql5, type DecodedMql5 } from './wire';

export interface Mql5Emulator {
  readonly system: string;
  readonly data: string;
  readonly live: string;
  readonly events: string;
  /**
   * Orders the emulator created per comment ('' for none), refusals and margin rejections left
   * out: how often each TRADE really executed. Emulator-only; the EA offers nothing like it.
   */
  executions(): Map<string, number>;
  stats(): Counters;
  dispose(): Promise<void>;
}

/** MT5 demo accounts commonly run 1:100, as the other emulators do. */
const LEVERAGE = 100;
const SEND_QUEUE_LIMIT = 10_000;

/** Starts the emulator in this process; it runs until dispose(). */
export async function startMql5Emulator(input: Mql5EmulatorOptionsInput = {}, env: SimHubEnv = {}): Promise<Mql5Emulator> {
  const options = Mql5EmulatorOptions.parse(input);
  const logger = env.logger ?? pino({ level: options.logLevel }, pino.destination({ dest: 2, sync: true }));
  const sockets = await bindMql5Sockets(options.host, options.port);
  const store = options.stateFile === undefined ? undefined : new StateStore(options.stateFile);
  try {
    const fresh: EngineSnapshot = { orders: [], positions: [], balanceCents: START_BALANCE_CENTS, nextOrderSeq: 1 };
    const snapshot = store?.start(() => `mql5-${randomUUID().slice(0, 8)}`).snapshot ?? fresh;
    const server = new Mql5Server({ options, logger, sockets, store }, snapshot);
    server.start();
    logger.info({ ...sockets.endpoints, seed: options.seed }, 'MQL5-JSON-API emulator listening');
    return { ...sockets.endpoints, executions: () => server.executions(), stats: () => server.stats(), dispose: () => server.dispose() };
  } catch (error) {
    store?.dispose();
    for (const socket of [sockets.system, sockets.data, sockets.live, sockets.events]) socket.close();
    throw error;
  }
}

class Mql5Server {
  private readonly startedAt = Date.now();
  private readonly counters: Counters = newCounters();
  private readonly engine: SimEngine;
  private readonly actions: Mql5Actions;
  private readonly faults: FaultPlan;
  private readonly queues: { readonly ok: SendQueue; readonly data: SendQueue; readonly live: SendQueue; readonly events: SendQueue };
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private serving: Promise<void> = Promise.resolve();
  private disposing: Promise<void> | undefined;

  private readonly options: Mql5EmulatorOptions;
  private readonly logger: Logger;
  private readonly sockets: Mql5Sockets;
  private readonly store: StateStore | undefined;

  /** Takes over what startMql5Emulator opened; dispose() closes it. */
  constructor(opened: { options: Mql5EmulatorOptions; logger: Logger; sockets: Mql5Sockets; store: StateStore | undefined }, snapshot: EngineSnapshot) {
    ({ options: this.options, logger: this.logger, sockets: this.sockets, store: this.store } = opened);
    const { options, sockets } = opened;
    // The bridge never deduplicates: every TRADE that passes the checks creates an order.
    this.engine = new SimEngine(SIM_INSTRUMENTS, snapshot, { dedupe: false, leverage: LEVERAGE }, this.startedAt);
    this.actions = new Mql5Actions(this.engine, this.counters, { commentInLists: options.commentInLists });
    this.faults = new FaultPlan(options, deriveRandom(options.seed, 1));
    // A PUSH with no PULL peer fails its send (EAGAIN): counted, logged at debug only.
    const onSendError = (error: unknown): void => {
      this.counters.droppedSends += 1;
      this.logger.debug({ err: error }, 'send failed');
    };
    const queue = (socket: ConstructorParameters<typeof SendQueue>[0]): SendQueue => new SendQueue(socket, SEND_QUEUE_LIMIT, onSendError);
    this.queues = { ok: queue(sockets.system), data: queue(sockets.data), live: queue(sockets.live), events: queue(sockets.events) };
  }

  start(): void {
    this.serving = this.serve();
    if (this.options.quoteMs <= 0) return;
    const walk = new QuoteWalk(deriveRandom(this.options.seed, 2));
    this.timer = setInterval(() => this.tick(walk), this.options.quoteMs);
  }

  executions(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const order of this.engine.orders('all')) {
      if (order.status === 'rejected') continue;
      const comment = commentOf(order);
      counts.set(comment, (counts.get(comment) ?? 0) + 1);
    }
    return counts;
  }

  stats(): Counters {
    return { ...this.counters };
  }

  dispose(): Promise<void> {
    this.disposing ??= this.shutdown();
    return this.disposing;
  }

  private async shutdown(): Promise<void> {
    this.stopping.abort();
    clearInterval(this.timer);
    for (const queue of Object.values(this.queues)) queue.dispose();
    for (const socket of [this.sockets.system, this.sockets.data, this.sockets.live, this.sockets.events]) socket.close();
    await this.serving;
    this.store?.dispose();
  }

  private get disposed(): boolean {
    return this.stopping.signal.aborted;
  }

  /** One request at a time: the next is not read until this one's replies are out. */
  private async serve(): Promise<void> {
    try {
      for await (const frames of this.sockets.system) {
        for (let ms = this.stallMs(); ms > 0 && !this.disposed; ms = this.stallMs()) await this.pause(ms);
        if (this.disposed) break;
        await this.serveOne(frames);
        if (this.disposed) break;
      }
    } catch (error) {
      if (!this.disposed) this.logger.error({ err: error }, 'system socket failed');
    }
  }

  private async serveOne(frames: Uint8Array[]): Promise<void> {
    this.counters.requests += 1;
    const body = frames[frames.length - 1];
    if (frames.length < 2 || !body) return;
    const decoded = decodeMql5(body);
    const faulty = this.isFaulty(decoded);
    if (faulty && this.faults.dropRequest()) {
      this.counters.droppedRequests += 1;
      return;
    }
    // RequestHandler answers "OK" once the body is read, before the action runs.
    this.send(this.queues.ok, [...frames.slice(0, -1), 'OK']);
    if (decoded.kind === 'invalid') this.counters.badRequests += 1;
    const answer = this.answer(decoded);
    const fate = faulty ? this.faults.replyFate() : NO_FAULT;
    if (fate.drop) this.counters.droppedReplies += 1;
    else {
      // The EA is single-threaded: a slow reply holds up the next request too.
      if (fate.delayMs > 0) {
        this.counters.delayedReplies += 1;
        await this.pause(fate.delayMs);
        if (this.disposed) return;
      }
      if (fate.copies === 2) this.counters.duplicatedReplies += 1;
      for (let copy = 0; copy < fate.copies; copy += 1) {
        for (const reply of answer.replies) this.send(this.queues.data, [JSON.stringify(reply)]);
      }
    }
    for (const event of answer.events) this.send(this.queues.events, [JSON.stringify(event)]);
  }

  /** Runs the action and writes what it changed before anything about it is sent. */
  private answer(decoded: DecodedMql5): Mql5Answer {
    try {
      return this.actions.handle(decoded, Date.now());
    } catch (error) {
      this.logger.error({ err: error }, 'MQL5 action failed');
      return { replies: [], events: [] };
    } finally {
      this.persist();
    }
  }

  private isFaulty(decoded: DecodedMql5): boolean {
    const only = this.options.faultActions;
    if (!only) return true;
    return decoded.kind === 'request' && (only as readonly string[]).includes(decoded.request.action);
  }

  private persist(): void {
    const changes = this.engine.takeChanges();
    if (changes) this.store?.apply(changes);
  }

  /** Moves every price (filling resting orders it crosses) and streams TICK subscriptions. */
  private tick(walk: QuoteWalk): void {
    const now = Date.now();
    // A stalled EA is frozen: OnTimer streams nothing either.
    const streaming = this.stallMs() > 0 ? new Set<string>() : new Set(this.actions.tickSymbols());
    try {
      for (const inst of SIM_INSTRUMENTS) {
        const symbol = inst.spec.symbol;
        const current = this.engine.quotePoints(symbol);
        if (!current) continue;
        const next = walk.next(inst, current);
        this.engine.setQuotePoints(symbol, next.bidPoints, next.askPoints, now);
        const quote = this.engine.quote(symbol);
        if (!quote || !streaming.has(symbol)) continue;
        this.send(this.queues.live, [JSON.stringify({ status: 'CONNECTED', symbol, timeframe: 'TICK', data: [now, quote.bid, quote.ask] })]);
      }
      this.persist();
    } catch (error) {
      this.logger.error({ err: error }, 'quote tick failed');
    }
  }

  private stallMs(): number {
    return this.faults.stallRemainingMs(Date.now() - this.startedAt);
  }

  /** Resolves after ms, or at once when the emulator is disposed. */
  private async pause(ms: number): Promise<void> {
    await delay(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  private send(queue: SendQueue, frames: Frames): void {
    if (!queue.push(frames)) this.counters.droppedSends += 1;
  }
}

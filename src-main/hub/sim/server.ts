// The simulated hub's composition: binds ROUTER/PUB, loads the state file, wires engine,
// dispatcher and request pipeline, runs the heartbeat and quote timers, persists every change
// before its reply or event goes out. Business rules live in engine.ts, message flow in the pipeline.
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import type { Quote } from '../../../src-shared/domain/market';
import { EVENT_TOPIC, MAX_REQUEST_BYTES, PROTOCOL_VERSION, type HelloResult } from '../protocol';
import { bindSockets, type BoundSockets } from './bind';
import { SimDispatcher } from './dispatch';
import { START_BALANCE_CENTS, SimEngine, type EngineSnapshot } from './engine';
import { FaultPlan } from './faults';
import { SIM_INSTRUMENTS } from './instruments';
import { SimHubOptions, type SimHubOptionsInput } from './options';
import { QuoteWalk } from './quotes';
import { deriveRandom } from './random';
import { RequestPipeline } from './request-pipeline';
import { SendQueue } from './send-queue';
import { StateStore } from './state-store';
import { newCounters, type Counters, type SimHubStats } from './stats';

export interface SimHub {
  readonly requests: string;
  readonly events: string;
  readonly hubId: string;
  readonly epoch: number;
  stats(): SimHubStats;
  dispose(): Promise<void>;
}

export interface SimHubEnv {
  /** Defaults to pino on stderr at options.logLevel. */
  readonly logger?: Logger;
}

/** Margin is notional / LEVERAGE (1:100). */
const LEVERAGE = 100;
const SEND_QUEUE_LIMIT = 10_000;
const EMPTY: EngineSnapshot = { orders: [], positions: [], balanceCents: START_BALANCE_CENTS, nextOrderSeq: 1 };

/** Starts a simulated hub in this process; it runs until dispose(). */
export async function startSimHub(input: SimHubOptionsInput = {}, env: SimHubEnv = {}): Promise<SimHub> {
  const options = SimHubOptions.parse(input);
  const logger = env.logger ?? pino({ level: options.logLevel }, pino.destination({ dest: 2, sync: true }));
  const sockets = await bindSockets(options.host, options.port);
  const store = options.stateFile ? new StateStore(options.stateFile) : undefined;
  try {
    const newHubId = (): string => `sim-${randomUUID().slice(0, 8)}`;
    const stored = store?.start(newHubId) ?? { hubId: newHubId(), epoch: 1, snapshot: EMPTY };
    const server = new SimHubServer(options, logger, sockets, store, stored.hubId, stored.epoch, stored.snapshot);
    server.start();
    const { requests, events } = sockets;
    logger.info({ requests, events, hubId: stored.hubId, epoch: stored.epoch, seed: options.seed }, 'simulated hub listening');
    return server;
  } catch (error) {
    store?.dispose();
    sockets.router.close();
    sockets.publisher.close();
    throw error;
  }
}

class SimHubServer implements SimHub {
  readonly requests: string;
  readonly events: string;
  private readonly startedAt = Date.now();
  private readonly counters: Counters = newCounters();
  private readonly engine: SimEngine;
  private readonly dispatcher: SimDispatcher;
  private readonly pipeline: RequestPipeline;
  private readonly walk: QuoteWalk;
  private readonly faults: FaultPlan;
  private readonly replies: SendQueue;
  private readonly eventsOut: SendQueue;
  private readonly timers = new Set<NodeJS.Timeout>();
  private heartbeatSeq = 0;
  private disposing: Promise<void> | undefined;

  constructor(
    private readonly options: SimHubOptions,
    private readonly logger: Logger,
    private readonly sockets: BoundSockets,
    private readonly store: StateStore | undefined,
    readonly hubId: string,
    readonly epoch: number,
    snapshot: EngineSnapshot,
  ) {
    this.requests = sockets.requests;
    this.events = sockets.events;
    this.engine = new SimEngine(SIM_INSTRUMENTS, snapshot, { dedupe: options.dedupe, leverage: LEVERAGE }, this.startedAt);
    this.walk = new QuoteWalk(deriveRandom(options.seed, 2));
    this.faults = new FaultPlan(options, deriveRandom(options.seed, 1));
    const onSendError = (error: unknown): void => this.logger.warn({ err: error }, 'send failed');
    this.replies = new SendQueue(sockets.router, SEND_QUEUE_LIMIT, onSendError);
    this.eventsOut = new SendQueue(sockets.publisher, SEND_QUEUE_LIMIT, onSendError);
    this.dispatcher = new SimDispatcher({
      engine: this.engine,
      counters: this.counters,
      hello: () => this.hello(),
      stats: () => this.stats(),
      publishQuote: (quote) => this.publishQuote(quote),
    });
    this.pipeline = new RequestPipeline({
      socket: sockets.router,
      replies: this.replies,
      faults: this.faults,
      counters: this.counters,
      logger,
      requestTimeoutMs: options.requestTimeoutMs,
      faultOps: options.faultOps ? new Set(options.faultOps) : undefined,
      startedAt: this.startedAt,
      execute: (op, args, now) => {
        const outcome = this.dispatcher.dispatch(op, args, now);
        this.commit();
        return outcome;
      },
    });
  }

  start(): void {
    this.pipeline.start();
    this.every(this.options.heartbeatMs, () => {
      // A stalled hub is a frozen one: it sends no heartbeats either, so consoles can tell.
      if (this.faults.stallRemainingMs(Date.now() - this.startedAt) > 0) return;
      const hb = { hubId: this.hubId, epoch: this.epoch, seq: this.heartbeatSeq, ts: Date.now() };
      this.heartbeatSeq += 1;
      this.publish(EVENT_TOPIC.heartbeat, hb);
    });
    if (this.options.quoteMs > 0) this.every(this.options.quoteMs, () => this.tickQuotes());
  }

  stats(): SimHubStats {
    return { hubId: this.hubId, epoch: this.epoch, startedAt: this.startedAt, ...this.counters };
  }

  dispose(): Promise<void> {
    this.disposing ??= this.shutdown();
    return this.disposing;
  }

  private async shutdown(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.replies.dispose();
    this.eventsOut.dispose();
    const stopped = this.pipeline.dispose();
    this.sockets.router.close();
    this.sockets.publisher.close();
    await stopped;
    this.store?.dispose();
  }

  private hello(): HelloResult {
    const o = this.options;
    return {
      hubId: this.hubId,
      epoch: this.epoch,
      protocol: PROTOCOL_VERSION,
      requestTimeoutMs: o.requestTimeoutMs,
      maxBackoffMs: o.maxBackoffMs,
      maxRetries: o.maxRetries,
      heartbeatMs: o.heartbeatMs,
      eventsPort: this.sockets.port + 1,
      symbols: this.engine.symbols().map((s) => s.symbol),
    };
  }

  /** Persists what the engine changed, then publishes the changed orders (state before events). */
  private commit(): void {
    const changes = this.engine.takeChanges();
    if (!changes) return;
    this.store?.apply(changes);
    for (const order of changes.orders) this.publish(EVENT_TOPIC.order, order);
  }

  private tickQuotes(): void {
    const now = Date.now();
    try {
      for (const inst of SIM_INSTRUMENTS) {
        const current = this.engine.quotePoints(inst.spec.symbol);
        if (!current) continue;
        const next = this.walk.next(inst, current);
        this.engine.setQuotePoints(inst.spec.symbol, next.bidPoints, next.askPoints, now);
        const quote = this.engine.quote(inst.spec.symbol);
        if (quote) this.publishQuote(quote);
      }
      this.commit();
    } catch (error) {
      this.logger.error({ err: error }, 'quote tick failed');
    }
  }

  private publishQuote(quote: Quote): void {
    this.publish(`${EVENT_TOPIC.quotePrefix}${quote.symbol}`, quote);
  }

  private publish(topic: string, body: unknown): void {
    const json = JSON.stringify(body);
    if (Buffer.byteLength(json) > MAX_REQUEST_BYTES || !this.eventsOut.push([topic, json])) {
      this.counters.droppedSends += 1;
    }
  }

  private every(ms: number, run: () => void): void {
    const tick = (): void => {
      this.timers.delete(timer);
      if (this.disposing) return;
      run();
      timer = setTimeout(tick, ms);
      this.timers.add(timer);
    };
    let timer = setTimeout(tick, ms);
    this.timers.add(timer);
  }
}

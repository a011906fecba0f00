// The origin gateway emulator's composition (`npm run hub -- --dialect origin`): the simulated
// hub's sockets, engine, state file, fault plan and request pipeline, speaking the origin wire
// through carrier.ts; ticks on PUB as single-frame JSON. Actions live in gateway.ts.
import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { z } from 'zod';
import { bindSockets, type BoundSockets } from '../bind';
import { START_BALANCE_CENTS, SimEngine } from '../engine';
import { FaultPlan } from '../faults';
import { SIM_INSTRUMENTS } from '../instruments';
import { SimHubOptions, type SimHubOptionsInput } from '../options';
import { fail, ok, type Outcome } from '../outcome';
import { QuoteWalk } from '../quotes';
import { deriveRandom } from '../random';
import { RequestPipeline } from '../request-pipeline';
import { SendQueue } from '../send-queue';
import type { SimHub, SimHubEnv } from '../server';
import { StateStore, type StoredHub } from '../state-store';
import { newCounters, type Counters, type SimHubStats } from '../stats';
import { OriginCarrier } from './carrier';
import { OriginGateway } from './gateway';
import { OriginLedger } from './ledger';
import { DecodedOrigin, originTime } from './wire';

/** MT5 accounts in the origin's examples run 1:100. */
const LEVERAGE = 100;
const SEND_QUEUE_LIMIT = 10_000;
const CarriedArgs = z.object({ origin: DecodedOrigin });

/** The position-ticket sidecar next to the state file (ledger.ts). */
export function originLedgerFile(stateFile: string): string {
  return `${stateFile}.origin.jsonl`;
}

/** Starts the origin gateway emulator in this process; it runs until dispose(). */
export async function startOriginGateway(input: SimHubOptionsInput = {}, env: SimHubEnv = {}): Promise<SimHub> {
  const options = SimHubOptions.parse(input);
  const logger = env.logger ?? pino({ level: options.logLevel }, pino.destination({ dest: 2, sync: true }));
  const sockets = await bindSockets(options.host, options.port);
  // Undone newest first if anything below throws, so a failed start leaves no port or lock held.
  const undo: Array<() => void> = [() => sockets.router.close(), () => sockets.publisher.close()];
  try {
    const store = options.stateFile === undefined ? undefined : new StateStore(options.stateFile);
    if (store) undo.push(() => store.dispose());
    const newHubId = (): string => `origin-${randomUUID().slice(0, 8)}`;
    const fresh = { orders: [], positions: [], balanceCents: START_BALANCE_CENTS, nextOrderSeq: 1 };
    const { hubId, epoch, snapshot } = store?.start(newHubId) ?? { hubId: newHubId(), epoch: 1, snapshot: fresh };
    const server = new OriginGatewayServer({ options, logger, sockets, store, stored: { hubId, epoch, snapshot } });
    server.start();
    const { requests, events } = sockets;
    logger.info({ requests, events, hubId, epoch }, 'origin gateway emulator listening');
    return { requests, events, hubId, epoch, stats: () => server.stats(), dispose: () => server.dispose() };
  } catch (error) {
    for (const step of undo.reverse()) step();
    throw error;
  }
}

/** What startOriginGateway opened for the server; the server closes it on dispose. */
interface Opened {
  readonly options: SimHubOptions;
  readonly logger: Logger;
  readonly sockets: BoundSockets;
  readonly store: StateStore | undefined;
  readonly stored: StoredHub;
}

class OriginGatewayServer {
  private readonly startedAt = Date.now();
  private readonly counters: Counters = newCounters();
  private readonly engine: SimEngine;
  /** Replies (through the carrier) and ticks, each serialised on its socket. */
  private readonly out: { readonly replies: SendQueue; readonly ticks: SendQueue };
  private readonly pipeline: RequestPipeline;
  private timer: NodeJS.Timeout | undefined;
  private disposing: Promise<void> | undefined;

  constructor(private readonly opened: Opened) {
    const { options, logger, sockets, stored } = opened;
    // The engine never deduplicates here: the gateway's only guard is its req_id cache.
    this.engine = new SimEngine(SIM_INSTRUMENTS, stored.snapshot, { dedupe: false, leverage: LEVERAGE }, this.startedAt);
    const ledger = new OriginLedger(options.stateFile && originLedgerFile(options.stateFile), stored.snapshot.nextOrderSeq);
    const gateway = new OriginGateway({ engine: this.engine, ledger, counters: this.counters, dedupe: options.dedupe, leverage: LEVERAGE });
    const carrier = new OriginCarrier(sockets.router);
    const onSendError = (error: unknown): void => logger.warn({ err: error }, 'send failed');
    this.out = {
      replies: new SendQueue(carrier, SEND_QUEUE_LIMIT, onSendError),
      ticks: new SendQueue(sockets.publisher, SEND_QUEUE_LIMIT, onSendError),
    };
    this.pipeline = new RequestPipeline({
      socket: carrier.requests(),
      replies: this.out.replies,
      faults: new FaultPlan(options, deriveRandom(options.seed, 1)),
      counters: this.counters,
      logger,
      requestTimeoutMs: options.requestTimeoutMs,
      faultOps: options.faultOps ? new Set(options.faultOps) : undefined,
      startedAt: this.startedAt,
      execute: (_op, args, now) => this.execute(gateway, args, now),
    });
  }

  start(): void {
    this.pipeline.start();
    if (this.opened.options.quoteMs <= 0) return;
    const walk = new QuoteWalk(deriveRandom(this.opened.options.seed, 2));
    this.timer = setInterval(() => this.tick(walk), this.opened.options.quoteMs);
  }

  stats(): SimHubStats {
    const { hubId, epoch } = this.opened.stored;
    return { hubId, epoch, startedAt: this.startedAt, ...this.counters };
  }

  dispose(): Promise<void> {
    this.disposing ??= this.shutdown();
    return this.disposing;
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.timer);
    this.out.replies.dispose();
    this.out.ticks.dispose();
    const stopped = this.pipeline.dispose();
    const { sockets, store } = this.opened;
    for (const socket of [sockets.router, sockets.publisher]) socket.close();
    await stopped;
    store?.dispose();
  }

  /** Answers one carried request; what it changed is on disk before the reply is sent. */
  private execute(gateway: OriginGateway, args: unknown, now: number): Outcome<unknown> {
    const carried = CarriedArgs.safeParse(args);
    if (!carried.success) return fail('INTERNAL', 'the origin carrier sent a request it did not decode');
    const reply = gateway.handle(carried.data.origin, now);
    this.persist();
    return ok(reply);
  }

  private persist(): void {
    const changes = this.engine.takeChanges();
    if (changes) this.opened.store?.apply(changes);
  }

  /** zmq_service.py publish_tick: one JSON frame {symbol, bid, ask, timestamp}, no topic frame. */
  private tick(walk: QuoteWalk): void {
    const now = Date.now();
    try {
      for (const { spec } of SIM_INSTRUMENTS) {
        const inst = this.engine.instrument(spec.symbol);
        const points = this.engine.quotePoints(spec.symbol);
        if (!inst || !points) continue;
        const next = walk.next(inst, points);
        this.engine.setQuotePoints(spec.symbol, next.bidPoints, next.askPoints, now);
        const quote = this.engine.quote(spec.symbol);
        const sent = quote && this.out.ticks.push([JSON.stringify({ symbol: quote.symbol, bid: quote.bid, ask: quote.ask, timestamp: originTime(now) })]);
        if (sent === false) this.counters.droppedSends += 1;
      }
      this.persist();
    } catch (error) {
      this.opened.logger.error({ err: error }, 'quote tick failed');
    }
  }
}

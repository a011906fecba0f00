// HubClient for the origin gateway (docs/dialects.md "origin"): the console's v1 operations mapped
// onto its actions, over REQ sockets (origin-request-channel.ts) and its PUB ticks. No hello: up
// when HEARTBEAT answers, timing from the dialect (origin-dialect.ts). ORDER_SEND is never retried.
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ConnectionInfo, ConnectionState, HubInfo, Timing } from '../../../src-shared/ipc/contract';
import type { Quote } from '../../../src-shared/domain/market';
import type { HubOrder } from '../../../src-shared/domain/order';
import { Emitter } from '../../../src-shared/util/emitter';
import { HubRequestError } from '../hub-client';
import type { AttemptFinished, HubClient, HubClientStats, HubTrafficCounters } from '../hub-client';
import { isHubSilent } from '../liveness';
import type { HubOp, OpArgs, OpResult } from '../protocol';
import { RejectionLog } from '../rejection-log';
import { callWithRetry, retryScope } from '../retry-policy';
import type { RetryListener } from '../retry-policy';
import { ORIGIN_HEARTBEAT_MS, decideOriginTiming, originEventsEndpoint, originHubInfo } from './origin-dialect';
import { OriginOperations } from './origin-operations';
import { OriginRequestChannel } from './origin-request-channel';
import { OriginTickStream } from './origin-tick-stream';

export interface OriginHubClientOptions {
  /** The gateway's REQ endpoint (5555 in its documentation); ticks come from the next port. */
  address: string;
  embedded: boolean;
  /** A per-attempt timeout from the settings; refused if shorter than the dialect's. */
  configuredTimeoutMs?: number | undefined;
  configuredMaxRetries?: number | undefined;
  configuredMaxBackoffMs?: number | undefined;
  /** The operations that may be retried (default: every idempotent one); placeOrder never is. */
  retryOps?: readonly string[] | undefined;
  logger: Logger;
  retryListener?: RetryListener;
}

const WATCHDOG_MS = 250;
const REFUSAL_DELAY_MS = 50;

export class OriginHubClient implements HubClient {
  private readonly changed = new Emitter<ConnectionInfo>();
  private readonly restarted = new Emitter<{ previous: HubInfo; current: HubInfo }>();
  private readonly connected = new Emitter<HubInfo>();
  private readonly quote = new Emitter<Quote>();
  private readonly order = new Emitter<HubOrder>();
  private readonly attemptFinished = new Emitter<AttemptFinished>();
  readonly onDidFinishAttempt = this.attemptFinished.event;
  readonly onDidChangeConnection = this.changed.event;
  /** Never fires: nothing the gateway answers changes when it restarts (docs/dialects.md). */
  readonly onDidRestartHub = this.restarted.event;
  readonly onDidConnect = this.connected.event;
  readonly onDidReceiveQuote = this.quote.event;
  /** Never fires: the gateway publishes no order events. */
  readonly onDidReceiveOrder = this.order.event;

  private readonly counters: HubTrafficCounters = { requestsSent: 0, repliesReceived: 0, timeouts: 0, retries: 0, giveUps: 0, socketsReplaced: 0 };
  private readonly rejections: RejectionLog;
  private readonly channel: OriginRequestChannel;
  private readonly ops: OriginOperations;
  private readonly retryListener: RetryListener;
  private readonly retryOps: ReadonlySet<HubOp>;
  private readonly timing: Timing | undefined;
  /** Why the configured settings refuse this dialect's timing, published once start() runs. */
  private readonly refusal: string | null;
  private readonly lifetime = new AbortController();
  /** The latest tick per symbol: the gateway has no quote request, so `quotes` answers from these. */
  private readonly quotes = new Map<string, Quote>();
  private nextCall = 1;
  private ticks: OriginTickStream | undefined;
  private info: ConnectionInfo;
  private lastHeardAt = 0;
  private lastTroubleAt = 0;
  private heartbeatInFlight = false;
  private timers: NodeJS.Timeout[] = [];
  private reconnectTimer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(private readonly options: OriginHubClientOptions) {
    setMaxListeners(0, this.lifetime.signal);
    const limits = { maxRetries: options.configuredMaxRetries, maxBackoffMs: options.configuredMaxBackoffMs };
    const decision = decideOriginTiming(options.configuredTimeoutMs, limits);
    this.timing = decision.ok ? decision.timing : undefined;
    this.refusal = decision.ok ? null : `origin gateway dialect: ${decision.refusal}`;
    this.info = { state: 'connecting', address: options.address, hub: null, timing: this.timing ?? null, lastHeartbeatAt: null, since: Date.now(), outage: null, refusal: null };
    const scope = retryScope(options.retryOps);
    this.retryOps = scope.ops;
    this.rejections = new RejectionLog(options.logger);
    this.channel = new OriginRequestChannel(options.address, options.logger, this.counters, this.rejections, (ms) => this.onReply(ms));
    this.ops = new OriginOperations(this.channel, () => this.quotes, options.logger, this.rejections);
    this.retryListener = {
      onRetry: (event) => {
        if (event.kind === 'retry') this.counters.retries += 1;
        else this.counters.giveUps += 1;
        this.trouble();
        options.logger.warn({ retry: event }, `${event.op} ${event.kind === 'retry' ? 'retried' : 'given up'}: ${event.code}`);
        options.retryListener?.onRetry(event);
      },
      onSettled: (callId, outcome) => options.retryListener?.onSettled(callId, outcome),
    };
  }

  get connection(): ConnectionInfo {
    return this.info;
  }

  get hub(): HubInfo | null {
    return this.info.hub;
  }

  stats(): HubClientStats {
    const rejected = this.rejections.snapshot();
    const unmatchedReplies = rejected.unknown_id + rejected.late_reply + rejected.duplicate_reply;
    const total = Object.values(rejected).reduce((sum, count) => sum + count, 0);
    return { ...this.counters, rejected, unmatchedReplies, invalidMessages: total - unmatchedReplies };
  }

  start(): void {
    const refusal = this.refusal;
    if (refusal) {
      // Refused before anything is sent, as a v1 hello with a longer timeout would be; told shortly
      // after start, like an answer, so a caller that exits on it finds its logger ready.
      this.timers = [
        setTimeout(() => {
          this.options.logger.error({ configuredTimeoutMs: this.options.configuredTimeoutMs }, refusal);
          this.update({ refusal });
        }, REFUSAL_DELAY_MS),
      ];
      return;
    }
    const ticks = new OriginTickStream(originEventsEndpoint(this.options.address), this.options.logger, this.rejections);
    ticks.onQuote((quote) => {
      const last = this.quotes.get(quote.symbol);
      if (!last || last.ts <= quote.ts) this.quotes.set(quote.symbol, quote);
      this.quote.fire(quote);
    });
    ticks.start();
    this.ticks = ticks;
    this.timers = [setInterval(() => void this.heartbeat(), ORIGIN_HEARTBEAT_MS), setInterval(() => this.checkLiveness(), WATCHDOG_MS)];
    void this.heartbeat();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    if (this.refusal || !this.timing) throw new HubRequestError('NOT_CONNECTED', this.refusal ?? 'refused', false);
    if (!this.info.hub) throw new HubRequestError('NOT_CONNECTED', `not connected to the origin gateway at ${this.options.address} yet`, false);
    const timing = this.timing;
    const once = (): Promise<OpResult<O>> => this.attempt(op, () => this.ops.run(op, args, timing));
    // placeOrder is never in retryOps (retry-policy.ts), whatever the settings say.
    if (!this.retryOps.has(op)) return once();
    return callWithRetry(`origin-${this.nextCall++}`, op, timing, this.retryListener, once, this.lifetime.signal);
  }

  private async attempt<T>(op: string, run: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    try {
      const result = await run();
      this.attemptFinished.fire({ op, ms: performance.now() - startedAt, outcome: 'ok', code: null });
      return result;
    } catch (error) {
      const code = error instanceof HubRequestError ? error.code : 'INTERNAL';
      this.attemptFinished.fire({ op, ms: performance.now() - startedAt, outcome: code === 'TIMEOUT' ? 'timeout' : 'error', code });
      throw error;
    }
  }

  /** The gateway's only sign of life: a HEARTBEAT answered. One at a time, never retried. */
  private async heartbeat(): Promise<void> {
    if (this.heartbeatInFlight || this.disposed || !this.timing) return;
    this.heartbeatInFlight = true;
    try {
      await this.ops.heartbeat(this.timing.attemptTimeoutMs);
      this.info = { ...this.info, lastHeartbeatAt: Date.now() };
      this.heard();
      const state = this.info.state;
      if (state === 'connecting' || state === 'reconnecting') this.onUp();
    } catch (error) {
      this.options.logger.debug({ err: error }, 'origin HEARTBEAT failed');
    } finally {
      this.heartbeatInFlight = false;
    }
  }

  private onUp(): void {
    const hub = originHubInfo(this.options.address, this.options.embedded);
    this.update({ state: 'up', hub, outage: this.endedOutage() });
    this.options.logger.info({ hub, timing: this.timing }, 'origin gateway answered HEARTBEAT: up');
    // Fired on every (re)connect: the console relists its orders and reconciles, which also covers
    // a gateway restart the dialect cannot announce.
    this.connected.fire(hub);
  }

  private onReply(roundTripMs: number): void {
    this.heard();
    if (roundTripMs > (this.info.hub?.requestTimeoutMs ?? Number.POSITIVE_INFINITY) / 2) this.trouble();
  }

  private heard(): void {
    this.lastHeardAt = Date.now();
    if (this.info.state === 'down' && this.info.hub && this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.update({ state: 'up', outage: this.endedOutage() });
    }
  }

  private trouble(): void {
    this.lastTroubleAt = Date.now();
    if (this.info.state === 'up') this.update({ state: 'degraded' });
  }

  private checkLiveness(): void {
    const { hub, state } = this.info;
    if (!hub || (state !== 'up' && state !== 'degraded')) return;
    const now = Date.now();
    if (isHubSilent(now, this.lastHeardAt, hub.heartbeatMs)) {
      this.options.logger.warn({ silentMs: now - this.lastHeardAt }, 'origin gateway silent for 3 heartbeats: down');
      this.update({ state: 'down', outage: { startedAt: this.lastHeardAt, endedAt: null } });
      this.reconnectTimer = setTimeout(() => this.reconnect(), hub.heartbeatMs);
    } else if (state === 'degraded' && now - this.lastTroubleAt > 3 * hub.heartbeatMs) {
      this.update({ state: 'up' });
    }
  }

  private reconnect(): void {
    this.reconnectTimer = undefined;
    if (this.disposed || this.info.state !== 'down') return;
    // A request queued on an old socket must not reach the gateway after it comes back.
    this.channel.replace('reconnecting after the origin gateway went silent');
    this.update({ state: 'reconnecting' });
  }

  private endedOutage(): ConnectionInfo['outage'] {
    const outage = this.info.outage;
    return outage && outage.endedAt === null ? { ...outage, endedAt: Date.now() } : outage;
  }

  private update(patch: Partial<ConnectionInfo> & { state?: ConnectionState }): void {
    const stateChanged = patch.state !== undefined && patch.state !== this.info.state;
    this.info = { ...this.info, ...patch, ...(stateChanged ? { since: Date.now() } : {}) };
    this.changed.fire(this.info);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.lifetime.abort();
    for (const timer of this.timers) clearInterval(timer);
    clearTimeout(this.reconnectTimer);
    this.channel.dispose();
    this.ticks?.dispose();
    this.rejections.dispose();
    for (const emitter of [this.changed, this.restarted, this.connected, this.quote, this.order, this.attemptFinished]) emitter.dispose();
  }
}

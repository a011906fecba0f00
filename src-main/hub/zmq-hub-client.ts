// Hub client for hub protocol v1 over ZeroMQ (DEALER for requests, SUB for events): hello
// handshake, deadlines taken from the hub, retries of idempotent calls, and the connection state
// machine connecting -> up -> degraded -> down -> reconnecting -> up shown in the UI.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ConnectionInfo, ConnectionState, HubInfo, Timing } from '../../src-shared/ipc/contract';
import type { Quote } from '../../src-shared/domain/market';
import type { HubOrder } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import { HubEventStream } from './event-stream';
import { HubRequestError } from './hub-client';
import type { AttemptFinished, HubClient, HubClientStats, HubTrafficCounters } from './hub-client';
import { isHubSilent } from './liveness';
import type { HeartbeatEvent, HelloResult, HubOp, OpArgs, OpResult } from './protocol';
import { RejectionLog } from './rejection-log';
import { RequestChannel } from './request-channel';
import { IDEMPOTENT_OPS, callWithRetry, retryScope } from './retry-policy';
import type { RetryEvent, RetryListener } from './retry-policy';
import { decideTiming, initialTiming } from './timing';
import type { ConfiguredRetryLimits } from './timing';

export interface ZmqHubClientOptions {
  /** The hub's request endpoint, tcp://HOST:PORT. */
  address: string;
  embedded: boolean;
  clientName: string;
  clientVersion: string;
  /** Timeout for the first hello, before the hub's own timing is known. */
  initialRequestTimeoutMs: number;
  /** A per-attempt timeout from the settings; refused if shorter than the hub's. */
  configuredTimeoutMs?: number | undefined;
  /** Retries of an idempotent call from the settings; the hub's when absent; refused if above it. */
  configuredMaxRetries?: number | undefined;
  /** Backoff cap from the settings; the hub's when absent; refused if above it. */
  configuredMaxBackoffMs?: number | undefined;
  /** The operations that may be retried (default: every idempotent one); placeOrder never is. */
  retryOps?: readonly string[] | undefined;
  logger: Logger;
  /** Where retries and give-ups go (the retry log). */
  retryListener?: RetryListener;
}

const WATCHDOG_MS = 250;

export class ZmqHubClient implements HubClient {
  private readonly changed = new Emitter<ConnectionInfo>();
  private readonly restarted = new Emitter<{ previous: HubInfo; current: HubInfo }>();
  private readonly connected = new Emitter<HubInfo>();
  private readonly quote = new Emitter<Quote>();
  private readonly order = new Emitter<HubOrder>();
  private readonly attemptFinished = new Emitter<AttemptFinished>();
  readonly onDidFinishAttempt = this.attemptFinished.event;
  readonly onDidChangeConnection = this.changed.event;
  readonly onDidRestartHub = this.restarted.event;
  readonly onDidConnect = this.connected.event;
  readonly onDidReceiveQuote = this.quote.event;
  readonly onDidReceiveOrder = this.order.event;

  private readonly counters: HubTrafficCounters = {
    requestsSent: 0,
    repliesReceived: 0,
    timeouts: 0,
    retries: 0,
    giveUps: 0,
    socketsReplaced: 0,
  };
  /** Replies and events refused at the boundary, across every socket this client opens. */
  private readonly rejections: RejectionLog;
  private readonly channel: RequestChannel;
  private readonly retryListener: RetryListener;
  private readonly retryOps: ReadonlySet<HubOp>;
  private readonly limits: ConfiguredRetryLimits;
  private readonly callPrefix = randomBytes(3).toString('hex');
  private nextCall = 1;
  private events: HubEventStream | undefined;
  private info: ConnectionInfo;
  private lastHeardAt = 0;
  private lastTroubleAt = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private helloRunning = false;
  private disposed = false;
  /** Aborted on dispose: retries in backoff stop at once instead of outliving the client. */
  private readonly lifetime = new AbortController();

  constructor(private readonly options: ZmqHubClientOptions) {
    // Every call in a retry listens for the client closing; many may be retrying at once.
    setMaxListeners(0, this.lifetime.signal);
    const now = Date.now();
    this.info = { state: 'connecting', address: options.address, hub: null, timing: null, lastHeartbeatAt: null, since: now, outage: null, refusal: null };
    const scope = retryScope(options.retryOps);
    this.retryOps = scope.ops;
    if (scope.ignored.length > 0) options.logger.warn({ ignored: scope.ignored }, `never retried (not idempotent): ${scope.ignored.join(', ')}`);
    this.limits = { maxRetries: options.configuredMaxRetries, maxBackoffMs: options.configuredMaxBackoffMs };
    this.rejections = new RejectionLog(options.logger);
    this.channel = new RequestChannel(options.address, options.logger, this.counters, this.rejections, (ms) => this.onReply(ms));
    this.retryListener = {
      onRetry: (event: RetryEvent) => {
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
    this.watchdog = setInterval(() => this.checkLiveness(), WATCHDOG_MS);
    void this.helloLoop();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    if (this.info.refusal) throw new HubRequestError('NOT_CONNECTED', this.info.refusal, false);
    if (!this.info.hub && op !== 'hello') {
      throw new HubRequestError('NOT_CONNECTED', `not connected to the hub at ${this.options.address} yet`, false);
    }
    const timing = this.info.timing ?? initialTiming(this.options.initialRequestTimeoutMs, this.limits);
    const once = (): Promise<OpResult<O>> => this.attempt(op, args, timing);
    // Sent once: placeOrder (never retried), and idempotent calls the settings exclude from retries.
    if (!this.retryOps.has(op)) return once();
    return callWithRetry(`${this.callPrefix}-${this.nextCall++}`, op, timing, this.retryListener, once, this.lifetime.signal);
  }

  private async attempt<O extends HubOp>(op: O, args: OpArgs<O>, timing: Timing): Promise<OpResult<O>> {
    const startedAt = performance.now();
    try {
      // The channel resolves only with a result that passed operations[op].result.
      const result = (await this.channel.request(op, args, { timeoutMs: timing.attemptTimeoutMs, idempotent: IDEMPOTENT_OPS.has(op) })) as OpResult<O>;
      this.attemptFinished.fire({ op, ms: performance.now() - startedAt, outcome: 'ok', code: null });
      return result;
    } catch (error) {
      const code = error instanceof HubRequestError ? error.code : 'INTERNAL';
      this.attemptFinished.fire({ op, ms: performance.now() - startedAt, outcome: code === 'TIMEOUT' ? 'timeout' : 'error', code });
      throw error;
    }
  }

  private async helloLoop(): Promise<void> {
    if (this.helloRunning) return;
    this.helloRunning = true;
    try {
      while (!this.disposed && !this.info.refusal) {
        try {
          this.onHello(await this.request('hello', { client: this.options.clientName, version: this.options.clientVersion }));
          return;
        } catch (error) {
          this.options.logger.warn({ err: error }, 'hello to hub failed after its retries; trying again');
          await sleep((this.info.timing ?? initialTiming(this.options.initialRequestTimeoutMs, this.limits)).maxBackoffMs);
        }
      }
    } finally {
      this.helloRunning = false;
    }
  }

  private onHello(hello: HelloResult): void {
    const decision = decideTiming(hello, this.options.configuredTimeoutMs, this.limits);
    if (!decision.ok) {
      const hubTiming = { requestTimeoutMs: hello.requestTimeoutMs, maxRetries: hello.maxRetries, maxBackoffMs: hello.maxBackoffMs };
      this.options.logger.error({ hubTiming, configured: { requestTimeoutMs: this.options.configuredTimeoutMs, ...this.limits } }, decision.refusal);
      this.update({ refusal: decision.refusal });
      return;
    }
    if (decision.timing.warning) this.options.logger.warn(decision.timing.warning);
    const current: HubInfo = {
      address: this.options.address,
      embedded: this.options.embedded,
      hubId: hello.hubId,
      epoch: hello.epoch,
      requestTimeoutMs: hello.requestTimeoutMs,
      maxBackoffMs: hello.maxBackoffMs,
      maxRetries: hello.maxRetries,
      heartbeatMs: hello.heartbeatMs,
    };
    const previous = this.info.hub;
    const host = new URL(this.options.address.replace(/^tcp:/, 'http:')).hostname;
    const eventsEndpoint = `tcp://${host}:${hello.eventsPort}`;
    if (!this.events || this.events.endpoint !== eventsEndpoint) this.openEvents(eventsEndpoint);
    this.lastHeardAt = Date.now();
    this.update({ state: 'up', hub: current, timing: decision.timing, outage: this.endedOutage() });
    this.options.logger.info({ hub: current, timing: decision.timing }, 'hub hello answered');
    if (previous && (previous.hubId !== current.hubId || previous.epoch !== current.epoch)) {
      this.options.logger.warn({ previous, current }, 'hub restarted (new hubId or epoch)');
      this.restarted.fire({ previous, current });
    }
    this.connected.fire(current);
  }

  private openEvents(endpoint: string): void {
    this.events?.dispose();
    const events = new HubEventStream(endpoint, this.options.logger, this.rejections);
    events.onHeartbeat((hb) => this.onHeartbeat(hb));
    events.onQuote((q) => this.quote.fire(q));
    events.onOrder((o) => this.order.fire(o));
    // Order updates published while the event socket was replaced were missed: while the hub is up,
    // say so as a (re)connect, so the console lists the hub's orders again and reconciles.
    events.onDidReopen(() => {
      if (this.info.state === 'up' && this.info.hub) this.connected.fire(this.info.hub);
    });
    events.start();
    this.events = events;
  }

  private onHeartbeat(hb: HeartbeatEvent): void {
    this.heard();
    this.info = { ...this.info, lastHeartbeatAt: hb.ts };
    const hub = this.info.hub;
    // A heartbeat from another hub instance or epoch means a restart: take its hello again.
    if (hub && (hb.hubId !== hub.hubId || hb.epoch !== hub.epoch)) void this.helloLoop();
  }

  private onReply(roundTripMs: number): void {
    this.heard();
    const hub = this.info.hub;
    // A repeated or late reply, or one slower than half the hub's deadline, means trouble.
    if (roundTripMs < 0 || (hub && roundTripMs > hub.requestTimeoutMs / 2)) this.trouble();
  }

  private heard(): void {
    this.lastHeardAt = Date.now();
    // Heard again before the reconnect began: it was a blip, the socket is fine.
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
    const hub = this.info.hub;
    const state = this.info.state;
    if (!hub || (state !== 'up' && state !== 'degraded')) return;
    const now = Date.now();
    if (isHubSilent(now, this.lastHeardAt, hub.heartbeatMs)) {
      this.options.logger.warn({ hubId: hub.hubId, silentMs: now - this.lastHeardAt }, 'hub silent for 3 heartbeats: down');
      this.update({ state: 'down', outage: { startedAt: this.lastHeardAt, endedAt: null } });
      this.reconnectTimer = setTimeout(() => this.reconnect(), hub.heartbeatMs);
    } else if (state === 'degraded' && now - this.lastTroubleAt > 3 * hub.heartbeatMs) {
      this.update({ state: 'up' });
    }
  }

  private reconnect(): void {
    this.reconnectTimer = undefined;
    if (this.disposed || this.info.state !== 'down') return;
    // A request queued on the old socket must not reach the hub after it comes back.
    this.channel.replace('reconnecting after the hub went silent');
    this.update({ state: 'reconnecting' });
    void this.helloLoop();
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
    if (this.watchdog) clearInterval(this.watchdog);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.channel.dispose('the console is shutting down');
    this.events?.dispose();
    this.rejections.dispose();
    for (const emitter of [this.changed, this.restarted, this.connected, this.quote, this.order, this.attemptFinished]) emitter.dispose();
  }
}

function sleep(ms: number): Promise<void> {
  // unref: a pending backoff must not keep a disposed client's process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

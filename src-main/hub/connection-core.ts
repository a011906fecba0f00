// The connection state machine every HubClient dialect shares: connecting -> up -> degraded ->
// down -> reconnecting -> up, its events, traffic counters, retries and liveness watchdog. Knows no
// wire format: a dialect client extends it, owns its sockets and says when the hub answered.
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { ConnectionInfo, ConnectionState, HubInfo, Timing } from '../../src-shared/ipc/contract';
import type { Quote } from '../../src-shared/domain/market';
import type { HubOrder } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import { HubRequestError } from './hub-client';
import type { AttemptFinished, HubClient, HubClientStats, HubTrafficCounters } from './hub-client';
import { isHubSilent } from './liveness';
import type { HubOp, OpArgs, OpResult } from './protocol';
import { RejectionLog } from './rejection-log';
import { callWithRetry, retryScope } from './retry-policy';
import type { RetryEvent, RetryListener } from './retry-policy';

/** What every dialect client takes from the settings (timing, retries) and the composition root. */
export interface HubClientSettings {
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
  retryListener?: RetryListener | undefined;
}

export interface ConnectionCoreOptions extends Pick<HubClientSettings, 'retryOps' | 'logger' | 'retryListener'> {
  address: string;
  /** How logs name the peer ("hub", "origin gateway"). */
  label: string;
  /** Prefix of the call ids a retried call is logged under. */
  callPrefix: string;
  /** Timing known before any answer (a dialect's fixed timing); null until the hub tells it. */
  timing: Timing | null;
}

const WATCHDOG_MS = 250;

export abstract class ConnectionCore implements HubClient {
  protected readonly changed = new Emitter<ConnectionInfo>();
  protected readonly restarted = new Emitter<{ previous: HubInfo; current: HubInfo }>();
  protected readonly connected = new Emitter<HubInfo>();
  protected readonly quote = new Emitter<Quote>();
  protected readonly order = new Emitter<HubOrder>();
  private readonly attemptFinished = new Emitter<AttemptFinished>();
  readonly onDidFinishAttempt = this.attemptFinished.event;
  readonly onDidChangeConnection = this.changed.event;
  readonly onDidRestartHub = this.restarted.event;
  readonly onDidConnect = this.connected.event;
  readonly onDidReceiveQuote = this.quote.event;
  readonly onDidReceiveOrder = this.order.event;

  protected readonly counters: HubTrafficCounters = { requestsSent: 0, repliesReceived: 0, timeouts: 0, retries: 0, giveUps: 0, socketsReplaced: 0 };
  /** Replies and events refused at the boundary, across every socket the client opens. */
  protected readonly rejections: RejectionLog;
  /** Aborted on dispose: retries in backoff stop at once instead of outliving the client. */
  protected readonly lifetime = new AbortController();
  protected info: ConnectionInfo;
  protected disposed = false;
  private readonly retryListener: RetryListener;
  private readonly retryOps: ReadonlySet<HubOp>;
  private nextCall = 1;
  protected lastHeardAt = 0;
  private lastTroubleAt = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly core: ConnectionCoreOptions) {
    // Every call in a retry listens for the client closing; many may be retrying at once.
    setMaxListeners(0, this.lifetime.signal);
    this.info = { state: 'connecting', address: core.address, hub: null, timing: core.timing, lastHeartbeatAt: null, since: Date.now(), outage: null, refusal: null };
    const scope = retryScope(core.retryOps);
    this.retryOps = scope.ops;
    if (scope.ignored.length > 0) core.logger.warn({ ignored: scope.ignored }, `never retried (not idempotent): ${scope.ignored.join(', ')}`);
    this.rejections = new RejectionLog(core.logger);
    this.retryListener = {
      onRetry: (event: RetryEvent) => {
        if (event.kind === 'retry') this.counters.retries += 1;
        else this.counters.giveUps += 1;
        this.trouble();
        core.logger.warn({ retry: event }, `${event.op} ${event.kind === 'retry' ? 'retried' : 'given up'}: ${event.code}`);
        core.retryListener?.onRetry(event);
      },
      onSettled: (callId, outcome) => core.retryListener?.onSettled(callId, outcome),
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

  abstract start(): void;
  abstract request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>>;
  /** Replaces the sockets after the hub went silent, and starts asking it again. */
  protected abstract reconnect(): void;
  /** Closes the dialect's sockets and timers (the core's own are already stopped). */
  protected abstract closeSockets(): void;

  protected startWatchdog(): void {
    this.watchdog = setInterval(() => this.checkLiveness(), WATCHDOG_MS);
  }

  /** One request: once, or with retries when `op` is retryable (placeOrder never is). */
  protected send<O extends HubOp>(op: O, timing: Timing, once: () => Promise<OpResult<O>>): Promise<OpResult<O>> {
    // Sent once: placeOrder (never retried), and idempotent calls the settings exclude from retries.
    if (!this.retryOps.has(op)) return once();
    return callWithRetry(`${this.core.callPrefix}-${this.nextCall++}`, op, timing, this.retryListener, once, this.lifetime.signal);
  }

  /** One attempt, timed and reported through onDidFinishAttempt. */
  protected async attempt<T>(op: string, run: () => Promise<T>): Promise<T> {
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

  protected onReply(roundTripMs: number): void {
    this.heard();
    const hub = this.info.hub;
    // A repeated or late reply, or one slower than half the hub's deadline, means trouble.
    if (roundTripMs < 0 || (hub && roundTripMs > hub.requestTimeoutMs / 2)) this.trouble();
  }

  protected heard(): void {
    this.lastHeardAt = Date.now();
    // Heard again before the reconnect began: it was a blip, the socket is fine.
    if (this.info.state === 'down' && this.info.hub && this.reconnectTimer) {
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = undefined;
      this.update({ state: 'up', outage: this.endedOutage() });
    }
  }

  protected trouble(): void {
    this.lastTroubleAt = Date.now();
    if (this.info.state === 'up') this.update({ state: 'degraded' });
  }

  private checkLiveness(): void {
    const hub = this.info.hub;
    const state = this.info.state;
    if (!hub || (state !== 'up' && state !== 'degraded')) return;
    const now = Date.now();
    if (isHubSilent(now, this.lastHeardAt, hub.heartbeatMs)) {
      this.core.logger.warn({ hubId: hub.hubId, silentMs: now - this.lastHeardAt }, `${this.core.label} silent for 3 heartbeats: down`);
      this.update({ state: 'down', outage: { startedAt: this.lastHeardAt, endedAt: null } });
      this.reconnectTimer = setTimeout(() => this.beginReconnect(), hub.heartbeatMs);
    } else if (state === 'degraded' && now - this.lastTroubleAt > 3 * hub.heartbeatMs) {
      this.update({ state: 'up' });
    }
  }

  private beginReconnect(): void {
    this.reconnectTimer = undefined;
    if (this.disposed || this.info.state !== 'down') return;
    this.reconnect();
  }

  protected endedOutage(): ConnectionInfo['outage'] {
    const outage = this.info.outage;
    return outage && outage.endedAt === null ? { ...outage, endedAt: Date.now() } : outage;
  }

  protected update(patch: Partial<ConnectionInfo> & { state?: ConnectionState }): void {
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
    this.closeSockets();
    this.rejections.dispose();
    for (const emitter of [this.changed, this.restarted, this.connected, this.quote, this.order, this.attemptFinished]) emitter.dispose();
  }
}

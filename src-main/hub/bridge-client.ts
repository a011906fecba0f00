// What the MetaTrader 5 bridge clients (origin gateway, MQL5-JSON-API EA) share on top of
// ConnectionCore: no hello, so timing fixed by the dialect (refused at start, unsent, when the
// settings disagree); up on the first answered heartbeat; the latest tick per symbol, which answers
// quotes, and the dialect's fixed symbol list; ops the bridge never retries kept out of retryOps.
import type { Quote, SymbolSpec } from '../../src-shared/domain/market';
import { IDEMPOTENT_OPERATIONS } from '../../src-shared/domain/retry';
import type { HubDialect } from '../../src-shared/domain/dialects';
import type { HubInfo, Timing } from '../../src-shared/ipc/contract';
import { ConnectionCore } from './connection-core';
import type { HubClientSettings } from './connection-core';
import { HubRequestError } from './hub-client';
import type { HubOp, OpArgs, OpResult } from './protocol';
import { decideTiming } from './timing';
import type { HubTimingHello } from './timing';

export interface BridgeClientOptions extends HubClientSettings {
  /** The bridge's request endpoint; its other sockets are on the ports after it. */
  address: string;
  embedded: boolean;
}

/** A bridge dialect's fixed facts, as its *-dialect.ts states them. */
export interface BridgeFacts {
  readonly dialect: Exclude<HubDialect, 'v1'>;
  /** Names the hub (`origin@HOST:PORT`) and prefixes the ids retried calls are logged under. */
  readonly id: string;
  /** How errors and logs name the other end ("origin gateway", "MQL5 EA"). */
  readonly peer: string;
  /** How a refusal names the dialect. */
  readonly name: string;
  /** Stands in for v1's hello: the documented timing. */
  readonly timing: HubTimingHello;
  /** The bridge publishes no heartbeat: the console asks `heartbeatAction` this often. */
  readonly heartbeatMs: number;
  readonly heartbeatAction: string;
  /** From a send until an order missing from what the bridge lists may count as not received. */
  readonly authorityWindowMs: number;
  /** The bridge lists no symbols: these are offered for it (ticks for others are still shown). */
  readonly symbols: readonly SymbolSpec[];
  /** Operations never retried on this bridge whatever retryOps says (placeOrder never is anywhere). */
  readonly neverRetried: readonly HubOp[];
}

const REFUSAL_DELAY_MS = 50;

/** onDidRestartHub never fires: nothing a bridge answers changes when it restarts. */
export abstract class BridgeClient extends ConnectionCore {
  protected readonly timing: Timing | undefined;
  /** Why the configured settings refuse this dialect's timing, published once start() runs. */
  protected readonly refusal: string | null;
  /** The latest tick per symbol: a bridge has no quote request, so `quotes` answers from these. */
  protected readonly quotes = new Map<string, Quote>();
  private timers: NodeJS.Timeout[] = [];
  private heartbeatInFlight = false;

  constructor(
    protected readonly options: BridgeClientOptions,
    private readonly bridge: BridgeFacts,
  ) {
    const limits = { maxRetries: options.configuredMaxRetries, maxBackoffMs: options.configuredMaxBackoffMs };
    const decision = decideTiming(bridge.timing, options.configuredTimeoutMs, limits);
    const timing = decision.ok ? decision.timing : undefined;
    const retryOps = (options.retryOps ?? IDEMPOTENT_OPERATIONS).filter((op) => !(bridge.neverRetried as readonly string[]).includes(op));
    super({ address: options.address, logger: options.logger, label: bridge.peer, callPrefix: bridge.id, timing: timing ?? null, retryOps, retryListener: options.retryListener });
    this.timing = timing;
    this.refusal = decision.ok ? null : `${bridge.name} dialect: ${decision.refusal}`;
  }

  /** Opens the dialect's sockets; the first heartbeat follows at once. */
  protected abstract openSockets(): void;
  /** The dialect's sign of life, asked every heartbeatMs; resolves when answered. */
  protected abstract askAlive(timeoutMs: number): Promise<unknown>;
  /** One attempt of `op` in the dialect's actions. */
  protected abstract run<O extends HubOp>(op: O, args: OpArgs<O>, timing: Timing): Promise<OpResult<O>>;
  /** Replaces the request socket after the bridge went silent; `reason` is for its log. */
  protected abstract replaceChannel(reason: string): void;
  /** Closes the dialect's sockets (the timers are already stopped). */
  protected abstract closeChannels(): void;

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
    this.openSockets();
    this.timers = [setInterval(() => void this.heartbeat(), this.bridge.heartbeatMs)];
    this.startWatchdog();
    void this.heartbeat();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    if (this.refusal || !this.timing) throw new HubRequestError('NOT_CONNECTED', this.refusal ?? 'refused', false);
    if (!this.info.hub) throw new HubRequestError('NOT_CONNECTED', `not connected to the ${this.bridge.peer} at ${this.options.address} yet`, false);
    const timing = this.timing;
    // Answered from what the bridge client holds: neither dialect has a symbol or quote request.
    if (op === 'symbols') return [...this.bridge.symbols] as OpResult<O>;
    if (op === 'quotes') {
      const wanted = (args as { symbols?: string[] } | undefined)?.symbols;
      return [...this.quotes.values()].filter((quote) => !wanted || wanted.includes(quote.symbol)) as OpResult<O>;
    }
    // placeOrder is never in retryOps (retry-policy.ts), nor is what the bridge never retries.
    return this.send(op, timing, () => this.attempt(op, () => this.run(op, args, timing)));
  }

  /** Whether this heartbeat is skipped (the dialect may count a busy bridge as alive). */
  protected skipHeartbeat(): boolean {
    return false;
  }

  /** After a heartbeat answered while already up. */
  protected stillUp(_timing: Timing): void {}

  /** On every (re)connect, before onDidConnect fires. */
  protected cameUp(): void {}

  /** Keeps `quote` as its symbol's latest unless an older one; true when kept. */
  protected keepLatest(quote: Quote): boolean {
    const last = this.quotes.get(quote.symbol);
    if (last && last.ts > quote.ts) return false;
    this.quotes.set(quote.symbol, quote);
    return true;
  }

  /** One heartbeat at a time, never retried: its answer is the bridge's only sign of life. */
  private async heartbeat(): Promise<void> {
    const timing = this.timing;
    if (this.disposed || !timing || this.skipHeartbeat() || this.heartbeatInFlight) return;
    this.heartbeatInFlight = true;
    try {
      await this.askAlive(timing.attemptTimeoutMs);
      this.info = { ...this.info, lastHeartbeatAt: Date.now() };
      this.heard();
      const state = this.info.state;
      if (state === 'connecting' || state === 'reconnecting') this.onUp();
      else this.stillUp(timing);
    } catch (error) {
      this.options.logger.debug({ err: error }, `the ${this.bridge.peer} did not answer ${this.bridge.heartbeatAction}`);
    } finally {
      this.heartbeatInFlight = false;
    }
  }

  private onUp(): void {
    const hub = this.hubInfo();
    this.update({ state: 'up', hub, outage: this.endedOutage() });
    this.options.logger.info({ hub, timing: this.timing }, `${this.bridge.peer} answered ${this.bridge.heartbeatAction}: up`);
    this.cameUp();
    // Fired on every (re)connect: the console relists its orders and reconciles, which also covers
    // a bridge restart the dialect cannot announce.
    this.connected.fire(hub);
  }

  /** A bridge says nothing about itself: its id is its endpoint, and its epoch stays 1. */
  private hubInfo(): HubInfo {
    const { address, embedded } = this.options;
    const { timing, heartbeatMs, dialect, authorityWindowMs } = this.bridge;
    return {
      address,
      embedded,
      hubId: `${this.bridge.id}@${address.replace(/^tcp:\/\//, '')}`,
      epoch: 1,
      requestTimeoutMs: timing.requestTimeoutMs,
      maxBackoffMs: timing.maxBackoffMs,
      maxRetries: timing.maxRetries,
      heartbeatMs,
      dialect,
      authorityWindowMs,
    };
  }

  protected reconnect(): void {
    this.replaceChannel(`reconnecting after the ${this.bridge.peer} went silent`);
    this.update({ state: 'reconnecting' });
  }

  protected closeSockets(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.closeChannels();
  }
}

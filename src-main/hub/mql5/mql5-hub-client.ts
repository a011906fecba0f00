// HubClient for the MQL5-JSON-API expert advisor (docs/dialects.md "mql5-json-api"): the console's
// v1 operations as EA actions over its four sockets, one request at a time (mql5-channel.ts). No
// hello: up when BALANCE answers, timing from the dialect (mql5-dialect.ts). TRADE is never retried.
import type { Quote } from '../../../src-shared/domain/market';
import type { Timing } from '../../../src-shared/ipc/contract';
import { ConnectionCore } from '../connection-core';
import type { HubClientSettings } from '../connection-core';
import { EVENT_SOCKET_MAX_BYTES } from '../event-stream';
import { HubRequestError } from '../hub-client';
import { MAX_FRAME_BYTES, WireQuote } from '../protocol';
import type { HubOp, OpArgs, OpResult } from '../protocol';
import { Mql5Channel } from './mql5-channel';
import { MQL5_DEFAULT_SYMBOLS, MQL5_HEARTBEAT_MS, decideMql5Timing, mql5Endpoints, mql5HubInfo } from './mql5-dialect';
import { Mql5Operations } from './mql5-operations';
import { Mql5PullStream } from './mql5-pull-stream';
import { Mql5TradeEvents } from './mql5-trade-events';
import { Mql5Tick } from './mql5-wire';

/** configuredTimeoutMs is refused if shorter than the dialect's requestTimeoutMs. */
export interface Mql5HubClientOptions extends HubClientSettings {
  /** The EA's System endpoint (15555 by default); Data, Live and Streaming are the next three ports. */
  address: string;
  embedded: boolean;
}

const REFUSAL_DELAY_MS = 50;
/** A symbol with no tick for this long is subscribed again (the EA forgets CONFIG when it restarts). */
const TICKS_STALE_MS = 5000;

/**
 * onDidRestartHub never fires (the EA says nothing that changes when it restarts), nor does
 * onDidReceiveOrder (its trade events corroborate the console's own requests only).
 */
export class Mql5HubClient extends ConnectionCore {
  private readonly channel: Mql5Channel;
  private readonly events: Mql5TradeEvents;
  private readonly ticks: Mql5PullStream;
  private readonly ops: Mql5Operations;
  private readonly timing: Timing | undefined;
  private readonly refusal: string | null;
  /** The latest tick per symbol: the EA has no quote request, so `quotes` answers from these. */
  private readonly quotes = new Map<string, Quote>();
  /** When each symbol was last subscribed (CONFIG) and last ticked, by this console's clock. */
  private readonly subscribedAt = new Map<string, number>();
  private readonly tickedAt = new Map<string, number>();
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: Mql5HubClientOptions) {
    const limits = { maxRetries: options.configuredMaxRetries, maxBackoffMs: options.configuredMaxBackoffMs };
    const decision = decideMql5Timing(options.configuredTimeoutMs, limits);
    const timing = decision.ok ? decision.timing : undefined;
    super({ address: options.address, logger: options.logger, label: 'MQL5 expert advisor', callPrefix: 'mql5', timing: timing ?? null, retryOps: options.retryOps, retryListener: options.retryListener });
    this.timing = timing;
    this.refusal = decision.ok ? null : `MQL5-JSON-API dialect: ${decision.refusal}`;
    const endpoints = mql5Endpoints(options.address);
    const hooks = { onSignOfLife: () => this.heard(), onReply: (ms: number) => this.onReply(ms) };
    this.channel = new Mql5Channel(endpoints.system, endpoints.data, options.logger, this.counters, this.rejections, hooks);
    this.events = new Mql5TradeEvents(endpoints.events, options.logger, this.rejections);
    const live = { endpoint: endpoints.live, capBytes: MAX_FRAME_BYTES, socketMaxBytes: EVENT_SOCKET_MAX_BYTES, source: 'event', label: 'Live' } as const;
    this.ticks = new Mql5PullStream(live, options.logger, this.rejections, (value, frame) => this.onTick(value, frame));
    this.ops = new Mql5Operations(this.channel, this.events, () => this.quotes, options.logger, this.rejections);
  }

  start(): void {
    const refusal = this.refusal;
    if (refusal) {
      // Refused before anything is sent, as a v1 hello with a longer timeout would be.
      this.timers = [
        setTimeout(() => {
          this.options.logger.error({ configuredTimeoutMs: this.options.configuredTimeoutMs }, refusal);
          this.update({ refusal });
        }, REFUSAL_DELAY_MS),
      ];
      return;
    }
    this.channel.start();
    this.events.start();
    this.ticks.start();
    this.timers = [setInterval(() => void this.heartbeat(), MQL5_HEARTBEAT_MS)];
    this.startWatchdog();
    void this.heartbeat();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    if (this.refusal || !this.timing) throw new HubRequestError('NOT_CONNECTED', this.refusal ?? 'refused', false);
    if (!this.info.hub) throw new HubRequestError('NOT_CONNECTED', `not connected to the MQL5 EA at ${this.options.address} yet`, false);
    const timing = this.timing;
    const once = (): Promise<OpResult<O>> => this.attempt(op, () => this.ops.run(op, args, timing));
    // ORDER_CANCEL sent again after a lost answer is not the same request (the ticket may be gone):
    // sent once, like placeOrder, whatever retryOps says.
    if (op === 'cancelOrder') return once();
    return this.send(op, timing, once);
  }

  /** The EA's sign of life: BALANCE answered. Skipped while the serial queue is busy. */
  private async heartbeat(): Promise<void> {
    const timing = this.timing;
    if (this.disposed || !timing) return;
    if (this.channel.busy) {
      // The EA said "OK" to the request in flight: it is alive and working on it.
      if (this.channel.acknowledged) this.heard();
      return;
    }
    try {
      await this.ops.heartbeat(timing.attemptTimeoutMs);
      this.info = { ...this.info, lastHeartbeatAt: Date.now() };
      this.heard();
      const state = this.info.state;
      if (state === 'connecting' || state === 'reconnecting') this.onUp();
      else this.resubscribeOne(timing.attemptTimeoutMs);
    } catch (error) {
      this.options.logger.debug({ err: error }, 'MQL5 BALANCE heartbeat failed');
    }
  }

  private onUp(): void {
    const hub = mql5HubInfo(this.options.address, this.options.embedded);
    this.update({ state: 'up', hub, outage: this.endedOutage() });
    this.options.logger.info({ hub, timing: this.timing }, 'MQL5 EA answered BALANCE: up');
    for (const { symbol } of MQL5_DEFAULT_SYMBOLS) this.subscribe(symbol);
    // Fired on every (re)connect: the console relists its orders and reconciles.
    this.connected.fire(hub);
  }

  /** One symbol whose ticks went quiet is subscribed again (an EA restart forgets CONFIG). */
  private resubscribeOne(timeoutMs: number): void {
    const now = Date.now();
    const quiet = MQL5_DEFAULT_SYMBOLS.find(({ symbol }) => now - (this.tickedAt.get(symbol) ?? 0) > TICKS_STALE_MS && now - (this.subscribedAt.get(symbol) ?? 0) > TICKS_STALE_MS);
    if (quiet) this.subscribe(quiet.symbol, timeoutMs);
  }

  private subscribe(symbol: string, timeoutMs = this.timing?.attemptTimeoutMs ?? MQL5_HEARTBEAT_MS): void {
    this.subscribedAt.set(symbol, Date.now());
    this.ops.subscribe(symbol, timeoutMs).catch((error: unknown) => this.options.logger.debug({ err: error, symbol }, 'MQL5 tick subscription failed; asked again later'));
  }

  private onTick(value: unknown, frame: Buffer): void {
    const tick = Mql5Tick.safeParse(value);
    const quote = tick.success ? WireQuote.safeParse({ symbol: tick.data.symbol, bid: tick.data.data[1], ask: tick.data.data[2], ts: tick.data.data[0] }) : undefined;
    if (!quote?.success) return this.rejections.record('event', { reason: 'bad_event', detail: 'Live: not a tick {status CONNECTED, symbol, timeframe TICK, data [time_msc, bid ≤ ask]}' }, frame);
    this.tickedAt.set(quote.data.symbol, Date.now());
    const last = this.quotes.get(quote.data.symbol);
    if (last && last.ts > quote.data.ts) return;
    this.quotes.set(quote.data.symbol, quote.data);
    this.quote.fire(quote.data);
  }

  protected reconnect(): void {
    // The request in flight is abandoned; the next one goes behind a fence.
    this.channel.replace('reconnecting after the MQL5 EA went silent');
    this.update({ state: 'reconnecting' });
  }

  protected closeSockets(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.channel.dispose();
    this.events.dispose();
    this.ticks.dispose();
  }
}

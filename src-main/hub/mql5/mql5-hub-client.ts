// HubClient for the MQL5-JSON-API expert advisor (docs/dialects.md "mql5-json-api"): the console's
// v1 operations as EA actions over its four sockets, one request at a time (mql5-channel.ts). No
// hello: up when BALANCE answers, timing from the dialect (bridge-client.ts). TRADE is never retried.
import type { Timing } from '../../../src-shared/ipc/contract';
import { BridgeClient } from '../bridge-client';
import type { BridgeClientOptions } from '../bridge-client';
import { EVENT_SOCKET_MAX_BYTES } from '../event-stream';
import { JsonFrameStream } from '../json-frame-stream';
import { MAX_FRAME_BYTES, WireQuote } from '../protocol';
import type { HubOp, OpArgs, OpResult } from '../protocol';
import { Mql5Channel } from './mql5-channel';
import { MQL5_BRIDGE, MQL5_DEFAULT_SYMBOLS, MQL5_HEARTBEAT_MS, mql5Endpoints } from './mql5-dialect';
import { Mql5Operations } from './mql5-operations';
import { Mql5TradeEvents } from './mql5-trade-events';
import { Mql5Tick } from './mql5-wire';

/** configuredTimeoutMs is refused if shorter than the dialect's requestTimeoutMs. */
export interface Mql5HubClientOptions extends BridgeClientOptions {
  /** The EA's System endpoint (15555 by default); Data, Live and Streaming are the next three ports. */
  address: string;
}

/** A symbol with no tick for this long is subscribed again (the EA forgets CONFIG when it restarts). */
const TICKS_STALE_MS = 5000;

/**
 * onDidRestartHub never fires (the EA says nothing that changes when it restarts), nor does
 * onDidReceiveOrder (its trade events corroborate the console's own requests only).
 */
export class Mql5HubClient extends BridgeClient {
  private readonly channel: Mql5Channel;
  private readonly events: Mql5TradeEvents;
  private readonly ticks: JsonFrameStream;
  private readonly ops: Mql5Operations;
  /** When each symbol was last subscribed (CONFIG) and last ticked, by this console's clock. */
  private readonly subscribedAt = new Map<string, number>();
  private readonly tickedAt = new Map<string, number>();

  constructor(options: Mql5HubClientOptions) {
    super(options, MQL5_BRIDGE);
    const endpoints = mql5Endpoints(options.address);
    const hooks = { onSignOfLife: () => this.heard(), onReply: (ms: number) => this.onReply(ms) };
    this.channel = new Mql5Channel(endpoints.system, endpoints.data, options.logger, this.counters, this.rejections, hooks);
    this.events = new Mql5TradeEvents(endpoints.events, options.logger, this.rejections);
    const live = { endpoint: endpoints.live, socket: 'pull', capBytes: MAX_FRAME_BYTES, socketMaxBytes: EVENT_SOCKET_MAX_BYTES, source: 'event', label: 'MQL5 Live' } as const;
    this.ticks = new JsonFrameStream(live, options.logger, this.rejections, (value, frame) => this.onTick(value, frame));
    this.ops = new Mql5Operations(this.channel, this.events, () => this.quotes, options.logger, this.rejections);
  }

  protected openSockets(): void {
    this.channel.start();
    this.events.start();
    this.ticks.start();
  }

  protected askAlive(timeoutMs: number): Promise<void> {
    return this.ops.heartbeat(timeoutMs);
  }

  protected run<O extends HubOp>(op: O, args: OpArgs<O>, timing: Timing): Promise<OpResult<O>> {
    return this.ops.run(op, args, timing);
  }

  /**
   * ORDER_CANCEL sent again after a lost answer is not the same request (the ticket may be gone):
   * sent once, like placeOrder, whatever retryOps says.
   */

  /** BALANCE waits behind the serial queue: skipped while it is busy. */
  protected override skipHeartbeat(): boolean {
    if (!this.channel.busy) return false;
    // The EA said "OK" to the request in flight: it is alive and working on it.
    if (this.channel.acknowledged) this.heard();
    return true;
  }

  protected override stillUp(timing: Timing): void {
    this.resubscribeOne(timing.attemptTimeoutMs);
  }

  protected override cameUp(): void {
    for (const { symbol } of MQL5_DEFAULT_SYMBOLS) this.subscribe(symbol);
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
    if (!quote?.success) return this.rejections.record('event', { reason: 'bad_event', detail: 'MQL5 Live: not a tick {status CONNECTED, symbol, timeframe TICK, data [time_msc, bid ≤ ask]}' }, frame);
    this.tickedAt.set(quote.data.symbol, Date.now());
    if (this.keepLatest(quote.data)) this.quote.fire(quote.data);
  }

  protected replaceChannel(reason: string): void {
    // The request in flight is abandoned; the next one goes behind a fence.
    this.channel.replace(reason);
  }

  protected closeChannels(): void {
    this.channel.dispose();
    this.events.dispose();
    this.ticks.dispose();
  }
}

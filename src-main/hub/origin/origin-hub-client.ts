// HubClient for the origin gateway (docs/dialects.md "origin"): the console's v1 operations mapped
// onto its actions, over REQ sockets (origin-request-channel.ts) and its PUB ticks. No hello: up
// when HEARTBEAT answers, timing from the dialect (origin-dialect.ts). ORDER_SEND is never retried.
import type { Quote } from '../../../src-shared/domain/market';
import type { Timing } from '../../../src-shared/ipc/contract';
import { ConnectionCore } from '../connection-core';
import type { HubClientSettings } from '../connection-core';
import { HubRequestError } from '../hub-client';
import type { HubOp, OpArgs, OpResult } from '../protocol';
import { ORIGIN_HEARTBEAT_MS, decideOriginTiming, originEventsEndpoint, originHubInfo } from './origin-dialect';
import { OriginOperations } from './origin-operations';
import { OriginRequestChannel } from './origin-request-channel';
import { OriginTickStream } from './origin-tick-stream';

/** configuredTimeoutMs is refused if shorter than the dialect's requestTimeoutMs. */
export interface OriginHubClientOptions extends HubClientSettings {
  /** The gateway's REQ endpoint (5555 in its documentation); ticks come from the next port. */
  address: string;
  embedded: boolean;
}

const REFUSAL_DELAY_MS = 50;

/**
 * onDidRestartHub never fires (nothing the gateway answers changes when it restarts,
 * docs/dialects.md), nor does onDidReceiveOrder (the gateway publishes no order events).
 */
export class OriginHubClient extends ConnectionCore {
  private readonly channel: OriginRequestChannel;
  private readonly ops: OriginOperations;
  private readonly timing: Timing | undefined;
  /** Why the configured settings refuse this dialect's timing, published once start() runs. */
  private readonly refusal: string | null;
  /** The latest tick per symbol: the gateway has no quote request, so `quotes` answers from these. */
  private readonly quotes = new Map<string, Quote>();
  private ticks: OriginTickStream | undefined;
  private heartbeatInFlight = false;
  private timers: NodeJS.Timeout[] = [];

  constructor(private readonly options: OriginHubClientOptions) {
    const limits = { maxRetries: options.configuredMaxRetries, maxBackoffMs: options.configuredMaxBackoffMs };
    const decision = decideOriginTiming(options.configuredTimeoutMs, limits);
    const timing = decision.ok ? decision.timing : undefined;
    super({ address: options.address, logger: options.logger, label: 'origin gateway', callPrefix: 'origin', timing: timing ?? null, retryOps: options.retryOps, retryListener: options.retryListener });
    this.timing = timing;
    this.refusal = decision.ok ? null : `origin gateway dialect: ${decision.refusal}`;
    this.channel = new OriginRequestChannel(options.address, options.logger, this.counters, this.rejections, (ms) => this.onReply(ms));
    this.ops = new OriginOperations(this.channel, () => this.quotes, options.logger, this.rejections);
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
    this.timers = [setInterval(() => void this.heartbeat(), ORIGIN_HEARTBEAT_MS)];
    this.startWatchdog();
    void this.heartbeat();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    if (this.refusal || !this.timing) throw new HubRequestError('NOT_CONNECTED', this.refusal ?? 'refused', false);
    if (!this.info.hub) throw new HubRequestError('NOT_CONNECTED', `not connected to the origin gateway at ${this.options.address} yet`, false);
    const timing = this.timing;
    // placeOrder is never in retryOps (retry-policy.ts), whatever the settings say.
    return this.send(op, timing, () => this.attempt(op, () => this.ops.run(op, args, timing)));
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

  protected reconnect(): void {
    // A request queued on an old socket must not reach the gateway after it comes back.
    this.channel.replace('reconnecting after the origin gateway went silent');
    this.update({ state: 'reconnecting' });
  }

  protected closeSockets(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.channel.dispose();
    this.ticks?.dispose();
  }
}

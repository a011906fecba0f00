// Hub client for hub protocol v1 over ZeroMQ (DEALER for requests, SUB for events): hello
// handshake, deadlines taken from the hub, retries of idempotent calls, and the connection state
// machine connecting -> up -> degraded -> down -> reconnecting -> up shown in the UI.
import { randomBytes } from 'node:crypto';
import type { HubInfo } from '../../src-shared/ipc/contract';
import { ConnectionCore } from './connection-core';
import type { HubClientSettings } from './connection-core';
import { HubEventStream } from './event-stream';
import { HubRequestError } from './hub-client';
import type { HeartbeatEvent, HelloResult, HubOp, OpArgs, OpResult } from './protocol';
import { RequestChannel } from './request-channel';
import { IDEMPOTENT_OPS } from './retry-policy';
import { decideTiming, initialTiming } from './timing';
import type { ConfiguredRetryLimits } from './timing';

export interface ZmqHubClientOptions extends HubClientSettings {
  /** The hub's request endpoint, tcp://HOST:PORT. */
  address: string;
  embedded: boolean;
  clientName: string;
  clientVersion: string;
  /** Timeout for the first hello, before the hub's own timing is known. */
  initialRequestTimeoutMs: number;
}

export class ZmqHubClient extends ConnectionCore {
  private readonly channel: RequestChannel;
  private readonly limits: ConfiguredRetryLimits;
  private events: HubEventStream | undefined;
  private helloRunning = false;

  constructor(private readonly options: ZmqHubClientOptions) {
    super({ address: options.address, logger: options.logger, label: 'hub', callPrefix: randomBytes(3).toString('hex'), timing: null, retryOps: options.retryOps, retryListener: options.retryListener });
    this.limits = { maxRetries: options.configuredMaxRetries, maxBackoffMs: options.configuredMaxBackoffMs };
    this.channel = new RequestChannel(options.address, options.logger, this.counters, this.rejections, (ms) => this.onReply(ms));
  }

  start(): void {
    this.startWatchdog();
    void this.helloLoop();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    if (this.info.refusal) throw new HubRequestError('NOT_CONNECTED', this.info.refusal, false);
    if (!this.info.hub && op !== 'hello') {
      throw new HubRequestError('NOT_CONNECTED', `not connected to the hub at ${this.options.address} yet`, false);
    }
    const timing = this.info.timing ?? initialTiming(this.options.initialRequestTimeoutMs, this.limits);
    // The channel resolves only with a result that passed operations[op].result.
    const once = (): Promise<OpResult<O>> =>
      this.attempt(op, async () => (await this.channel.request(op, args, { timeoutMs: timing.attemptTimeoutMs, idempotent: IDEMPOTENT_OPS.has(op) })) as OpResult<O>);
    return this.send(op, timing, once);
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

  protected reconnect(): void {
    // A request queued on the old socket must not reach the hub after it comes back.
    this.channel.replace('reconnecting after the hub went silent');
    this.update({ state: 'reconnecting' });
    void this.helloLoop();
  }

  protected closeSockets(): void {
    this.channel.dispose('the console is shutting down');
    this.events?.dispose();
  }
}

function sleep(ms: number): Promise<void> {
  // unref: a pending backoff must not keep a disposed client's process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

// Hub client for hub protocol v1 over ZeroMQ (DEALER for requests, SUB for events): hello
// handshake, hub-aligned deadlines, heartbeat liveness and the connection state shown in the UI.
import type { Logger } from 'pino';
import type { ConnectionInfo, ConnectionState, HubInfo } from '../../src-shared/ipc/contract';
import type { Quote } from '../../src-shared/domain/market';
import type { HubOrder } from '../../src-shared/domain/order';
import { Emitter } from '../../src-shared/util/emitter';
import { HubEventStream } from './event-stream';
import { HubRequestError } from './hub-client';
import type { HubClient, HubClientStats } from './hub-client';
import { attemptTimeoutMs, helloBackoffMs, isHubSilent } from './liveness';
import { operations } from './protocol';
import type { HeartbeatEvent, HelloResult, HubOp, OpArgs, OpResult } from './protocol';
import { RequestChannel } from './request-channel';

export interface ZmqHubClientOptions {
  /** The hub's request endpoint, tcp://HOST:PORT. */
  address: string;
  embedded: boolean;
  clientName: string;
  clientVersion: string;
  /** Timeout for the first hello, before the hub's own timing is known. */
  initialRequestTimeoutMs: number;
  logger: Logger;
}

export class ZmqHubClient implements HubClient {
  private readonly changed = new Emitter<ConnectionInfo>();
  private readonly restarted = new Emitter<{ previous: HubInfo; current: HubInfo }>();
  private readonly connected = new Emitter<HubInfo>();
  private readonly quote = new Emitter<Quote>();
  private readonly order = new Emitter<HubOrder>();
  readonly onDidChangeConnection = this.changed.event;
  readonly onDidRestartHub = this.restarted.event;
  readonly onDidConnect = this.connected.event;
  readonly onDidReceiveQuote = this.quote.event;
  readonly onDidReceiveOrder = this.order.event;

  private readonly counters: HubClientStats = {
    requestsSent: 0,
    repliesReceived: 0,
    timeouts: 0,
    unmatchedReplies: 0,
    invalidMessages: 0,
  };
  private readonly channel: RequestChannel;
  private events: HubEventStream | undefined;
  private state: ConnectionInfo;
  private lastHeardAt = 0;
  private watchdog: NodeJS.Timeout | undefined;
  private helloRunning = false;
  private disposed = false;

  constructor(private readonly options: ZmqHubClientOptions) {
    this.state = { state: 'connecting', address: options.address, hub: null, lastHeartbeatAt: null, since: Date.now() };
    this.channel = new RequestChannel(options.address, options.logger, this.counters, () => this.heard());
  }

  get connection(): ConnectionInfo {
    return this.state;
  }

  get hub(): HubInfo | null {
    return this.state.hub;
  }

  stats(): HubClientStats {
    return { ...this.counters, invalidMessages: this.counters.invalidMessages + (this.events?.invalidMessages ?? 0) };
  }

  start(): void {
    this.channel.start();
    this.watchdog = setInterval(() => this.checkLiveness(), 250);
    void this.helloLoop();
  }

  async request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the console is shutting down', false);
    const hub = this.state.hub;
    if (!hub && op !== 'hello') {
      throw new HubRequestError('NOT_CONNECTED', `not connected to the hub at ${this.options.address} yet`, false);
    }
    const timeoutMs = attemptTimeoutMs(hub?.requestTimeoutMs ?? this.options.initialRequestTimeoutMs);
    const raw = await this.channel.request(op, args, timeoutMs);
    const parsed = operations[op].result.safeParse(raw);
    if (!parsed.success) {
      this.counters.invalidMessages += 1;
      throw new HubRequestError('INTERNAL', `the hub's ${op} result failed validation`, true);
    }
    return parsed.data as OpResult<O>;
  }

  private async helloLoop(): Promise<void> {
    if (this.helloRunning) return;
    this.helloRunning = true;
    try {
      for (let attempt = 0; !this.disposed; attempt++) {
        try {
          const hello = await this.request('hello', { client: this.options.clientName, version: this.options.clientVersion });
          this.onHello(hello);
          return;
        } catch (error) {
          this.options.logger.warn({ err: error, attempt }, 'hello to hub failed; will try again');
          await sleep(helloBackoffMs(attempt));
        }
      }
    } finally {
      this.helloRunning = false;
    }
  }

  private onHello(hello: HelloResult): void {
    const host = new URL(this.options.address.replace(/^tcp:/, 'http:')).hostname;
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
    const previous = this.state.hub;
    const eventsEndpoint = `tcp://${host}:${hello.eventsPort}`;
    if (!this.events || this.events.endpoint !== eventsEndpoint) this.openEvents(eventsEndpoint);
    this.lastHeardAt = Date.now();
    this.setState('up', current);
    this.options.logger.info({ hub: current }, 'hub hello answered');
    if (previous && (previous.hubId !== current.hubId || previous.epoch !== current.epoch)) {
      this.restarted.fire({ previous, current });
    }
    this.connected.fire(current);
  }

  private openEvents(endpoint: string): void {
    this.events?.dispose();
    const events = new HubEventStream(endpoint, this.options.logger);
    events.onHeartbeat((hb) => this.onHeartbeat(hb));
    events.onQuote((q) => this.quote.fire(q));
    events.onOrder((o) => this.order.fire(o));
    events.start();
    this.events = events;
  }

  private onHeartbeat(hb: HeartbeatEvent): void {
    this.heard();
    this.state = { ...this.state, lastHeartbeatAt: hb.ts };
    const hub = this.state.hub;
    // A heartbeat from another hub instance or epoch means a restart: take its hello again.
    if (hub && (hb.hubId !== hub.hubId || hb.epoch !== hub.epoch)) void this.helloLoop();
  }

  private heard(): void {
    this.lastHeardAt = Date.now();
    if (this.state.state === 'down' && this.state.hub) this.setState('up', this.state.hub);
  }

  private checkLiveness(): void {
    const hub = this.state.hub;
    if (!hub || this.state.state !== 'up') return;
    if (isHubSilent(Date.now(), this.lastHeardAt, hub.heartbeatMs)) {
      this.options.logger.warn({ hubId: hub.hubId }, 'hub silent for 3 heartbeats: down');
      this.setState('down', hub);
      void this.helloLoop();
    }
  }

  private setState(state: ConnectionState, hub: HubInfo | null): void {
    if (this.state.state === state && this.state.hub === hub) return;
    this.state = { ...this.state, state, hub, since: Date.now() };
    this.changed.fire(this.state);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    this.channel.dispose('the console is shutting down');
    this.events?.dispose();
    for (const emitter of [this.changed, this.restarted, this.connected, this.quote, this.order]) emitter.dispose();
  }
}

function sleep(ms: number): Promise<void> {
  // unref: a pending backoff must not keep a disposed client's process alive.
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

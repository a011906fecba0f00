// HubClient for the origin gateway (docs/dialects.md "origin"): the console's v1 operations mapped
// onto its actions, over REQ sockets (origin-request-channel.ts) and its PUB ticks. No hello: up
// when HEARTBEAT answers, timing from the dialect (bridge-client.ts). ORDER_SEND is never retried.
import type { Timing } from '../../../src-shared/ipc/contract';
import { BridgeClient } from '../bridge-client';
import type { BridgeClientOptions } from '../bridge-client';
import type { HubOp, OpArgs, OpResult } from '../protocol';
import { ORIGIN_BRIDGE, originEventsEndpoint } from './origin-dialect';
import { OriginOperations } from './origin-operations';
import { OriginRequestChannel } from './origin-request-channel';
import { OriginTickStream } from './origin-tick-stream';

/** configuredTimeoutMs is refused if shorter than the dialect's requestTimeoutMs. */
export interface OriginHubClientOptions extends BridgeClientOptions {
  /** The gateway's REQ endpoint (5555 in its documentation); ticks come from the next port. */
  address: string;
}

/**
 * onDidRestartHub never fires (nothing the gateway answers changes when it restarts,
 * docs/dialects.md), nor does onDidReceiveOrder (the gateway publishes no order events).
 */
export class OriginHubClient extends BridgeClient {
  private readonly channel: OriginRequestChannel;
  private readonly ops: OriginOperations;
  private readonly ticks: OriginTickStream;

  constructor(options: OriginHubClientOptions) {
    super(options, ORIGIN_BRIDGE);
    this.channel = new OriginRequestChannel(options.address, options.logger, this.counters, this.rejections, (ms) => this.onReply(ms));
    this.ops = new OriginOperations(this.channel, options.logger, this.rejections);
    this.ticks = new OriginTickStream(originEventsEndpoint(options.address), options.logger, this.rejections);
    this.ticks.onQuote((quote) => {
      // Forwarded even when older than the one kept (market-data.ts drops it there).
      this.keepLatest(quote);
      this.quote.fire(quote);
    });
  }

  protected openSockets(): void {
    this.ticks.start();
  }

  protected askAlive(timeoutMs: number): Promise<unknown> {
    return this.ops.heartbeat(timeoutMs);
  }

  protected run<O extends HubOp>(op: O, args: OpArgs<O>, timing: Timing): Promise<OpResult<O>> {
    return this.ops.run(op, args, timing);
  }

  protected replaceChannel(reason: string): void {
    // A request queued on an old socket must not reach the gateway after it comes back.
    this.channel.replace(reason);
  }

  protected closeChannels(): void {
    this.channel.dispose();
    this.ticks.dispose();
  }
}

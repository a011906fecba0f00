// A rogue hub for the boundary tests: real ROUTER and PUB sockets on 127.0.0.1 (free ports), a
// valid answer to every operation unless a test says otherwise, a valid heartbeat every second, and
// raw frames sent to the console on demand. Every send is serialised; dispose() closes both sockets.
import type { Publisher, Router } from 'zeromq';
import { bindSockets } from '../../src-main/hub/sim/bind';
import { PROTOCOL_VERSION } from '../../src-main/hub/protocol';
import { replyJson, sampleHello, sampleResult } from './hub-fuzz-frames';

export type Frames = Array<string | Buffer>;
export interface RogueRequest {
  op: string;
  id: string;
  args: Record<string, unknown>;
}
/** The messages (each its frames, after the routing identity) to answer a request with; none for silence. */
export type Answer = (request: RogueRequest) => Frames[];

export interface RogueHub {
  readonly requests: string;
  readonly events: string;
  /** Requests received, by operation, in order. */
  readonly received: RogueRequest[];
  /** Answers for these operations instead of the valid one. */
  answers: Partial<Record<string, Answer>>;
  /** Frames to the console's newest request socket, as if they were replies. */
  sendRaw(frames: Frames): Promise<void>;
  /** An event message of any frames. */
  publish(frames: Frames): Promise<void>;
  dispose(): Promise<void>;
}

const HEARTBEAT_MS = 1000;

export async function startRogueHub(): Promise<RogueHub> {
  const { router, publisher, requests, events, port } = await bindSockets('127.0.0.1', 0);
  return new Rogue(router, publisher, requests, events, port + 1);
}

class Rogue implements RogueHub {
  readonly received: RogueHub['received'] = [];
  answers: RogueHub['answers'] = {};
  private identity: Buffer | undefined;
  private routerSends: Promise<unknown> = Promise.resolve();
  private publisherSends: Promise<unknown> = Promise.resolve();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly loop: Promise<void>;
  private seq = 0;

  constructor(
    private readonly router: Router,
    private readonly publisher: Publisher,
    readonly requests: string,
    readonly events: string,
    private readonly eventsPort: number,
  ) {
    this.heartbeat = setInterval(() => {
      void this.publish(['hb', JSON.stringify({ hubId: 'rogue-1', epoch: 1, seq: this.seq++, ts: Date.now() })]);
    }, HEARTBEAT_MS);
    this.loop = this.receive();
  }

  private async receive(): Promise<void> {
    try {
      for await (const [identity, ...frames] of this.router) {
        const request = parse(frames[frames.length - 1]);
        if (!identity || !request) continue;
        this.identity = identity;
        this.received.push(request);
        const answer = this.answers[request.op]?.(request) ?? [[this.valid(request.op, request.id)]];
        for (const message of answer) await this.send(this.router, [identity, ...message]);
      }
    } catch (error) {
      if (!this.router.closed) throw error;
    }
  }

  private valid(op: string, id: string): string {
    if (op === 'hello') return replyJson(id, sampleHello(this.eventsPort));
    if (op === 'ping') return replyJson(id, { ts: Date.now() });
    return replyJson(id, sampleResult(op));
  }

  sendRaw(frames: Frames): Promise<void> {
    if (!this.identity) return Promise.reject(new Error('no request socket has spoken to the rogue hub yet'));
    return this.send(this.router, [this.identity, ...frames]);
  }

  publish(frames: Frames): Promise<void> {
    return this.send(this.publisher, frames);
  }

  /** zeromq.js refuses a send while another is in progress on the socket: one at a time. */
  private send(socket: Router | Publisher, frames: Frames): Promise<void> {
    const isRouter = socket === this.router;
    const sent = (isRouter ? this.routerSends : this.publisherSends).then(() => (socket.closed ? undefined : socket.send(frames)));
    if (isRouter) this.routerSends = sent.catch(() => undefined);
    else this.publisherSends = sent.catch(() => undefined);
    return sent;
  }

  async dispose(): Promise<void> {
    clearInterval(this.heartbeat);
    this.router.close();
    this.publisher.close();
    await this.loop;
  }
}

function parse(frame: Buffer | undefined): RogueRequest | undefined {
  try {
    const value = JSON.parse(frame?.toString('utf8') ?? '') as { v?: unknown; id?: unknown; op?: unknown; args?: unknown };
    if (value.v !== PROTOCOL_VERSION || typeof value.id !== 'string' || typeof value.op !== 'string') return undefined;
    return { op: value.op, id: value.id, args: (value.args ?? {}) as Record<string, unknown> };
  } catch {
    return undefined;
  }
}


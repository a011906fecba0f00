// The request socket (DEALER) of the hub client: ids, one serialised send at a time, a deadline per
// request, and replies matched by id. It never resends; a late or repeated reply is counted, not applied.
import { randomBytes } from 'node:crypto';
import { Dealer } from 'zeromq';
import type { Logger } from 'pino';
import { HubRequestError } from './hub-client';
import type { HubClientStats } from './hub-client';
import { MAX_REPLY_BYTES, MAX_REQUEST_BYTES, PROTOCOL_VERSION, ReplyEnvelope } from './protocol';

interface Pending {
  op: string;
  resolve: (result: unknown) => void;
  reject: (error: HubRequestError) => void;
  timer: NodeJS.Timeout;
}

/** How long a send may wait for a connected peer before the request counts as not sent. */
const SEND_WAIT_MS = 1000;

export class RequestChannel {
  private readonly socket = new Dealer({
    linger: 0,
    immediate: true,
    maxMessageSize: MAX_REPLY_BYTES,
    sendTimeout: SEND_WAIT_MS,
  });
  private readonly pending = new Map<string, Pending>();
  private readonly idPrefix = randomBytes(4).toString('hex');
  private nextId = 1;
  private sendChain: Promise<unknown> = Promise.resolve();

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
    private readonly stats: HubClientStats,
    private readonly onHeard: () => void,
  ) {}

  start(): void {
    this.socket.connect(this.endpoint);
    void this.receiveLoop();
  }

  /** Sends the request once and waits up to timeoutMs for its reply. */
  async request(op: string, args: unknown, timeoutMs: number): Promise<unknown> {
    const id = `${this.idPrefix}-${this.nextId++}`;
    const body = JSON.stringify({ v: PROTOCOL_VERSION, id, op, args: args ?? {} });
    if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) {
      throw new HubRequestError('BAD_INPUT', `request ${op} is over the hub's 1 MiB frame limit; not sent`, false);
    }
    const reply = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.stats.timeouts += 1;
        reject(new HubRequestError('TIMEOUT', `no reply to ${op} from the hub within ${timeoutMs} ms`, true));
      }, timeoutMs);
      this.pending.set(id, { op, resolve, reject, timer });
    });
    try {
      await this.enqueueSend(body);
      this.stats.requestsSent += 1;
    } catch (error) {
      this.settle(id)?.reject(new HubRequestError('NOT_CONNECTED', `${op} not sent: ${describe(error)}`, false));
    }
    return reply;
  }

  private enqueueSend(body: string): Promise<void> {
    const send = this.sendChain.then(() => this.socket.send(body));
    this.sendChain = send.catch(() => undefined);
    return send;
  }

  private settle(id: string): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    return entry;
  }

  private async receiveLoop(): Promise<void> {
    try {
      for await (const frames of this.socket) this.handleReply(frames);
    } catch (error) {
      if (!this.socket.closed) this.logger.error({ err: error }, 'hub request socket stopped');
    }
  }

  private handleReply(frames: Buffer[]): void {
    this.onHeard();
    const body = frames[frames.length - 1];
    let parsed: ReturnType<typeof ReplyEnvelope.safeParse>;
    try {
      parsed = ReplyEnvelope.safeParse(JSON.parse(body?.toString('utf8') ?? ''));
    } catch {
      this.invalid('reply is not JSON');
      return;
    }
    if (!parsed.success) {
      this.invalid('reply does not match the protocol envelope');
      return;
    }
    const reply = parsed.data;
    const entry = reply.id === null ? undefined : this.settle(reply.id);
    if (!entry) {
      this.stats.unmatchedReplies += 1;
      this.logger.warn({ id: reply.id, unmatchedReplies: this.stats.unmatchedReplies }, 'reply for no pending request ignored');
      return;
    }
    this.stats.repliesReceived += 1;
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new HubRequestError(reply.error.code, reply.error.message, true));
  }

  private invalid(reason: string): void {
    this.stats.invalidMessages += 1;
    this.logger.warn({ invalidMessages: this.stats.invalidMessages }, `hub reply dropped: ${reason}`);
  }

  /** Fails every pending request (the socket is going away) and closes the socket. */
  dispose(reason: string): void {
    for (const id of [...this.pending.keys()]) {
      this.settle(id)?.reject(new HubRequestError('TIMEOUT', `${reason}; no reply received`, true));
    }
    if (!this.socket.closed) this.socket.close();
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'EAGAIN') return 'no hub connection';
  return error instanceof Error ? error.message : String(error);
}

// The request side of the hub client: DEALER sockets, ids, one serialised send per socket, a
// deadline per request, replies matched by id and checked (inbound.ts) before anything is applied.
// It never resends. After a timeout the socket is replaced, so a request stuck in it cannot reach
// the hub later; late, repeated or malformed replies are counted and logged, never applied.
import { randomBytes } from 'node:crypto';
import { Dealer } from 'zeromq';
import type { Logger } from 'pino';
import { HubRequestError } from './hub-client';
import type { HubTrafficCounters } from './hub-client';
import { readReply } from './inbound';
import type { Rejection, ReplyContext, UnmatchedReason } from './inbound';
import type { RejectionLog } from './rejection-log';
import { SEND_WAIT_MS } from './timing';
import { MAX_FRAME_BYTES, MAX_REPLY_BYTES, MAX_REQUEST_BYTES, PROTOCOL_VERSION, replyCap } from './protocol';

interface Pending {
  op: string;
  owner: RequestSocket;
  /** When it left, or undefined while it waits for its turn to be sent. */
  sentAt: number | undefined;
  resolve: (result: unknown) => void;
  reject: (error: HubRequestError) => void;
  timer: NodeJS.Timeout | undefined;
}

interface RequestSocket {
  readonly dealer: Dealer;
  readonly createdAt: number;
  readonly pending: Set<string>;
  retired: boolean;
  sendChain: Promise<unknown>;
}

/** After an idempotent call's timeout the socket is replaced at most this often. */
const MIN_SOCKET_AGE_MS = 1000;
/** Settled ids remembered, to tell a late reply from a repeated one. */
const SETTLED_MEMORY = 4096;

type Settled = 'answered' | 'abandoned';

export interface RequestOptions {
  timeoutMs: number;
  /** A timed-out non-idempotent request closes its socket at once (its queue is discarded). */
  idempotent: boolean;
}

export class RequestChannel {
  private readonly pending = new Map<string, Pending>();
  /** How the most recent requests ended, oldest first. */
  private readonly settled = new Map<string, Settled>();
  private readonly sockets = new Set<RequestSocket>();
  private readonly idPrefix = randomBytes(4).toString('hex');
  private nextId = 1;
  private active: RequestSocket;
  private disposed = false;

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
    private readonly stats: HubTrafficCounters,
    private readonly rejections: RejectionLog,
    /** A reply came: its round trip, or -1 for one refused (late, repeated, malformed). */
    private readonly onReply: (roundTripMs: number) => void,
  ) {
    this.active = this.open();
  }

  /**
   * Sends the request once and waits up to timeoutMs for its reply. It resolves with the result only
   * once it has passed the operation's result schema; a refused reply fails it as a protocol error
   * (INTERNAL, sent): an answer came, but not one the console can read.
   */
  async request(op: string, args: unknown, options: RequestOptions): Promise<unknown> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the hub client is closed', false);
    const id = `${this.idPrefix}-${this.nextId++}`;
    const body = JSON.stringify({ v: PROTOCOL_VERSION, id, op, args: args ?? {} });
    if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) {
      throw new HubRequestError('BAD_INPUT', `request ${op} is over the hub's 1 MiB frame limit; not sent`, false, id);
    }
    const owner = this.active;
    const reply = new Promise<unknown>((resolve, reject) => {
      this.pending.set(id, { op, owner, sentAt: undefined, resolve, reject, timer: undefined });
      owner.pending.add(id);
    });
    const send = owner.sendChain.then(async () => {
      // Abandoned while waiting for its turn (its socket was replaced): it must not go out later.
      if (!this.pending.has(id)) return false;
      await owner.dealer.send(body);
      return true;
    });
    owner.sendChain = send.catch(() => undefined);
    try {
      if (await send) {
        this.stats.requestsSent += 1;
        const entry = this.pending.get(id);
        // The deadline runs from the moment the request left, not from when it was queued.
        if (entry) {
          entry.sentAt = Date.now();
          entry.timer = setTimeout(() => this.timedOut(id, options), options.timeoutMs);
        }
      }
    } catch (error) {
      this.settle(id, 'abandoned')?.reject(new HubRequestError('NOT_CONNECTED', `${op} not sent: ${describe(error)}`, false, id));
    }
    return reply;
  }

  /** Replaces the active socket now (after a reconnect): requests in flight on it are abandoned. */
  replace(reason: string): void {
    this.close(this.active, reason);
  }

  private open(): RequestSocket {
    // libzmq's hard ceiling: a peer sending a frame over it is disconnected, never buffered.
    const dealer = new Dealer({ linger: 0, immediate: true, maxMessageSize: MAX_REPLY_BYTES, sendTimeout: SEND_WAIT_MS });
    dealer.connect(this.endpoint);
    const socket: RequestSocket = { dealer, createdAt: Date.now(), pending: new Set(), retired: false, sendChain: Promise.resolve() };
    this.sockets.add(socket);
    void this.receiveLoop(socket);
    return socket;
  }

  private timedOut(id: string, options: RequestOptions): void {
    const entry = this.settle(id, 'abandoned');
    if (!entry) return;
    this.stats.timeouts += 1;
    entry.reject(new HubRequestError('TIMEOUT', `no reply to ${entry.op} from the hub within ${options.timeoutMs} ms`, true, id));
    if (!options.idempotent) this.close(entry.owner, `${entry.op} timed out`);
    else if (entry.owner === this.active && Date.now() - entry.owner.createdAt >= MIN_SOCKET_AGE_MS) this.retire(entry.owner, options.timeoutMs);
  }

  /**
   * No new sends go to a retired socket. It stays open for `drainMs` more, only to take (and count)
   * late replies to idempotent calls, which are harmless if they arrive; then it is closed.
   */
  private retire(socket: RequestSocket, drainMs: number): void {
    if (socket.retired) return;
    socket.retired = true;
    this.stats.socketsReplaced += 1;
    if (socket === this.active && !this.disposed) this.active = this.open();
    // Requests still waiting for their turn on it never leave: not sent, so safe to retry.
    for (const id of [...socket.pending]) {
      const entry = this.pending.get(id);
      if (entry?.sentAt === undefined) this.settle(id, 'abandoned')?.reject(new HubRequestError('NOT_CONNECTED', `${entry?.op ?? 'request'} not sent: its socket was replaced`, false, id));
    }
    if (drainMs > 0) setTimeout(() => this.close(socket, 'drained after replacement'), drainMs).unref();
  }

  private closeSocket(socket: RequestSocket): void {
    this.sockets.delete(socket);
    if (!socket.dealer.closed) socket.dealer.close();
  }

  private close(socket: RequestSocket, reason: string): void {
    this.retire(socket, 0);
    for (const id of [...socket.pending]) {
      const entry = this.settle(id, 'abandoned');
      if (!entry) continue;
      entry.reject(
        entry.sentAt === undefined
          ? new HubRequestError('NOT_CONNECTED', `${entry.op} not sent: the request socket was replaced (${reason})`, false, id)
          : new HubRequestError('TIMEOUT', `${entry.op}: reply abandoned, the request socket was replaced (${reason})`, true, id),
      );
    }
    this.closeSocket(socket);
  }

  private settle(id: string, how: Settled): Pending | undefined {
    const entry = this.pending.get(id);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.pending.delete(id);
    entry.owner.pending.delete(id);
    this.settled.set(id, how);
    if (this.settled.size > SETTLED_MEMORY) this.settled.delete(this.settled.keys().next().value as string);
    return entry;
  }

  private async receiveLoop(socket: RequestSocket): Promise<void> {
    try {
      for await (const frames of socket.dealer) this.handleReply(frames);
    } catch (error) {
      if (!socket.dealer.closed) this.logger.error({ err: error }, 'hub request socket stopped');
    }
  }

  private handleReply(frames: Buffer[]): void {
    const verdict = readReply(frames, this.context);
    if (!verdict.ok) {
      this.refused(verdict, frames[frames.length - 1]);
      return;
    }
    const { reply } = verdict;
    const entry = this.settle(verdict.id, 'answered');
    if (!entry) return;
    this.stats.repliesReceived += 1;
    this.onReply(Date.now() - (entry.sentAt ?? Date.now()));
    if (reply.ok) entry.resolve(reply.result);
    else entry.reject(new HubRequestError(reply.error.code, reply.error.message, true, verdict.id));
  }

  /** What readReply needs to know of the requests: which are pending, and how each one ended. */
  private readonly context: ReplyContext = {
    awaited: (id) => this.pending.get(id) ?? this.unmatched(id),
    largestPendingCap: () => [...this.pending.values()].reduce((cap, entry) => Math.max(cap, replyCap(entry.op)), MAX_FRAME_BYTES),
  };

  private unmatched(id: string): UnmatchedReason {
    const how = this.settled.get(id);
    if (how) return how === 'answered' ? 'duplicate_reply' : 'late_reply';
    // Older than the memory: one of this channel's own ids is a late reply, any other is unknown.
    const prefix = `${this.idPrefix}-`;
    const seq = Number(id.slice(prefix.length));
    return id.startsWith(prefix) && Number.isSafeInteger(seq) && seq >= 1 && seq < this.nextId && id === `${prefix}${seq}` ? 'late_reply' : 'unknown_id';
  }

  /** Counted and logged; a reply that answers a pending request fails it as a protocol error. */
  private refused(rejection: Rejection, frame: Buffer | undefined): void {
    this.rejections.record('reply', rejection, frame);
    // Something came from the hub, but something is wrong with it: trouble, not silence.
    this.onReply(-1);
    const id = rejection.requestId;
    const entry = id === undefined ? undefined : this.settle(id, 'answered');
    entry?.reject(new HubRequestError('INTERNAL', `protocol error: the hub's reply to ${entry.op} was refused (${rejection.reason}: ${rejection.detail})`, true, id));
  }

  /** Sockets open now: the active one and retired ones still taking replies. */
  get openSockets(): number {
    return this.sockets.size;
  }

  /** Fails every pending request and closes every socket. */
  dispose(reason: string): void {
    this.disposed = true;
    for (const socket of [...this.sockets]) this.close(socket, reason);
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'EAGAIN') return 'no hub connection';
  return error instanceof Error ? error.message : String(error);
}

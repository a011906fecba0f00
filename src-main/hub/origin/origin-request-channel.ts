// The request side of the origin gateway client: plain REQ sockets, strictly one request then its
// reply each (docs/dialects.md), a few kept idle for reuse. A socket whose request timed out or
// whose reply was refused is closed at once (linger 0), never reused, so nothing queued in it can
// reach the gateway later. It never resends. Replies are checked here before anything sees them.
import { Request } from 'zeromq';
import type { Logger } from 'pino';
import type { HubRejectReason } from '../../../src-shared/domain/health';
import { HubRequestError } from '../hub-client';
import type { HubTrafficCounters } from '../hub-client';
import { MAX_FRAME_BYTES, MAX_REPLY_BYTES, MAX_REQUEST_BYTES } from '../protocol';
import type { RejectionLog } from '../rejection-log';
import { SEND_WAIT_MS } from '../timing';
import { OriginEnvelope, OriginOrderReply } from './origin-wire';

/** What a reply must be: an envelope answering this req_id, or ORDER_SEND's bare order result. */
export type ExpectedReply = { kind: 'envelope'; reqId: string; capBytes: number } | { kind: 'order' };
export type OriginReply = { kind: 'envelope'; reply: OriginEnvelope } | { kind: 'order'; reply: OriginOrderReply };

/** Idle sockets kept for the next requests; more in flight at once are opened and then closed. */
const MAX_IDLE = 4;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class OriginRequestChannel {
  private idle: Request[] = [];
  private readonly busy = new Set<Request>();
  private generation = 0;
  private disposed = false;

  constructor(
    readonly endpoint: string,
    private readonly logger: Logger,
    private readonly counters: HubTrafficCounters,
    private readonly rejections: RejectionLog,
    /** A reply came and was read: its round trip. */
    private readonly onReply: (roundTripMs: number) => void,
  ) {}

  /** Sends `body` once and waits up to timeoutMs for its reply, checked against `expected`. */
  async request(label: string, body: string, expected: ExpectedReply, timeoutMs: number): Promise<OriginReply> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the hub client is closed', false);
    if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) throw new HubRequestError('BAD_INPUT', `${label} is over the 1 MiB frame limit; not sent`, false);
    const socket = this.idle.pop() ?? this.open();
    const generation = this.generation;
    this.busy.add(socket);
    let reusable = false;
    try {
      try {
        await socket.send(body);
      } catch (error) {
        throw new HubRequestError('NOT_CONNECTED', `${label} not sent: ${describe(error)}`, false);
      }
      this.counters.requestsSent += 1;
      const sentAt = Date.now();
      const frames = await this.receive(socket, label, timeoutMs);
      this.counters.repliesReceived += 1;
      const reply = this.read(label, frames, expected);
      this.onReply(Date.now() - sentAt);
      reusable = true;
      return reply;
    } finally {
      this.busy.delete(socket);
      if (reusable && generation === this.generation && !this.disposed && this.idle.length < MAX_IDLE) this.idle.push(socket);
      else if (!socket.closed) socket.close();
    }
  }

  /** After a reconnect: idle sockets close now, busy ones are abandoned (their requests fail). */
  replace(reason: string): void {
    this.generation += 1;
    this.counters.socketsReplaced += 1;
    this.logger.info({ reason, abandoned: this.busy.size }, 'origin request sockets replaced');
    for (const socket of [...this.idle, ...this.busy]) socket.close();
    this.idle = [];
  }

  private open(): Request {
    // correlate: a stray second reply (--duplicate-reply) is dropped by libzmq, never read as the next answer.
    const socket = new Request({ linger: 0, immediate: true, correlate: true, maxMessageSize: MAX_REPLY_BYTES, sendTimeout: SEND_WAIT_MS });
    socket.connect(this.endpoint);
    return socket;
  }

  private receive(socket: Request, label: string, timeoutMs: number): Promise<Buffer[]> {
    return new Promise<Buffer[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.counters.timeouts += 1;
        this.counters.socketsReplaced += 1;
        // Closed now: the request cannot leave later, and a late reply is discarded with it.
        socket.close();
        reject(new HubRequestError('TIMEOUT', `no reply to ${label} from the origin gateway within ${timeoutMs} ms`, true));
      }, timeoutMs);
      socket.receive().then(
        (frames) => {
          clearTimeout(timer);
          resolve(frames);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new HubRequestError('TIMEOUT', `${label}: reply abandoned, its socket was closed (${describe(error)})`, true));
        },
      );
    });
  }

  private read(label: string, frames: Buffer[], expected: ExpectedReply): OriginReply {
    const body = frames.length === 1 ? frames[0] : undefined;
    if (!body) return this.refuse(label, 'bad_frames', `${frames.length} frames; a reply is one JSON frame`, frames[frames.length - 1]);
    const cap = expected.kind === 'envelope' ? expected.capBytes : MAX_FRAME_BYTES;
    if (body.length > cap) return this.refuse(label, 'oversized', `${body.length} bytes, over ${cap}`, body);
    let value: unknown;
    try {
      value = JSON.parse(utf8.decode(body));
    } catch {
      return this.refuse(label, 'not_json', 'not UTF-8 JSON', body);
    }
    if (expected.kind === 'order') {
      const order = OriginOrderReply.safeParse(value);
      if (!order.success) return this.refuse(label, 'bad_envelope', `not an ORDER_SEND result: ${issues(order.error)}`, body);
      return { kind: 'order', reply: order.data };
    }
    const envelope = OriginEnvelope.safeParse(value);
    if (!envelope.success) return this.refuse(label, 'bad_envelope', `not a reply envelope: ${issues(envelope.error)}`, body);
    if (envelope.data.req_id !== expected.reqId) return this.refuse(label, 'unknown_id', `answers req_id ${envelope.data.req_id.slice(0, 64)}, not this request's`, body);
    return { kind: 'envelope', reply: envelope.data };
  }

  /** Counted and logged; the request fails as a protocol error (an answer came, not a readable one). */
  private refuse(label: string, reason: HubRejectReason, detail: string, frame: Uint8Array | undefined): never {
    this.rejections.record('reply', { reason, detail }, frame);
    throw new HubRequestError('INTERNAL', `protocol error: the origin gateway's reply to ${label} was refused (${reason}: ${detail})`, true);
  }

  dispose(): void {
    this.disposed = true;
    for (const socket of [...this.idle, ...this.busy]) socket.close();
    this.idle = [];
  }
}

function issues(error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> }): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join('.') || 'value'}: ${issue.message}`)
    .join('; ');
}

function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'EAGAIN') return 'no gateway connection';
  return error instanceof Error ? error.message : String(error);
}

// The EA's request side: REQ on System for its "OK", PULL on Data for the answer. Replies carry no
// request id, so requests go strictly one at a time through a queue; leftovers are drained and
// counted before each, and a Data message of the wrong shape is stale (counted, skipped). After any
// timeout the channel is in debt: a fence (an unknown action, answered only 65538) must come back
// before the next real request, so nothing older can be read as its answer. Never resends.
import { Request } from 'zeromq';
import type { Logger } from 'pino';
import { HubRequestError } from '../hub-client';
import type { HubTrafficCounters } from '../hub-client';
import { JsonFrameStream } from '../json-frame-stream';
import { MAX_FRAME_BYTES, MAX_REQUEST_BYTES, MAX_REPLY_BYTES } from '../protocol';
import type { RejectionLog } from '../rejection-log';
import { SEND_WAIT_MS } from '../timing';
import { MQL5_FENCE_ACTION } from './mql5-dialect';
import { Mql5Inbox } from './mql5-inbox';
import { describeExpected, matchReply } from './mql5-reply-match';
import type { Expectation } from './mql5-reply-match';
import { Mql5ActionReply, mql5Request } from './mql5-wire';
import type { Mql5RequestFields } from './mql5-wire';

export interface ChannelHooks {
  /** Anything came from the EA ("OK" or a Data message): it is alive. */
  onSignOfLife(): void;
  /** A request was answered: its round trip. */
  onReply(roundTripMs: number): void;
}

export class Mql5Channel {
  private socket: Request | undefined;
  private readonly data: JsonFrameStream;
  private readonly inbox: Mql5Inbox;
  private tail: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private inDebt = false;
  private phase: 'idle' | 'awaiting-ok' | 'awaiting-data' = 'idle';
  private generation = 0;
  private disposed = false;

  constructor(
    private readonly system: string,
    dataEndpoint: string,
    private readonly logger: Logger,
    private readonly counters: HubTrafficCounters,
    private readonly rejections: RejectionLog,
    private readonly hooks: ChannelHooks,
  ) {
    this.inbox = new Mql5Inbox(rejections);
    const options = { endpoint: dataEndpoint, socket: 'pull', capBytes: MAX_REPLY_BYTES, socketMaxBytes: MAX_REPLY_BYTES, source: 'reply', label: 'MQL5 Data' } as const;
    this.data = new JsonFrameStream(options, logger, rejections, (value, frame) => {
      hooks.onSignOfLife();
      this.inbox.push({ value, frame });
    });
  }

  start(): void {
    this.data.start();
  }

  /** A request is queued or in flight. */
  get busy(): boolean {
    return this.queued > 0;
  }

  /** The request in flight has its "OK": the EA read it and is working on it. */
  get acknowledged(): boolean {
    return this.phase === 'awaiting-data';
  }

  /** Sends one request when its turn comes and waits up to timeoutMs for its "OK" and its answer. */
  request<T>(label: string, fields: Mql5RequestFields, expected: Expectation<T>, timeoutMs: number, onSent?: () => void): Promise<{ value: T }> {
    return this.enqueue(label, timeoutMs, () => this.exchange(label, mql5Request(fields), expected, timeoutMs, onSent));
  }

  /** After a reconnect: the REQ socket is closed (its request abandoned) and the channel is in debt. */
  replace(reason: string): void {
    this.generation += 1;
    this.inDebt = true;
    this.counters.socketsReplaced += 1;
    this.logger.info({ reason, inFlight: this.phase }, 'MQL5 System socket replaced');
    this.closeSocket();
    this.inbox.interrupt();
  }

  private enqueue<T>(label: string, timeoutMs: number, job: () => Promise<T>): Promise<T> {
    const queuedAt = Date.now();
    this.queued += 1;
    const run = async (): Promise<T> => {
      try {
        if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the hub client is closed', false);
        const waited = Date.now() - queuedAt;
        if (waited > timeoutMs) throw new HubRequestError('HUB_BUSY', `${label} waited ${waited} ms behind earlier requests to the EA; not sent`, false);
        if (this.inDebt) await this.fence(label, timeoutMs);
        return await job();
      } finally {
        this.queued -= 1;
      }
    };
    const result = this.tail.then(run, run);
    this.tail = result.catch(() => undefined);
    return result;
  }

  /** Everything before the fence's answer is stale; a fence that fails leaves the debt, and `label` unsent. */
  private async fence(label: string, timeoutMs: number): Promise<void> {
    try {
      await this.exchange('fence', mql5Request({ action: MQL5_FENCE_ACTION }), { shape: 'action', schema: Mql5ActionReply, fence: true }, timeoutMs);
      this.inDebt = false;
    } catch (error) {
      const code = error instanceof HubRequestError ? error.code : 'INTERNAL';
      const message = error instanceof Error ? error.message : String(error);
      throw new HubRequestError(code, `${label} not sent: the fence that clears stale EA replies failed (${message})`, false);
    }
  }

  private async exchange<T>(label: string, body: string, expected: Expectation<T>, timeoutMs: number, onSent?: () => void): Promise<{ value: T }> {
    if (this.disposed) throw new HubRequestError('NOT_CONNECTED', 'the hub client is closed', false);
    if (Buffer.byteLength(body) > MAX_REQUEST_BYTES) throw new HubRequestError('BAD_INPUT', `${label} is over the 1 MiB frame limit; not sent`, false);
    this.inbox.drain(label);
    const socket = this.open();
    const generation = this.generation;
    try {
      await socket.send(body);
    } catch (error) {
      this.closeSocket();
      throw new HubRequestError('NOT_CONNECTED', `${label} not sent: ${error instanceof Error && 'code' in error && error.code === 'EAGAIN' ? 'no EA connection' : String(error)}`, false);
    }
    onSent?.();
    this.counters.requestsSent += 1;
    const sentAt = Date.now();
    const deadline = sentAt + timeoutMs;
    try {
      this.phase = 'awaiting-ok';
      await this.awaitOk(socket, label, timeoutMs);
      this.phase = 'awaiting-data';
      const answer = await this.awaitData(label, expected, deadline, generation);
      this.counters.repliesReceived += 1;
      this.hooks.onReply(Date.now() - sentAt);
      return answer;
    } catch (error) {
      // Whatever answers it may still come, and must never be read as the next request's.
      this.inDebt = true;
      throw error;
    } finally {
      this.phase = 'idle';
    }
  }

  private awaitOk(socket: Request, label: string, timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.counters.timeouts += 1;
        this.counters.socketsReplaced += 1;
        // Closed now (linger 0): a REQ without its reply is stuck, and a late "OK" goes with it.
        if (socket === this.socket) this.closeSocket();
        else socket.close();
        reject(new HubRequestError('TIMEOUT', `no "OK" to ${label} from the EA within ${timeoutMs} ms`, true));
      }, timeoutMs);
      socket.receive().then(
        (frames) => {
          clearTimeout(timer);
          this.hooks.onSignOfLife();
          const ok = frames.length === 1 && frames[0]?.toString('latin1') === 'OK';
          if (ok) return resolve();
          this.rejections.record('reply', { reason: 'bad_envelope', detail: `${label}: System answered something other than "OK"` }, frames[frames.length - 1]);
          reject(new HubRequestError('INTERNAL', `protocol error: the EA's System reply to ${label} was not "OK"`, true));
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new HubRequestError('TIMEOUT', `${label}: abandoned, its socket was closed (${String(error)})`, true));
        },
      );
    });
  }

  private async awaitData<T>(label: string, expected: Expectation<T>, deadline: number, generation: number): Promise<{ value: T }> {
    const abandoned = (): boolean => generation !== this.generation || this.disposed;
    for (;;) {
      const item = await this.inbox.next(deadline, abandoned);
      if (!item) {
        if (abandoned()) throw new HubRequestError('TIMEOUT', `${label}: abandoned while waiting for its data (reconnecting)`, true);
        this.counters.timeouts += 1;
        throw new HubRequestError('TIMEOUT', `no data reply to ${label} from the EA in time`, true);
      }
      const match = matchReply(item.value, expected);
      if (match.kind === 'unknown') {
        this.rejections.record('reply', { reason: 'bad_envelope', detail: `${label}: a Data message of no known shape` }, item.frame);
        continue;
      }
      if (match.kind === 'prelude') {
        this.logger.debug({ label, lastError: match.action.lastError, description: match.action.description }, 'EA error ahead of a TRADE confirmation');
        continue;
      }
      if (match.kind === 'stale') {
        this.rejections.record('reply', { reason: 'late_reply', detail: `${label}: ${match.what} while waiting for ${describeExpected(expected)}: stale` }, item.frame);
        continue;
      }
      const parsed = expected.schema.safeParse(item.value);
      if (parsed.success) return { value: parsed.data };
      const issue = parsed.error.issues[0];
      const detail = `${label}: ${issue ? `${issue.path.map(String).join('.') || 'value'}: ${issue.message}` : 'invalid'}`;
      this.rejections.record('reply', { reason: 'bad_result', detail }, item.frame);
      throw new HubRequestError('INTERNAL', `protocol error: the EA's reply was refused (bad_result: ${detail})`, true);
    }
  }

  private open(): Request {
    if (this.socket && !this.socket.closed) return this.socket;
    // correlate: a stray reply to an older request on this socket is dropped by libzmq.
    const socket = new Request({ linger: 0, immediate: true, correlate: true, maxMessageSize: MAX_FRAME_BYTES, sendTimeout: SEND_WAIT_MS });
    socket.connect(this.system);
    this.socket = socket;
    return socket;
  }

  private closeSocket(): void {
    if (this.socket && !this.socket.closed) this.socket.close();
    this.socket = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.closeSocket();
    this.data.dispose();
    this.inbox.interrupt();
  }
}

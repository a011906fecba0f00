// The browser transport: the headless host's WebSocket at /ws. Queues invokes until the socket is
// open, reconnects with bounded backoff, and fires onDidReconnect so the sync takes a new snapshot.
import { ExponentialBackoff } from 'cockatiel';
import type { IBackoff, IBackoffFactory } from 'cockatiel';
import { z } from 'zod';
import type { WsClientMessage } from '../../src-shared/ipc/bridge-api';
import { EVENT_CHANNELS } from '../../src-shared/ipc/channels';
import { Emitter } from './emitter';
import { log } from './log';
import { TransportError } from './transport';
import type { LinkState, Transport } from './transport';

/** What the transport needs of a socket; the browser's WebSocket is adapted in browserSocket(). */
export interface SocketHandlers {
  open(): void;
  message(data: unknown): void;
  close(): void;
}
export interface SocketHandle {
  send(data: string): void;
  close(): void;
}
export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketHandle;

export interface WsTransportOptions {
  url: string;
  connect: SocketFactory;
  /** An invoke waiting for the socket is failed as not sent after this long. */
  queueTimeoutMs?: number;
  backoff?: IBackoffFactory<unknown>;
}

/** Long enough to ride out a quick reconnect; short enough that a late order is not a surprise. */
const DEFAULT_QUEUE_TIMEOUT_MS = 5_000;

const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('reply'), id: z.number().int(), result: z.unknown() }),
  z.object({ type: z.literal('event'), channel: z.enum(EVENT_CHANNELS), payload: z.unknown() }),
]);

interface Call {
  readonly message: WsClientMessage;
  resolve(value: unknown): void;
  reject(error: TransportError): void;
  queueTimer?: ReturnType<typeof setTimeout>;
}

export function browserSocket(url: string, handlers: SocketHandlers): SocketHandle {
  const ws = new WebSocket(url);
  ws.onopen = () => handlers.open();
  ws.onmessage = (event) => handlers.message(event.data);
  // Every failure ends in a close event; `error` carries no detail worth keeping.
  ws.onclose = () => handlers.close();
  return { send: (data) => ws.send(data), close: () => ws.close() };
}

export class WsTransport implements Transport {
  private readonly options: Required<WsTransportOptions>;
  private readonly linkEmitter = new Emitter<LinkState>();
  private readonly reconnectEmitter = new Emitter<void>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  /** Not yet sent, oldest first. */
  private readonly queue: Call[] = [];
  /** Sent, waiting for the reply with this id. */
  private readonly pending = new Map<number, Call>();
  private socket: SocketHandle | undefined;
  private generation = 0;
  private nextId = 1;
  private everOpened = false;
  private started = false;
  private disposed = false;
  private delay: IBackoff<unknown> | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private state: LinkState = 'connecting';

  constructor(options: WsTransportOptions) {
    this.options = {
      queueTimeoutMs: DEFAULT_QUEUE_TIMEOUT_MS,
      backoff: new ExponentialBackoff({ initialDelay: 250, maxDelay: 5_000 }),
      ...options,
    };
  }

  get link(): LinkState {
    return this.state;
  }

  readonly onDidChangeLink = this.linkEmitter.event;
  readonly onDidReconnect = this.reconnectEmitter.event;

  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    this.connect();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearTimeout(this.reconnectTimer);
    this.generation++;
    this.socket?.close();
    this.socket = undefined;
    this.failPending('lost', 'the console was closed');
    for (const call of this.queue.splice(0)) this.failQueued(call, 'the console was closed');
    this.linkEmitter.dispose();
    this.reconnectEmitter.dispose();
    this.listeners.clear();
  }

  invoke(channel: string, input: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const call: Call = { message: { type: 'invoke', id: this.nextId++, channel, input }, resolve, reject };
      if (this.disposed) {
        reject(new TransportError('not-sent', 'the console was closed'));
      } else if (this.state === 'open') {
        this.send(call);
      } else {
        call.queueTimer = setTimeout(() => {
          const index = this.queue.indexOf(call);
          if (index >= 0) this.queue.splice(index, 1);
          this.failQueued(call, 'no connection to the console host');
        }, this.options.queueTimeoutMs);
        this.queue.push(call);
      }
    });
  }

  on(channel: string, listener: (payload: unknown) => void): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  }

  private connect(): void {
    const generation = ++this.generation;
    this.setLink('connecting');
    // Handlers of a replaced socket must not touch the current one: each checks its generation.
    const current = () => generation === this.generation && !this.disposed;
    this.socket = this.options.connect(this.options.url, {
      open: () => {
        if (current()) this.handleOpen();
      },
      message: (data) => {
        if (current()) this.handleMessage(data);
      },
      close: () => {
        if (current()) this.handleClose();
      },
    });
  }

  private handleOpen(): void {
    this.delay = undefined;
    this.setLink('open');
    for (const call of this.queue.splice(0)) {
      clearTimeout(call.queueTimer);
      this.send(call);
    }
    if (this.everOpened) this.reconnectEmitter.fire();
    this.everOpened = true;
  }

  private handleClose(): void {
    this.socket = undefined;
    this.setLink('closed');
    this.failPending('lost', 'the connection to the console host dropped before the reply');
    this.delay = this.delay ? this.delay.next(undefined) : this.options.backoff.next(undefined);
    this.reconnectTimer = setTimeout(() => this.connect(), this.delay.duration);
  }

  private handleMessage(data: unknown): void {
    let message: z.infer<typeof ServerMessage>;
    try {
      const parsed = ServerMessage.safeParse(typeof data === 'string' ? JSON.parse(data) : undefined);
      if (!parsed.success) throw parsed.error;
      message = parsed.data;
    } catch (err) {
      log.warn('dropped an unreadable message from the console host', err);
      return;
    }
    if (message.type === 'reply') {
      const call = this.pending.get(message.id);
      this.pending.delete(message.id);
      call?.resolve(message.result);
      return;
    }
    for (const listener of [...(this.listeners.get(message.channel) ?? [])]) {
      try {
        listener(message.payload);
      } catch (err) {
        log.error(`${message.channel} listener failed`, err);
      }
    }
  }

  private send(call: Call): void {
    try {
      if (!this.socket) throw new Error('no socket');
      this.socket.send(JSON.stringify(call.message));
    } catch (err) {
      call.reject(new TransportError('not-sent', err instanceof Error ? err.message : String(err)));
      return;
    }
    this.pending.set(call.message.id, call);
  }

  private failQueued(call: Call, reason: string): void {
    clearTimeout(call.queueTimer);
    call.reject(new TransportError('not-sent', reason));
  }

  private failPending(failure: 'lost', reason: string): void {
    for (const call of this.pending.values()) call.reject(new TransportError(failure, reason));
    this.pending.clear();
  }

  private setLink(state: LinkState): void {
    if (state === this.state) return;
    this.state = state;
    this.linkEmitter.fire(state);
  }
}

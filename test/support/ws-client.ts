// A hand-written client of the headless host's WebSocket, as a script or an attacker would write
// one: invokes by id, collects events, and reports how the server closed the connection.
import WebSocket from 'ws';
import type { ErrorCode } from '../../src-shared/ipc/errors';

export interface Reply {
  ok: boolean;
  result?: unknown;
  error?: { code: ErrorCode; message: string; fields?: Record<string, string> };
}

/** The host's WebSocket for a console link (`http(s)://host/?token=…`), with that link's token or `token`. */
export function socketUrlOf(link: string, token?: string): string {
  const page = new URL(link);
  const secret = token ?? page.searchParams.get('token') ?? '';
  return `${page.protocol === 'https:' ? 'wss' : 'ws'}://${page.host}/ws?token=${encodeURIComponent(secret)}`;
}

export class WsClient {
  readonly events: { channel: string; payload: unknown }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { type: string; id?: number; result?: Reply; channel?: string; payload?: unknown };
      if (message.type === 'event') this.events.push({ channel: message.channel ?? '', payload: message.payload });
      else if (message.type === 'reply' && message.id !== undefined) this.waiting.get(message.id)?.(message.result as Reply);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens `ws(s)://…/ws` for a console link (`http(s)://host/?token=…`); rejects ("Unexpected server response: 401") when refused. */
  static open(link: string, options: { origin?: string; token?: string; ca?: string } = {}): Promise<WsClient> {
    const socket = new WebSocket(socketUrlOf(link, options.token), { ...(options.origin ? { origin: options.origin } : {}), ...(options.ca ? { ca: options.ca } : {}) });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new WsClient(socket)));
      socket.once('error', reject);
    });
  }

  call(channel: string, input: unknown = {}): Promise<Reply> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, (reply) => {
        this.waiting.delete(id);
        resolve(reply);
      });
      this.socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
    });
  }

  /** The call's result; a refusal rejects with its code and message. */
  async result<T>(channel: string, input: unknown = {}): Promise<T> {
    const reply = await this.call(channel, input);
    if (!reply.ok) throw new Error(`${reply.error?.code ?? 'ERROR'}: ${reply.error?.message ?? ''}`);
    return reply.result as T;
  }

  close(): void {
    this.socket.terminate();
  }
}

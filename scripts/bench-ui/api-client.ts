// The console's APIs as the bench drives them: invokes over the WebSocket API (events counted, not
// parsed, but for the hub connection's state) and the hub client counters from /api/health.
import WebSocket from 'ws';

export type InvokeResult = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } };

export class ApiClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: InvokeResult) => void>();
  /** Events the host pushed to this socket (every socket gets every event); skipped unparsed. */
  events = 0;
  /** The hub connection's state as connection:changed reported it, with when. */
  readonly connectionStates: { at: number; state: string }[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => this.onMessage(String(data)));
    socket.on('close', () => this.failAll('SOCKET_CLOSED', 'the WebSocket closed'));
    socket.on('error', () => this.failAll('SOCKET_ERROR', 'the WebSocket failed'));
  }

  static connect(consoleUrl: URL): Promise<ApiClient> {
    const token = consoleUrl.searchParams.get('token') ?? '';
    const socket = new WebSocket(`ws://${consoleUrl.host}/ws?token=${encodeURIComponent(token)}`, { headers: { Origin: `http://${consoleUrl.host}` } });
    return new Promise((resolveClient, reject) => {
      socket.once('open', () => resolveClient(new ApiClient(socket)));
      socket.once('error', (error) => reject(new Error(`WebSocket ${consoleUrl.host}/ws: ${error.message}`)));
    });
  }

  invoke(channel: string, input: unknown): Promise<InvokeResult> {
    const id = this.nextId++;
    return new Promise((resolveReply) => {
      if (this.socket.readyState !== WebSocket.OPEN) {
        resolveReply({ ok: false, error: { code: 'SOCKET_CLOSED', message: 'the WebSocket is not open' } });
        return;
      }
      this.pending.set(id, resolveReply);
      this.socket.send(JSON.stringify({ type: 'invoke', id, channel, input }));
    });
  }

  close(): void {
    this.socket.terminate();
  }

  private onMessage(text: string): void {
    // Events are most of the traffic and of no use here but the hub connection's state: tell them
    // apart without parsing.
    if (!text.startsWith('{"type":"reply"')) {
      this.events += 1;
      if (text.startsWith('{"type":"event","channel":"connection:changed"')) {
        const { payload } = JSON.parse(text) as { payload: { state: string } };
        this.connectionStates.push({ at: performance.now(), state: payload.state });
      }
      return;
    }
    const message = JSON.parse(text) as { id: number; result: InvokeResult };
    const settle = this.pending.get(message.id);
    this.pending.delete(message.id);
    settle?.(message.result);
  }

  private failAll(code: string, message: string): void {
    for (const settle of this.pending.values()) settle({ ok: false, error: { code, message } });
    this.pending.clear();
  }
}

/** The console's hub client counters (its /api/health), or null if it did not answer. */
export async function hubClientStats(consoleUrl: URL): Promise<Record<string, number> | null> {
  try {
    const response = await fetch(`http://${consoleUrl.host}/api/health?token=${encodeURIComponent(consoleUrl.searchParams.get('token') ?? '')}`);
    const body = (await response.json()) as { hubClient?: Record<string, number | Record<string, number>> };
    if (!body.hubClient) return null;
    // Nested counts (rejected hub messages by reason) are reported as their total.
    return Object.fromEntries(Object.entries(body.hubClient).map(([name, value]) => [name, typeof value === 'number' ? value : Object.values(value).reduce((sum, n) => sum + n, 0)]));
  } catch {
    return null;
  }
}

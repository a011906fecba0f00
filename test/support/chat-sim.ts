// A real HTTP server on 127.0.0.1 that answers like an OpenAI-compatible chat-completions endpoint,
// with scripted faults (status codes, slow replies, garbage, dropped connections), for the reviewer.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ChatReply =
  | { kind: 'verdict'; verdict: string; reasons?: string[] | string }
  /** The assistant's message content as given (e.g. not JSON, or JSON inside a fence). */
  | { kind: 'content'; content: string }
  /** The HTTP body as given (e.g. not a chat completion at all). */
  | { kind: 'body'; body: string }
  | { kind: 'status'; status: number; body?: string }
  /** Waits, then replies `then`, unless the client gave up first. */
  | { kind: 'slow'; delayMs: number; then: ChatReply }
  /** Closes the connection without a reply. */
  | { kind: 'drop' };

export interface ChatRequest {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

export class ChatSim {
  /** Every request received, in order. */
  readonly requests: ChatRequest[] = [];
  /** Requests whose client disconnected before the reply (e.g. an aborted fetch). */
  aborted = 0;
  private readonly script: ChatReply[] = [];
  private fallback: ChatReply = { kind: 'verdict', verdict: 'approve', reasons: ['looks safe'] };

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<ChatSim> {
    const handler: { sim?: ChatSim } = {};
    const server = createServer((req, res) => void handler.sim?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    handler.sim = new ChatSim(server, `http://127.0.0.1:${port}/v1`);
    return handler.sim;
  }

  /** Replies for the next requests, in order; after them, the fallback. */
  queue(...replies: ChatReply[]): this {
    this.script.push(...replies);
    return this;
  }

  /** The reply to every request once the queue is empty. */
  always(reply: ChatReply): this {
    this.fallback = reply;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      body = {};
    }
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    let gone = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        gone = true;
        this.aborted += 1;
      }
    });
    await this.reply(this.script.shift() ?? this.fallback, res, String(body.model ?? 'sim'), () => gone);
  }

  private async reply(reply: ChatReply, res: ServerResponse, model: string, gone: () => boolean): Promise<void> {
    const completion = (content: string): string =>
      JSON.stringify({
        id: 'chatcmpl-sim',
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      });
    const send = (status: number, text: string): void => {
      if (gone()) return;
      res.writeHead(status, { 'content-type': 'application/json' }).end(text);
    };
    switch (reply.kind) {
      case 'verdict':
        return send(200, completion(JSON.stringify({ verdict: reply.verdict, reasons: reply.reasons ?? [] })));
      case 'content':
        return send(200, completion(reply.content));
      case 'body':
        return send(200, reply.body);
      case 'status':
        return send(reply.status, reply.body ?? JSON.stringify({ error: { message: `simulated ${reply.status}` } }));
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        return this.reply(reply.then, res, model, gone);
      case 'drop':
        res.socket?.destroy();
        return;
    }
  }
}

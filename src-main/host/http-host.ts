// The headless host: serves the built renderer and the contract's WebSocket on 127.0.0.1. The
// page and every WebSocket/API request need the session token, so no other user or page can drive it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer } from 'ws';
import { CSP } from '../app/csp';
import type { EventPublisher } from '../ipc/event-publisher';
import type { Router } from '../ipc/router';
import { serveWebSocket } from './ws-transport';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const MAX_WS_MESSAGE_BYTES = 1024 * 1024;

export interface HttpHostOptions {
  port: number;
  rendererDir: string;
  router: Router;
  events: EventPublisher;
  health: () => unknown;
}

export interface HttpHost {
  url: string;
  token: string;
  dispose(): Promise<void>;
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const token = randomBytes(24).toString('base64url');
  const tokenOk = (request: IncomingMessage): boolean => {
    const given = requestUrl(request)?.searchParams.get('token') ?? request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  const server = createServer((request, response) => handle(request, response, options, tokenOk));
  let origin = '';
  server.on('upgrade', (request, socket, head) => {
    const path = requestPath(request);
    // Compare with our own origin, not the client-controlled Host header (DNS rebinding).
    const sameOrigin = request.headers.origin === undefined || request.headers.origin === origin;
    if (path !== '/ws' || !tokenOk(request) || !sameOrigin) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveWebSocket(ws, options.router, options.events));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    dispose: () => closeServer(server, wss),
  };
}

/** The request's URL, or undefined when it cannot be parsed (answered 400, never thrown). */
function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1');
  } catch {
    return undefined;
  }
}

function requestPath(request: IncomingMessage): string | undefined {
  const url = requestUrl(request);
  if (!url) return undefined;
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

function handle(request: IncomingMessage, response: ServerResponse, options: HttpHostOptions, tokenOk: (r: IncomingMessage) => boolean): void {
  const pathname = requestPath(request);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (pathname === undefined) return text(response, 400, 'Bad request');
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(response, 405, 'Method not allowed');
  if (pathname === '/' || pathname === '/index.html') {
    if (!tokenOk(request)) return text(response, 401, 'hubdesk: open the URL with the token printed by `npm run serve`.');
    response.setHeader('Content-Security-Policy', CSP);
    response.setHeader('Cache-Control', 'no-store');
    return file(response, join(options.rendererDir, 'index.html'));
  }
  if (pathname === '/api/health') {
    if (!tokenOk(request)) return text(response, 401, 'token required');
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(options.health()));
    return;
  }
  // Built assets are public build output with no data in them; they need no token.
  const path = normalize(join(options.rendererDir, pathname));
  if (!path.startsWith(options.rendererDir + sep) || !existsSync(path) || !statSync(path).isFile()) {
    return text(response, 404, 'Not found');
  }
  return file(response, path);
}

function file(response: ServerResponse, path: string): void {
  const stream = createReadStream(path);
  stream.once('open', () => {
    response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' });
    stream.pipe(response);
  });
  // A missing build (or one being rebuilt) is a 404 for this request, not a crash of the host.
  stream.once('error', () => (response.headersSent ? response.destroy() : text(response, 404, 'Not found')));
}

function text(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(body);
}

async function closeServer(server: Server, wss: WebSocketServer): Promise<void> {
  for (const client of wss.clients) client.terminate();
  wss.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

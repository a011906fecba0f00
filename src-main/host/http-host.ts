// The headless host: serves the built renderer, /api/health and the contract's WebSocket, on
// 127.0.0.1 by default or, with TLS, on another interface. Every request needs a live token (the
// trader's or the viewer's); without one only the sign-in message is served.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname as machineName, networkInterfaces } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { Principal } from '../../src-shared/ipc/access';
import { RepeatWindows } from '../../src-shared/util/repeat-windows';
import type { TokenStore } from '../access/token-store';
import { isLoopback } from '../app/config';
import { CSP } from '../app/csp';
import type { EventPublisher } from '../ipc/event-publisher';
import type { Router } from '../ipc/router';
import { AccessGate } from './access-gate';
import { CLOSE_TOKEN_ENDED, DEFAULT_WS_LIMITS, serveWebSocket } from './ws-transport';
import type { WsCounters, WsLimits, WsSession } from './ws-transport';

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

/** The largest contract input (a settings proposal) is a few KiB; nothing needs more. */
export const MAX_WS_MESSAGE_BYTES = 64 * 1024;

export const SIGN_IN_MESSAGE =
  'hubdesk: sign-in needed. Open this console with its access link (npm run serve prints a trader link and a viewer link; a trader can rotate them in Settings).';

export interface HttpHostOptions {
  port: number;
  /** The interface to listen on; default 127.0.0.1. Anything else must come with `tls`. */
  listen?: string;
  tls?: { cert: Buffer; key: Buffer };
  /** The name people use to reach a non-loopback host; default this machine's host name. */
  publicHost?: string;
  rendererDir: string;
  router: Router;
  events: EventPublisher;
  tokens: TokenStore;
  health: (principal: Principal) => unknown;
  limits?: Partial<WsLimits>;
  logger?: Logger;
}

export interface HttpHost {
  /** The trader's link. */
  url: string;
  /** The viewer's (support staff's) link: read-only views. */
  viewerUrl: string;
  origin: string;
  readonly counters: Readonly<WsCounters>;
  dispose(): Promise<void>;
}

/** One summary line per this long while a damaged access file keeps refusing requests. */
const ACCESS_TROUBLE_WINDOW_MS = 10_000;

/** How often the host notices a token rotated by the command line and ends its sessions. */
const TOKEN_CHECK_MS = 1000;

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const listen = options.listen ?? '127.0.0.1';
  if (!isLoopback(listen) && !options.tls) throw new Error(`refusing to serve on ${listen} without TLS`);
  options.tokens.ensure();
  const scheme = options.tls ? 'https' : 'http';
  const limits: WsLimits = { ...DEFAULT_WS_LIMITS, ...options.limits };
  const counters: WsCounters = { rateLimited: 0, slowClosed: 0, badFrames: 0 };
  const sessions = new Set<WsSession>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES });
  const names = hostNames(listen, options.publicHost);
  let port = 0;
  // A damaged access file is said once in full, then as one count per window, not once per request.
  const troubles = new RepeatWindows<unknown>(ACCESS_TROUBLE_WINDOW_MS, ({ count }) =>
    options.logger?.error({ refusedMore: count }, `access file still unreadable: ${count} more requests refused`),
  );
  const accessFileTrouble = (error: unknown): void => {
    if (troubles.admit('access-file', error)) options.logger?.error({ err: error }, 'access file unreadable: nobody is admitted');
  };
  const gate = new AccessGate({ tokens: options.tokens, scheme, port: () => port, hostNames: names, onError: accessFileTrouble });
  const server: Server = options.tls
    ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, (request, response) => safely(request, response, options, gate))
    : createServer((request, response) => safely(request, response, options, gate));
  server.on('upgrade', (request, socket, head) => {
    // Node hands the raw socket over without its error listener: a reset must not end the process.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(request);
    const principal = url && gate.principal(request, url);
    if (!url || !principal || !gate.originAllowed(request) || decodedPath(url) !== '/ws') {
      socket.end(`HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${SIGN_IN_MESSAGE}`);
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      const isLive = (): boolean => options.tokens.isLive(principal.tokenId);
      const onError = (error: unknown): void => options.logger?.error({ err: error, tokenId: principal.tokenId }, 'WebSocket reply failed');
      const session = serveWebSocket(ws, { principal, isLive, router: options.router, events: options.events, limits, counters, onError });
      sessions.add(session);
      ws.on('close', () => sessions.delete(session));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, unbracket(listen), () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `${scheme}://${names[0]}:${port}`;
  const endRotated = (): void => {
    for (const session of sessions) if (!options.tokens.isLive(session.principal.tokenId)) session.close(CLOSE_TOKEN_ENDED, 'token rotated: open the new link');
  };
  // A rotation in this process ends its sessions at once; one by the command line within a second.
  const rotatedHere = options.tokens.onDidChange(endRotated);
  const rotatedElsewhere = setInterval(() => {
    try {
      options.tokens.refresh();
    } catch (error) {
      accessFileTrouble(error);
    }
    endRotated();
  }, TOKEN_CHECK_MS);
  const link = (role: 'trader' | 'viewer'): string => `${origin}/?token=${options.tokens.secretOf(role) ?? ''}`;
  return {
    url: link('trader'),
    viewerUrl: link('viewer'),
    origin,
    counters,
    dispose: async () => {
      clearInterval(rotatedElsewhere);
      rotatedHere.dispose();
      troubles.dispose();
      await closeServer(server, wss);
    },
  };
}

/** An address as it appears in a URL's host: IPv6 in brackets. */
function bracket(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
}

/** An address as `listen()` takes it: IPv6 without brackets. */
function unbracket(address: string): string {
  return address.replace(/^\[(.*)\]$/, '$1');
}

/** The names the console answers to; the first is the one its links use. */
function hostNames(listen: string, publicHost: string | undefined): string[] {
  const loopback = ['127.0.0.1', 'localhost', '[::1]'];
  if (isLoopback(listen)) return [...new Set([bracket(listen), ...loopback])];
  const wildcard = listen === '0.0.0.0' || unbracket(listen) === '::';
  const interfaces = Object.values(networkInterfaces())
    .flat()
    .flatMap((info) => (info ? [bracket(info.address)] : []));
  const own = bracket(listen);
  return [...new Set([publicHost ? bracket(publicHost) : wildcard ? machineName() : own, ...(wildcard ? interfaces : [own]), machineName(), ...loopback])];
}

/** A request that fails in our code is a 500 for that request, never the end of the host. */
function safely(request: IncomingMessage, response: ServerResponse, options: HttpHostOptions, gate: AccessGate): void {
  try {
    handle(request, response, options, gate);
  } catch (error) {
    options.logger?.error({ err: error }, 'request failed');
    if (!response.headersSent) text(response, 500, 'Internal error in the console; see its log.');
    else response.destroy();
  }
}

/** The request's URL, or undefined when it cannot be parsed (answered 400, never thrown). */
function requestUrl(request: IncomingMessage): URL | undefined {
  try {
    return new URL(request.url ?? '/', 'http://host.invalid');
  } catch {
    return undefined;
  }
}

function decodedPath(url: URL): string | undefined {
  try {
    return decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
}

function handle(request: IncomingMessage, response: ServerResponse, options: HttpHostOptions, gate: AccessGate): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('X-Frame-Options', 'DENY');
  if (options.tls) response.setHeader('Strict-Transport-Security', 'max-age=31536000');
  const url = requestUrl(request);
  const pathname = url && decodedPath(url);
  if (!url || pathname === undefined) return text(response, 400, 'Bad request');
  const principal = gate.principal(request, url);
  if (!principal) return text(response, 401, SIGN_IN_MESSAGE);
  const reading = request.method === 'GET' || request.method === 'HEAD';
  if (!reading && principal.role === 'viewer') return text(response, 403, 'Forbidden: a viewer link is read-only; nothing was done.');
  if (!reading) return text(response, 405, 'Method not allowed: this host serves pages and /api/health; actions go over the WebSocket.');
  if (pathname === '/' || pathname === '/index.html') {
    const presented = url.searchParams.get('token');
    if (presented) response.setHeader('Set-Cookie', gate.sessionCookie(presented));
    response.setHeader('Content-Security-Policy', CSP);
    response.setHeader('Cache-Control', 'no-store');
    return file(response, join(options.rendererDir, 'index.html'));
  }
  if (pathname === '/api/health') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    response.end(JSON.stringify(options.health(principal)));
    return;
  }
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

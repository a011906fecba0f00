// The headless host as a browser or another local user meets it: the page, its assets, the API and
// the WebSocket need a token; a WebSocket from another origin is refused; bad frames get a coded
// error and the connection keeps working; paths outside the renderer are not served.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { startHttpHost } from '../../src-main/host/http-host';
import type { HttpHost } from '../../src-main/host/http-host';
import { testConfig } from '../support/console-config';

let app: ConsoleApp;
let host: HttpHost;
let base: string;
let token: string;

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'hubdesk-host-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>hubdesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(root, 'secret.txt'), 'not for the web');
  app = await startConsoleApp(testConfig({ dataDir: join(root, 'data') }), pino({ level: 'silent' }));
  host = await startHttpHost({ port: 0, rendererDir, router: app.router, events: app.events, tokens: app.access, health: () => ({ state: app.hub.connection.state }) });
  base = new URL(host.url).origin;
  token = new URL(host.url).searchParams.get('token') ?? '';
});

afterAll(async () => {
  await host.dispose();
  await app.dispose();
});

/** Sends one raw HTTP request line (which fetch would refuse to send) and returns the status line. */
function rawStatus(requestLine: string): Promise<string> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(`${requestLine}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('end', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

function openSocket(query: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace('http', 'ws')}/ws${query}`, origin ? { origin } : {});
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

function nextReply(socket: WebSocket): Promise<{ id: number; result: { ok: boolean; error?: { code: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type !== 'reply') return;
      socket.off('message', onMessage);
      resolve(message as never);
    };
    socket.on('message', onMessage);
  });
}

describe('headless host', () => {
  it('serves the page and the API only with the token, on 127.0.0.1', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await fetch(`${base}/api/health`)).status).toBe(401);
    expect(await (await fetch(`${base}/api/health`, { headers: { authorization: `Bearer ${token}` } })).json()).toHaveProperty('state');
  });

  it('serves built assets to a signed-in page, but nothing outside the renderer folder', async () => {
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    const cookie = (await fetch(host.url)).headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const session = { cookie: cookie.split(';')[0] ?? '' };
    expect((await fetch(`${base}/assets/app.js`, { headers: session })).status).toBe(200);
    expect((await fetch(`${base}/..%2Fsecret.txt`, { headers: session })).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2F..%2Fsecret.txt`, { headers: session })).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST', headers: session })).status).toBe(405);
  });

  it('answers malformed request paths with 400 and keeps serving', async () => {
    for (const raw of ['GET /%E0%A4%A HTTP/1.1', 'GET //[ HTTP/1.1', 'GET /ws?token=%ZZ HTTP/1.1']) {
      const status = await rawStatus(raw);
      expect(status).toMatch(/^HTTP\/1\.1 (400|401|404)/);
    }
    expect((await fetch(host.url)).status).toBe(200);
  });

  it('refuses a WebSocket without the token or from another origin', async () => {
    await expect(openSocket('')).rejects.toThrow(/401/);
    await expect(openSocket('?token=nope')).rejects.toThrow(/401/);
    await expect(openSocket(`?token=${token}`, 'http://evil.example')).rejects.toThrow(/401/);
  });

  it('answers bad frames with a coded error and keeps serving the same socket', async () => {
    const socket = await openSocket(`?token=${token}`, base);
    try {
      for (const frame of ['not json', '{"type":"invoke"}', JSON.stringify({ type: 'invoke', id: 'x', channel: 1 })]) {
        const reply = nextReply(socket);
        socket.send(frame);
        expect((await reply).result.error?.code).toBe('BAD_INPUT');
      }
      const unknown = nextReply(socket);
      socket.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'orders:delete', input: {} }));
      expect(await unknown).toMatchObject({ id: 7, result: { ok: false, error: { code: 'UNKNOWN_CHANNEL' } } });
      const badTicket = nextReply(socket);
      socket.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'orders:place', input: { clientOrderId: 'x', volume: 'lots' } }));
      expect(await badTicket).toMatchObject({ id: 8, result: { ok: false, error: { code: 'BAD_INPUT' } } });
      const snapshot = nextReply(socket);
      socket.send(JSON.stringify({ type: 'invoke', id: 9, channel: 'session:snapshot', input: {} }));
      expect(await snapshot).toMatchObject({ id: 9, result: { ok: true } });
    } finally {
      socket.close();
    }
  });

  it('pushes contract events to a connected socket', async () => {
    const socket = await openSocket(`?token=${token}`, base);
    try {
      const event = await new Promise<{ channel: string }>((resolve) => {
        socket.on('message', (data) => {
          const message = JSON.parse(String(data)) as { type: string; channel: string };
          if (message.type === 'event' && message.channel === 'quotes:changed') resolve(message);
        });
      });
      expect(event.channel).toBe('quotes:changed');
    } finally {
      socket.close();
    }
  });
});

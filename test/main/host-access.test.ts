// Roles and exposure on the headless host, as support staff, a trader and an intruder meet them:
// a viewer link can watch but never trade or change anything; without a live token, from another
// Origin or under another Host name only the sign-in message is served; rotating a token ends its
// sessions; a connection that floods, oversends or stops reading is cut off, not buffered for.
import { request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { TokenStore } from '../../src-main/access/token-store';
import { SIGN_IN_MESSAGE, startHttpHost } from '../../src-main/host/http-host';
import type { HttpHost } from '../../src-main/host/http-host';
import { CLOSE_TOKEN_ENDED, CLOSE_TOO_SLOW } from '../../src-main/host/ws-transport';
import { testConfig } from '../support/console-config';
import { rawUpgrade, textFrame } from '../support/raw-ws';
import { WsClient } from '../support/ws-client';

let app: ConsoleApp;
let host: HttpHost;
let rendererDir: string;
const hosts: HttpHost[] = [];

async function extraHost(limits: Parameters<typeof startHttpHost>[0]['limits']): Promise<HttpHost> {
  const started = await startHttpHost({ port: 0, rendererDir, router: app.router, events: app.events, tokens: app.access, health: () => ({}), limits });
  hosts.push(started);
  return started;
}

async function ledgerOrders(): Promise<number> {
  const snapshot = await app.local.invoke('session:snapshot', {});
  return snapshot.ok ? (snapshot.result as { orders: { orders: unknown[] } }).orders.orders.length : -1;
}

beforeAll(async () => {
  const root = mkdtempSync(join(tmpdir(), 'hubdesk-access-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>hubdesk</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'export {};');
  app = await startConsoleApp(testConfig({ dataDir: join(root, 'data') }), pino({ level: 'silent' }));
  host = await startHttpHost({ port: 0, rendererDir, router: app.router, events: app.events, tokens: app.access, health: (principal) => ({ role: principal.role }) });
  hosts.push(host);
  for (let waited = 0; app.hub.connection.state !== 'up' && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
});

afterAll(async () => {
  for (const started of hosts) await started.dispose();
  await app.dispose();
});

/** A raw GET with any Host header (fetch will not send one of our choosing). */
function rawGet(path: string, hostHeader: string): Promise<{ status: number; body: string }> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, headers: { host: hostHeader } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('a viewer link', () => {
  it('is printed beside the trader link, with a different token', () => {
    const trader = new URL(host.url).searchParams.get('token');
    const viewer = new URL(host.viewerUrl).searchParams.get('token');
    expect(viewer).toMatch(/^[\w-]{43}$/);
    expect(viewer).not.toBe(trader);
  });

  it('cannot place, cancel, resubmit, release a hold or change settings over the WebSocket', async () => {
    const viewer = await WsClient.open(host.viewerUrl, { origin: host.origin });
    try {
      const before = await ledgerOrders();
      const ticket = { clientOrderId: 'HD-viewer-1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 };
      const attempts: [string, unknown][] = [
        ['tickets:create', {}],
        ['orders:place', ticket],
        ['orders:cancel', { clientOrderId: 'HD-viewer-1' }],
        ['orders:resubmit', { clientOrderId: 'HD-viewer-1', confirm: true }],
        ['orders:confirmHeld', { clientOrderId: 'HD-viewer-1' }],
        ['orders:dropHeld', { clientOrderId: 'HD-viewer-1' }],
        ['settings:propose', { changes: { duplicateWindowMs: 0 }, author: 'viewer' }],
        ['settings:rollback', { id: 1, author: 'viewer', reason: 'x' }],
        ['alerts:setRule', { id: 'p99', threshold: 1 }],
        ['reports:push', { window: '1h' }],
        ['notion:configure', { databaseId: 'x' }],
        ['access:rotate', { role: 'trader' }],
      ];
      for (const [channel, input] of attempts) {
        const reply = await viewer.call(channel, input);
        expect(reply, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      }
      expect(await ledgerOrders()).toBe(before);
    } finally {
      viewer.close();
    }
  });

  it('sees health, alerts, retries and checks, but no orders, quotes or account', async () => {
    const viewer = await WsClient.open(host.viewerUrl, { origin: host.origin });
    const trader = await WsClient.open(host.url, { origin: host.origin });
    try {
      const snapshot = await viewer.call('session:snapshot');
      expect(snapshot).toMatchObject({ ok: true, result: { principal: { role: 'viewer' }, orders: { orders: [] }, quotes: [], symbols: [], account: { account: null } } });
      for (const channel of ['health:now', 'alerts:list', 'alerts:rules', 'retries:list', 'checks:summary']) {
        expect((await viewer.call(channel)).ok, channel).toBe(true);
      }
      const id = ((await trader.call('tickets:create')).result as { clientOrderId: string }).clientOrderId;
      expect(await trader.call('orders:place', { clientOrderId: id, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 })).toMatchObject({ ok: true });
      await expect.poll(() => trader.events.some((event) => event.channel === 'orders:changed'), { timeout: 5000 }).toBe(true);
      await expect.poll(() => viewer.events.some((event) => event.channel === 'health:changed'), { timeout: 5000 }).toBe(true);
      const seen = new Set(viewer.events.map((event) => event.channel));
      for (const hidden of ['orders:changed', 'quotes:changed', 'account:changed', 'symbols:changed', 'settings:changed', 'outbox:changed']) expect(seen.has(hidden), hidden).toBe(false);
    } finally {
      viewer.close();
      trader.close();
    }
  });

  it('reads /api/health but no other route or method', async () => {
    const token = new URL(host.viewerUrl).searchParams.get('token') ?? '';
    const auth = { authorization: `Bearer ${token}` };
    expect(await (await fetch(`${host.origin}/api/health`, { headers: auth })).json()).toEqual({ role: 'viewer' });
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await fetch(`${host.origin}/api/health`, { method, headers: auth })).status, method).toBe(403);
      for (const route of ['/api/orders', '/api/orders/place', '/api/settings', '/ws']) {
        const response = await fetch(`${host.origin}${route}`, { method, headers: auth, body: '{"symbol":"EURUSD","volume":1}' });
        expect(response.status, `${method} ${route}`).toBe(403);
        expect(await response.text()).toMatch(/read-only; nothing was done/);
      }
    }
    expect((await fetch(`${host.origin}/api/orders`, { headers: auth })).status).toBe(404);
  });
});

describe('without a token, from another Origin, under another Host name', () => {
  it('serves nothing but the sign-in message', async () => {
    for (const path of ['/', '/index.html', '/assets/app.js', '/api/health', '/ws', '/no-such-page', '/?token=guess']) {
      const response = await fetch(`${host.origin}${path}`);
      expect(response.status, path).toBe(401);
      expect(await response.text(), path).toBe(SIGN_IN_MESSAGE);
    }
    await expect(WsClient.open(`${host.origin}/`, { origin: host.origin })).rejects.toThrow(/401/);
  });

  it('refuses a WebSocket from another Origin even with the trader token', async () => {
    for (const origin of ['http://evil.example', 'null', host.origin.replace('http:', 'https:'), `http://127.0.0.1:${Number(new URL(host.origin).port) + 1}`]) {
      await expect(WsClient.open(host.url, { origin }), origin).rejects.toThrow(/401/);
    }
  });

  it('survives clients that reset their connection on a refused upgrade', async () => {
    const port = Number(new URL(host.origin).port);
    for (let i = 0; i < 5; i++) {
      const { socket } = await rawUpgrade(port, '/ws?token=guess');
      socket.resetAndDestroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await fetch(`${host.origin}/api/health`, { headers: { authorization: `Bearer ${app.access.secretOf('viewer') ?? ''}` } })).status).toBe(200);
  });

  it('keeps its session cookie apart from the token, and valid on its own port only', async () => {
    const cookie = (await fetch(host.url)).headers.get('set-cookie') ?? '';
    const [pair = ''] = cookie.split(';');
    const value = pair.split('=')[1] ?? '';
    expect(value).toMatch(/^[\w-]{43}$/);
    expect(cookie).not.toContain(new URL(host.url).searchParams.get('token') ?? '');
    expect((await fetch(`${host.origin}/api/health`, { headers: { cookie: pair } })).status).toBe(200);
    const other = await extraHost({});
    const { port } = new URL(other.origin);
    expect((await fetch(`${other.origin}/api/health`, { headers: { cookie: `hubdesk_${port}=${value}` } })).status).toBe(401);
  });

  it('refuses a request naming another host (DNS rebinding) even with the token', async () => {
    const { port, search } = new URL(host.url);
    expect((await rawGet(`/${search}`, `attacker.example:${port}`)).status).toBe(401);
    expect((await rawGet(`/${search}`, `localhost:${port}`)).status).toBe(200);
  });
});

describe('per-connection limits', () => {
  it('answers a flood with RATE_LIMITED and keeps the connection usable', async () => {
    const limited = await extraHost({ ratePerSec: 20 });
    const client = await WsClient.open(limited.url, { origin: limited.origin });
    try {
      // A burst of 40 (twice the rate) passes; most of 300 sent at once cannot.
      const replies = await Promise.all(Array.from({ length: 300 }, () => client.call('health:now')));
      const refused = replies.filter((reply) => reply.error?.code === 'RATE_LIMITED').length;
      expect(refused).toBeGreaterThanOrEqual(150);
      expect(replies.length - refused).toBeGreaterThanOrEqual(40);
      expect(limited.counters.rateLimited).toBe(refused);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await client.call('health:now')).toMatchObject({ ok: true });
    } finally {
      client.close();
    }
  });

  it('closes a connection that sends a frame over 64 KiB; others carry on', async () => {
    const big = await WsClient.open(host.url, { origin: host.origin });
    const other = await WsClient.open(host.url, { origin: host.origin });
    try {
      big.socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'health:now', input: { pad: 'x'.repeat(70 * 1024) } }));
      expect((await big.closed).code).toBe(1009);
      expect(await other.call('health:now')).toMatchObject({ ok: true });
    } finally {
      big.close();
      other.close();
    }
  });

  it('cuts off a client that stops reading instead of buffering for it', async () => {
    const tight = await extraHost({ ratePerSec: 100_000, maxBufferedBytes: 256 * 1024 });
    const stalled = await WsClient.open(tight.url, { origin: tight.origin });
    try {
      stalled.socket.pause();
      // Each snapshot reply carries the symbols and quotes; thousands of them overflow the kernel's
      // socket buffers, after which the host must stop queueing and end the connection.
      for (let sent = 0; sent < 20_000 && tight.counters.slowClosed === 0; sent += 200) {
        for (let i = 0; i < 200; i++) void stalled.call('session:snapshot');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await expect.poll(() => tight.counters.slowClosed, { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      stalled.socket.resume();
      const { code } = await stalled.closed;
      expect([CLOSE_TOO_SLOW, 1006]).toContain(code);
      const fresh = await WsClient.open(tight.url, { origin: tight.origin });
      expect(await fresh.call('health:now')).toMatchObject({ ok: true });
      fresh.close();
    } finally {
      stalled.close();
    }
  });
});

describe('token rotation', () => {
  it('from Settings (a trader call): the old viewer token stops at once and its sessions end', async () => {
    const oldViewer = await WsClient.open(host.viewerUrl, { origin: host.origin });
    const trader = await WsClient.open(host.url, { origin: host.origin });
    try {
      const rotated = await trader.call('access:rotate', { role: 'viewer' });
      expect(rotated).toMatchObject({ ok: true, result: { token: { role: 'viewer' } } });
      const secret = (rotated.result as { secret: string }).secret;
      expect((await oldViewer.closed).code).toBe(CLOSE_TOKEN_ENDED);
      expect((await fetch(host.viewerUrl)).status).toBe(401);
      const fresh = await WsClient.open(`${host.origin}/?token=${secret}`, { origin: host.origin });
      expect(await fresh.call('health:now')).toMatchObject({ ok: true });
      fresh.close();
      const status = await trader.call('access:status');
      expect(JSON.stringify(status)).not.toContain(secret);
    } finally {
      oldViewer.close();
      trader.close();
    }
  });

  it('from the command line (another process writing the access file): the running host follows', async () => {
    const trader = await WsClient.open(host.url, { origin: host.origin });
    try {
      const { secret } = new TokenStore(app.access.file).rotate('trader');
      expect((await trader.closed).code).toBe(CLOSE_TOKEN_ENDED);
      expect((await fetch(host.url)).status).toBe(401);
      expect((await fetch(`${host.origin}/?token=${secret}`)).status).toBe(200);
    } finally {
      trader.close();
    }
  });

  it('a client that ignores the close after its token is rotated is served nothing more', async () => {
    const port = Number(new URL(host.origin).port);
    const { socket, status } = await rawUpgrade(port, `/ws?token=${app.access.secretOf('trader') ?? ''}`);
    expect(status).toMatch(/101/);
    const place = (n: number): void => {
      const order = { clientOrderId: `HD-revoked-${n}`, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 };
      socket.write(textFrame(JSON.stringify({ type: 'invoke', id: n, channel: 'orders:place', input: order })));
    };
    app.access.rotate('trader');
    for (let n = 1; n <= 5; n++) {
      place(n);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(socket.destroyed || socket.readableEnded).toBe(true);
    const snapshot = await app.local.invoke('session:snapshot', {});
    const ids = snapshot.ok ? (snapshot.result as { orders: { orders: { clientOrderId: string }[] } }).orders.orders.map((order) => order.clientOrderId) : [];
    expect(ids.filter((id) => id.startsWith('HD-revoked-'))).toEqual([]);
  });
});

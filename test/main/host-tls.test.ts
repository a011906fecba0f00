// Serving beyond this machine is deliberate: loopback by default, any other interface only with
// TLS. A console asked for `--listen 0.0.0.0` without a certificate refuses to start and says why;
// with one, pages, cookies and the WebSocket are HTTPS/WSS only. (Tests bind 127.0.0.1 only.)
import { request as httpsRequest } from 'node:https';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src-main/app/config';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { startHttpHost } from '../../src-main/host/http-host';
import type { HttpHost } from '../../src-main/host/http-host';
import { testConfig } from '../support/console-config';
import { WsClient } from '../support/ws-client';
import { runTool } from './tools/run-tool';

let root: string;
let app: ConsoleApp;
let host: HttpHost;
let cert: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hubdesk-tls-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>hubdesk</title>');
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    notAfterDate: new Date(Date.now() + 86_400_000),
    keyType: 'ec',
    curve: 'P-256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  cert = pems.cert;
  app = await startConsoleApp(testConfig({ dataDir: join(root, 'data') }), pino({ level: 'silent' }));
  host = await startHttpHost({
    port: 0,
    listen: '127.0.0.1',
    tls: { cert: Buffer.from(pems.cert), key: Buffer.from(pems.private) },
    rendererDir,
    router: app.router,
    events: app.events,
    tokens: app.access,
    health: () => ({}),
  });
});

afterAll(async () => {
  await host?.dispose();
  await app?.dispose();
});

function get(url: string): Promise<{ status: number; cookie: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { ca: cert }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0, cookie: String(response.headers['set-cookie'] ?? '') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('exposure', () => {
  it('refuses --listen 0.0.0.0 without TLS in the configuration, naming the flags it needs', () => {
    const load = (argv: string[]) => () => loadConfig({ argv, env: {}, defaultDataDir: root });
    expect(load(['--listen', '0.0.0.0'])).toThrow(ConfigError);
    expect(load(['--listen', '0.0.0.0'])).toThrow(/without encryption.*--tls-cert FILE and --tls-key FILE/);
    expect(load(['--listen', '192.168.1.20', '--tls-cert', 'c.pem'])).toThrow(/both --tls-cert and --tls-key/);
    expect(load(['--listen', '127.0.0.1'])().listen).toBe('127.0.0.1');
  });

  it('`npm run serve -- --listen 0.0.0.0` exits 2 and says why, serving nothing', async () => {
    const run = await runTool('src-main/host/cli.ts', ['--listen', '0.0.0.0', '--port', '0', '--data-dir', join(root, 'serve')], 60_000);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--listen 0\.0\.0\.0 would serve the console beyond this machine without encryption/);
  });

  it('refuses to start a host on a non-loopback interface without TLS', async () => {
    await expect(startHttpHost({ port: 0, listen: '0.0.0.0', rendererDir: root, router: app.router, events: app.events, tokens: app.access, health: () => ({}) })).rejects.toThrow(/without TLS/);
  });
});

describe('with TLS', () => {
  it('serves the links over HTTPS with a Secure session cookie', async () => {
    expect(host.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const page = await get(host.url);
    expect(page.status).toBe(200);
    expect(page.cookie).toMatch(/HttpOnly; SameSite=Strict; Secure/);
    expect((await get(host.origin)).status).toBe(401);
  });

  it('speaks WSS to its own https Origin only', async () => {
    const client = await WsClient.open(host.viewerUrl, { origin: host.origin, ca: cert });
    expect(await client.call('health:now')).toMatchObject({ ok: true });
    client.close();
    await expect(WsClient.open(host.viewerUrl, { origin: host.origin.replace('https:', 'http:'), ca: cert })).rejects.toThrow(/401/);
  });
});

// `npm run serve`: the console without Electron. Builds the renderer if it is missing, starts the
// console core and the host, then prints one JSON line {"url": …, "viewerUrl": …} on stdout.
// Logs go to stderr (never a token).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../app/config';
import type { ConsoleConfig } from '../app/config';
import { startConsoleApp } from '../app/console-app';
import type { ConsoleApp } from '../app/console-app';
import { defaultDataDir } from '../app/data-dir';
import { createLogger } from '../app/logger';
import { startHttpHost } from './http-host';
import type { HttpHost } from './http-host';

const ROOT = resolve(__dirname, '..', '..');
const RENDERER_DIR = join(ROOT, 'out', 'renderer');

function ensureRendererBuilt(): void {
  if (existsSync(join(RENDERER_DIR, 'index.html'))) return;
  process.stderr.write('hubdesk serve: building the renderer (first run)…\n');
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (build.status !== 0) throw new Error('electron-vite build failed; see the output above');
}

/**
 * Waits (bounded) for the hub's first hello, so a timeout that disagrees with the hub's is refused
 * at start. A hub that is not up yet is no reason to stop: the console keeps connecting.
 */
async function firstHello(app: ConsoleApp, waitMs: number): Promise<string | null> {
  const settled = (): boolean => app.hub.connection.hub !== null || app.hub.connection.refusal !== null;
  if (!settled()) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, waitMs);
      const subscription = app.hub.onDidChangeConnection(() => settled() && done());
      function done(): void {
        clearTimeout(timer);
        subscription.dispose();
        resolve();
      }
    });
  }
  return app.hub.connection.refusal;
}

/** The PEM files, read before anything starts so a wrong path stops start-up with its name. */
function readTls(config: ConsoleConfig): { cert: Buffer; key: Buffer } | undefined {
  if (config.tlsCert === undefined || config.tlsKey === undefined) return undefined;
  const read = (flag: string, path: string): Buffer => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new ConfigError(`${flag} ${path}: ${(error as Error).message}`);
    }
  };
  return { cert: read('--tls-cert', config.tlsCert), key: read('--tls-key', config.tlsKey) };
}

async function main(): Promise<void> {
  const config = loadConfig({ argv: process.argv.slice(2), env: process.env, defaultDataDir: defaultDataDir() });
  const tls = readTls(config);
  ensureRendererBuilt();
  const logger = createLogger(config);
  const app = await startConsoleApp(config, logger);
  const refusal = await firstHello(app, config.initialRequestTimeoutMs * 2);
  if (refusal) {
    await app.dispose();
    throw new ConfigError(refusal);
  }
  let host: HttpHost;
  try {
    host = await startHttpHost({
      port: config.port,
      ...(config.listen ? { listen: config.listen } : {}),
      ...(tls ? { tls } : {}),
      ...(config.publicHost ? { publicHost: config.publicHost } : {}),
      ...(config.wsRatePerSec ? { limits: { ratePerSec: config.wsRatePerSec } } : {}),
      rendererDir: RENDERER_DIR,
      router: app.router,
      events: app.events,
      tokens: app.access,
      logger: logger.child({ part: 'host' }),
      health: () => ({
        connection: app.hub.connection,
        hubClient: app.hub.stats(),
        latency: app.metrics.cumulative(),
        availability: app.metrics.availability(),
        health: app.health.current(),
        host: host.counters,
      }),
    });
  } catch (error) {
    await app.dispose();
    throw new ConfigError(`cannot serve on ${config.listen ?? '127.0.0.1'}:${config.port}: ${(error as Error).message}`);
  }
  const ready = { url: host.url, viewerUrl: host.viewerUrl, hub: app.hub.connection.address, dataDir: config.dataDir, ...(app.prometheus ? { metricsUrl: app.prometheus.url } : {}) };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void host
      .dispose()
      .then(() => app.dispose())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`hubdesk serve: ${message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});

// `npm run serve`: the console without Electron. Builds the renderer if it is missing, starts the
// console core and the host, then prints one JSON line {"url": …} on stdout. Logs go to stderr.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../app/config';
import { startConsoleApp } from '../app/console-app';
import type { ConsoleApp } from '../app/console-app';
import { defaultDataDir } from '../app/data-dir';
import { createLogger } from '../app/logger';
import { startHttpHost } from './http-host';

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

async function main(): Promise<void> {
  const config = loadConfig({ argv: process.argv.slice(2), env: process.env, defaultDataDir: defaultDataDir() });
  ensureRendererBuilt();
  const logger = createLogger(config);
  const app = await startConsoleApp(config, logger);
  const refusal = await firstHello(app, config.initialRequestTimeoutMs * 2);
  if (refusal) {
    await app.dispose();
    throw new ConfigError(refusal);
  }
  const host = await startHttpHost({
    port: config.port,
    rendererDir: RENDERER_DIR,
    router: app.router,
    events: app.events,
    health: () => ({
      connection: app.hub.connection,
      hubClient: app.hub.stats(),
      latency: app.metrics.cumulative(),
      availability: app.metrics.availability(),
      health: app.health.current(),
    }),
  });
  const ready = { url: host.url, hub: app.hub.connection.address, dataDir: config.dataDir, ...(app.prometheus ? { metricsUrl: app.prometheus.url } : {}) };
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

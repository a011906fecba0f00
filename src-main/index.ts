// Electron entry: builds the console core from the config, opens the sandboxed window and serves
// the IPC contract over Electron IPC. Everything else lives in the Electron-free core. The
// security guards (docs/security.md) are installed before the first window can exist.
import { join } from 'node:path';
import { BrowserWindow, Notification, app, ipcMain, protocol, session } from 'electron';
import { ConfigError, loadConfig, pickConsoleArgs } from './app/config';
import { startConsoleApp } from './app/console-app';
import type { ConsoleApp } from './app/console-app';
import { CSP } from './app/csp';
import { createLogger } from './app/logger';
import { denyAllPermissions, guardEveryWebContents } from './electron/hardening';
import { attachIpcTransport } from './electron/ipc-transport';
import { createMainWindow } from './electron/main-window';
import { safeStorageNotionToken } from './electron/notion-token';
import { RENDERER_INDEX_URL, RENDERER_SCHEME, rendererUrlCheck, serveRenderer } from './electron/renderer-protocol';

// Both must run before ready: every renderer sandboxed whatever its options, and our scheme known.
app.enableSandbox();
protocol.registerSchemesAsPrivileged([RENDERER_SCHEME]);

// The dev server is honoured only unpackaged: an environment variable never picks the page a
// shipped app loads (the fuses close NODE_OPTIONS and --inspect for the same reason).
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const isTrustedUrl = rendererUrlCheck(devServerUrl);
guardEveryWebContents(app, isTrustedUrl);
let core: ConsoleApp | undefined;

async function openWindow(): Promise<BrowserWindow> {
  const window = createMainWindow(BrowserWindow, join(__dirname, '..', 'preload', 'index.cjs'));
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? RENDERER_INDEX_URL);
  return window;
}

async function main(): Promise<void> {
  await app.whenReady();
  const argv = pickConsoleArgs(process.argv.slice(1));
  const config = loadConfig({ argv, env: process.env, defaultDataDir: app.getPath('userData') });
  const logger = createLogger(config);
  denyAllPermissions(session.defaultSession);
  serveRenderer(protocol, join(__dirname, '..', 'renderer'), CSP);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  core = await startConsoleApp(config, logger, { notion: safeStorageNotionToken(config.dataDir, process.env) });
  const transport = attachIpcTransport(ipcMain, core.router, core.events, () => BrowserWindow.getAllWindows().map((w) => w.webContents), isTrustedUrl);
  await openWindow();
  // Support staff hear of a firing alert even with the window in the background.
  core.health.alerts.onDidChange((events) => {
    if (!Notification.isSupported()) return;
    for (const event of events) {
      if (event.resolvedAt === null) new Notification({ title: 'hubdesk alert', body: event.message }).show();
    }
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    const running = core;
    if (!running) return;
    event.preventDefault();
    core = undefined;
    transport.dispose();
    void running.dispose().finally(() => app.quit());
  });
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`hubdesk: ${message}\n`);
  app.exit(error instanceof ConfigError ? 2 : 1);
});

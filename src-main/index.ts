// Electron entry: builds the console core from the config, opens the sandboxed window and serves
// the IPC contract over Electron IPC. Everything else lives in the Electron-free core.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, Notification, app, ipcMain, session, shell } from 'electron';
import { ConfigError, loadConfig, pickConsoleArgs } from './app/config';
import { startConsoleApp } from './app/console-app';
import type { ConsoleApp } from './app/console-app';
import { CSP } from './app/csp';
import { createLogger } from './app/logger';
import { attachIpcTransport } from './electron/ipc-transport';
import { safeStorageNotionToken } from './electron/notion-token';
import { mainWindowOptions } from './electron/window-options';

const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(__dirname, '..', 'renderer', 'index.html');
let core: ConsoleApp | undefined;

/** Only our own renderer: the dev server's exact origin, or the exact built index.html. */
function isTrustedUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (rendererUrl) return parsed.origin === new URL(rendererUrl).origin;
  return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname) === decodeURIComponent(pathToFileURL(rendererFile).pathname);
}

async function openWindow(): Promise<BrowserWindow> {
  const window = new BrowserWindow(mainWindowOptions(join(__dirname, '..', 'preload', 'index.cjs')));
  window.once('ready-to-show', () => window.show());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isTrustedUrl(url)) event.preventDefault();
  });
  if (rendererUrl) await window.loadURL(rendererUrl);
  else await window.loadFile(rendererFile);
  return window;
}

async function main(): Promise<void> {
  await app.whenReady();
  const argv = pickConsoleArgs(process.argv.slice(1));
  const config = loadConfig({ argv, env: process.env, defaultDataDir: app.getPath('userData') });
  const logger = createLogger(config);
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

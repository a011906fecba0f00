// The Electron shell's security settings, checked without the Electron binary (absent on CI): the
// window's web preferences, the app:// renderer protocol, the navigation, window, <webview> and
// permission guards, the IPC sender check and the packaging fuses. Electron's objects are fakes
// here (the real ones exist only inside Electron); test/e2e/electron checks the app for real.
import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { afterPack } from '../../scripts/after-pack.cjs';
import type { PackedApp } from '../../scripts/after-pack.cjs';
import { createRawBridge } from '../../src-preload/expose';
import type { IpcRendererLike } from '../../src-preload/expose';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import { denyAllPermissions, guardEveryWebContents, guardWebContents } from '../../src-main/electron/hardening';
import { attachIpcTransport } from '../../src-main/electron/ipc-transport';
import { createMainWindow } from '../../src-main/electron/main-window';
import { RENDERER_INDEX_URL, rendererUrlCheck, serveRenderer } from '../../src-main/electron/renderer-protocol';
import { EventPublisher } from '../../src-main/ipc/event-publisher';

const ours = rendererUrlCheck(undefined);
const scratch = mkdtempSync(join(tmpdir(), 'hubdesk-shell-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('main window', () => {
  it('is sandboxed and context-isolated, without Node integration, webviews or insecure content', () => {
    class RecordingWindow {
      constructor(readonly options: BrowserWindowConstructorOptions) {}
    }
    const prefs = createMainWindow(RecordingWindow, '/app/preload/index.cjs').options.webPreferences ?? {};
    expect(prefs.preload).toBe('/app/preload/index.cjs');
    for (const key of ['sandbox', 'contextIsolation', 'webSecurity'] as const) expect([key, prefs[key]]).toEqual([key, true]);
    const off = ['nodeIntegration', 'nodeIntegrationInWorker', 'nodeIntegrationInSubFrames', 'allowRunningInsecureContent', 'experimentalFeatures', 'webviewTag'] as const;
    for (const key of off) expect([key, prefs[key]]).toEqual([key, false]);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });
});

describe('preload bridge', () => {
  const calls: string[] = [];
  const ipc: IpcRendererLike = {
    invoke: async (channel) => {
      calls.push(channel);
      return { ok: true, result: null };
    },
    on: () => undefined,
    removeListener: () => undefined,
  };
  const bridge = createRawBridge(ipc);

  it('exposes only invoke and on, frozen', () => {
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('passes contract channels and refuses any other before it reaches ipcRenderer', async () => {
    await bridge.invoke('orders:place', {});
    await expect(bridge.invoke('shell:openExternal', {})).rejects.toThrow(/not in the hubdesk contract/);
    expect(() => bridge.on('ELECTRON_BROWSER_REQUIRE', () => undefined)).toThrow(/not in the hubdesk contract/);
    expect(calls).toEqual(['orders:place']);
  });
});

describe('Electron IPC transport', () => {
  it('serves the main frame of our page and refuses subframes, other pages and vanished frames', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    // A stand-in for ipcMain: it records the handlers.
    const ipcMain = { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) };
    const seen: unknown[] = [];
    const router = { invoke: async (channel: unknown) => (seen.push(channel), { ok: true as const, result: 'served' }) };
    const events = new EventPublisher();
    const transport = attachIpcTransport(ipcMain as never, router, events, () => [], ours);

    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const place = handlers.get('orders:place')!;
    const mainFrame = { url: RENDERER_INDEX_URL, parent: null };
    expect(await place({ senderFrame: mainFrame }, {})).toEqual({ ok: true, result: 'served' });
    const refused = [
      { senderFrame: { url: RENDERER_INDEX_URL, parent: mainFrame } },
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'file:///app/renderer/index.html', parent: null } },
      { senderFrame: null },
    ];
    for (const event of refused) expect(await place(event, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(seen).toEqual(['orders:place']);

    transport.dispose();
    events.dispose();
    expect(handlers.size).toBe(0);
  });
});

describe('renderer URLs', () => {
  it('trusts only app://hubdesk/ when packaged, and only the dev server origin in development', () => {
    const cases: [check: (url: string) => boolean, url: string, trusted: boolean][] = [
      [ours, 'app://hubdesk/index.html', true],
      [ours, 'app://hubdesk/assets/index.js', true],
      [ours, 'app://evil/index.html', false],
      [ours, 'https://hubdesk/index.html', false],
      [ours, 'file:///opt/hubdesk/resources/app.asar/out/renderer/index.html', false],
      [ours, 'not a url', false],
      [rendererUrlCheck('http://localhost:5173'), 'http://localhost:5173/src/main.tsx', true],
      [rendererUrlCheck('http://localhost:5173'), 'http://localhost:5174/', false],
      [rendererUrlCheck('http://localhost:5173'), 'app://hubdesk/index.html', false],
    ];
    for (const [check, url, trusted] of cases) expect([url, check(url)]).toEqual([url, trusted]);
  });

  it('serves files of the renderer folder with the CSP, and nothing outside it', async () => {
    const root = join(scratch, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'index.js'), 'export {};');
    writeFileSync(join(scratch, 'secret.txt'), 'not for the page');
    let handler: ((request: Request) => Response | Promise<Response>) | undefined;
    serveRenderer({ handle: (_scheme, fn) => void (handler = fn) }, root, "default-src 'self'");
    const get = (url: string) => handler!(new Request(url));

    const page = await get('app://hubdesk/');
    expect([page.status, page.headers.get('content-type'), page.headers.get('content-security-policy')]).toEqual([200, 'text/html; charset=utf-8', "default-src 'self'"]);
    expect(await page.text()).toBe('<!doctype html>');
    const script = await get('app://hubdesk/assets/index.js');
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    for (const url of ['app://hubdesk/..%2fsecret.txt', 'app://hubdesk/assets/..%2f..%2fsecret.txt', 'app://other/index.html', 'app://hubdesk/missing.js']) {
      expect([url, (await get(url)).status]).toEqual([url, 404]);
    }
  });
});

/** A stand-in webContents: records the window-open handler, reports whether an event was cancelled. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  cancels(event: string, url = ''): boolean {
    let prevented = false;
    this.emit(event, { url, preventDefault: () => (prevented = true) });
    return prevented;
  }
}

describe('webContents guards', () => {
  it('cancel navigations and redirects away from our renderer, every new window and every <webview>', () => {
    const contents = new FakeContents();
    guardWebContents(contents as never, ours);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(contents.cancels(event, 'app://hubdesk/index.html')).toBe(false);
      expect(contents.cancels(event, 'https://evil.example/')).toBe(true);
      expect(contents.cancels(event, 'file:///etc/passwd')).toBe(true);
    }
    expect(contents.openHandler?.({ url: 'https://www.notion.so/page' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://hubdesk/index.html' })).toEqual({ action: 'deny' });
    expect(contents.cancels('will-attach-webview')).toBe(true);
  });

  it('are put on every webContents the app creates', () => {
    const app = new EventEmitter();
    guardEveryWebContents(app as never, ours);
    const created = new FakeContents();
    app.emit('web-contents-created', {}, created);
    expect(created.cancels('will-navigate', 'https://evil.example/')).toBe(true);
    expect(created.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('every request and check is refused', () => {
    let request: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: ((...args: unknown[]) => boolean) | undefined;
    let device: ((...args: unknown[]) => boolean) | undefined;
    denyAllPermissions({
      setPermissionRequestHandler: (fn) => void (request = fn as never),
      setPermissionCheckHandler: (fn) => void (check = fn as never),
      setDevicePermissionHandler: (fn) => void (device = fn as never),
    });
    const answers: [string, boolean][] = [];
    for (const permission of ['media', 'notifications', 'openExternal', 'clipboard-read', 'geolocation']) {
      request!({}, permission, (granted) => answers.push([permission, granted]));
    }
    expect(answers.every(([, granted]) => !granted)).toBe(true);
    expect(answers).toHaveLength(5);
    expect([check!({}, 'media', 'app://hubdesk', {}), device!({ deviceType: 'usb' })]).toEqual([false, false]);
  });
});

describe('packaging fuses', () => {
  const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
  // Electron's own defaults, '1' on and '0' off, plus a ninth fuse @electron/fuses 1.8.0 does not know.
  const DEFAULT_WIRE = '10110001' + '1';
  const packed = (platform: string, arch = 1): PackedApp => ({
    appOutDir: join(scratch, `pack-${platform}`),
    electronPlatformName: platform,
    arch,
    packager: { appInfo: { productFilename: 'hubdesk' }, executableName: 'hubdesk' },
  });
  /** A stand-in Electron binary: arbitrary bytes around the sentinel, wire version 1 and the fuses. */
  const writeBinary = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, Buffer.concat([Buffer.from('\x7fELF…'), Buffer.from(SENTINEL), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE), Buffer.from('…')]));
  };
  const wireOf = (path: string) => {
    const bytes = readFileSync(path);
    const start = bytes.indexOf(SENTINEL) + SENTINEL.length + 2;
    return bytes.subarray(start, start + DEFAULT_WIRE.length).toString();
  };

  it.each([
    ['linux', 'hubdesk'],
    ['win32', 'hubdesk.exe'],
    ['darwin', 'hubdesk.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ])('are flipped in the %s binary where electron-builder put it', async (platform, file) => {
    const context = packed(platform);
    const binary = join(context.appOutDir, file);
    writeBinary(binary);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(context);
    log.mockRestore();
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on,
    // asar only on, browser V8 snapshot off, file:// privileges off; the unknown ninth untouched.
    expect(wireOf(binary)).toBe('01001100' + '1');
  });

  it('fail the build when the binary is not where the platform puts it', async () => {
    await expect(afterPack(packed('linux-missing'))).rejects.toThrow(/no Electron executable known/);
    const context = packed('win32');
    rmSync(context.appOutDir, { recursive: true, force: true });
    await expect(afterPack(context)).rejects.toThrow(/ENOENT/);
  });
});

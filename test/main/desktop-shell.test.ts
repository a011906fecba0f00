// The Electron shell's security settings, checked without the Electron binary (absent on CI): the
// window's web preferences, and the preload bridge built over a stand-in ipcRenderer (a fake,
// because the real one exists only inside Electron). test/e2e/electron checks both for real.
import { describe, expect, it } from 'vitest';
import { createRawBridge } from '../../src-preload/expose';
import type { IpcRendererLike } from '../../src-preload/expose';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import { attachIpcTransport } from '../../src-main/electron/ipc-transport';
import { mainWindowOptions } from '../../src-main/electron/window-options';
import { EventPublisher } from '../../src-main/ipc/event-publisher';

describe('main window', () => {
  it('is sandboxed and context-isolated, without Node integration', () => {
    expect(mainWindowOptions('/app/preload/index.cjs').webPreferences).toMatchObject({
      preload: '/app/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
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
  it('serves contract channels through the router and refuses frames that are not ours', async () => {
    const handlers = new Map<string, (event: unknown, input: unknown) => unknown>();
    // A stand-in for ipcMain (the real one exists only inside Electron): it records the handlers.
    const ipcMain = { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => handlers.set(channel, fn), removeHandler: (channel: string) => handlers.delete(channel) };
    const seen: unknown[] = [];
    const router = { invoke: async (channel: unknown) => (seen.push(channel), { ok: true as const, result: 'served' }) };
    const events = new EventPublisher();
    const transport = attachIpcTransport(ipcMain as never, router, events, () => [], (url) => url === 'file:///app/renderer/index.html');

    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    const place = handlers.get('orders:place')!;
    expect(await place({ senderFrame: { url: 'file:///app/renderer/index.html' } }, {})).toEqual({ ok: true, result: 'served' });
    expect(await place({ senderFrame: { url: 'https://evil.example/' } }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await place({ senderFrame: null }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(seen).toEqual(['orders:place']);

    transport.dispose();
    events.dispose();
    expect(handlers.size).toBe(0);
  });
});

// The Electron shell's security settings, checked without the Electron binary (absent on CI): the
// window's web preferences, and the preload bridge built over a stand-in ipcRenderer (a fake,
// because the real one exists only inside Electron). test/e2e/electron checks both for real.
import { describe, expect, it } from 'vitest';
import { createRawBridge } from '../../src-preload/expose';
import type { IpcRendererLike } from '../../src-preload/expose';
import { mainWindowOptions } from '../../src-main/electron/window-options';

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

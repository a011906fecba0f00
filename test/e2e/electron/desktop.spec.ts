// The desktop app itself, launched with Playwright's _electron: no Node in the page, the preload
// exposes only the contract, an order goes through on the embedded hub, the Health view fills, and
// the hardening holds (no new window, no permission, no navigation away). The window options
// themselves are checked in test/main/desktop-shell.test.ts, which runs without Electron.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { ELECTRON_MISSING, electronBinary } from '../../../scripts/electron-binary.cjs';

const binary = electronBinary();

test.describe('desktop app', () => {
  test.skip(!binary, `Electron project skipped: ${ELECTRON_MISSING}`);

  test('opens a window without Node whose bridge carries only the contract, and fills an order', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-electron-'));
    const app = await electron.launch({ executablePath: binary, args: ['out/main/index.js', '--data-dir', dataDir] });
    try {
      const window = await app.firstWindow();
      const bridge = await window.evaluate(async () => {
        const exposed = (window as unknown as { hubdesk: Record<string, (...args: unknown[]) => Promise<unknown>> }).hubdesk;
        const refused = await exposed.invoke!('shell:openExternal', {}).then(
          () => 'resolved',
          (error: unknown) => String(error),
        );
        const page = window as unknown as { require?: unknown; process?: unknown };
        return { keys: Object.keys(exposed).sort(), refused, require: typeof page.require, process: typeof page.process };
      });
      expect(bridge.keys).toEqual(['invoke', 'on']);
      expect(bridge.refused).toContain('not in the hubdesk contract');
      // No Node in the page (nodeIntegration off, sandboxed); contextBridge works only with
      // contextIsolation on, so a bridge of exactly invoke/on shows isolation is in force.
      expect(bridge.require).toBe('undefined');
      expect(bridge.process).toBe('undefined');

      await expect(window.getByRole('status', { name: 'Hub connection' })).toContainText('up');
      await window.getByLabel('Volume').fill('0.1');
      await window.getByRole('button', { name: 'Buy' }).click();
      await expect(window.getByRole('table', { name: 'Orders' }).getByRole('row').nth(1)).toContainText('filled');

      // The Health view over Electron IPC: figures arrive (the placed order is among the requests).
      await window.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Health/ }).click();
      const operations = window.getByRole('table', { name: 'Operations' });
      await expect(operations.getByRole('row').filter({ hasText: 'placeOrder' })).toBeVisible();
      await expect(window.getByRole('group', { name: 'Hub' })).toContainText('up');

      // The hardening of docs/security.md: served from app://hubdesk/ (not file://), no window
      // opens, every permission is refused, and a navigation away from the renderer is cancelled.
      expect(window.url()).toBe('app://hubdesk/index.html');
      const guarded = await window.evaluate(async () => {
        const page = globalThis as unknown as { open(url: string): unknown; Notification: { requestPermission(): Promise<string> } };
        return { opened: page.open('https://example.com/'), notifications: await page.Notification.requestPermission() };
      });
      expect(guarded).toEqual({ opened: null, notifications: 'denied' });
      expect(app.windows()).toHaveLength(1);
      await window.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await expect(window.waitForURL('https://example.com/**', { timeout: 2_000 })).rejects.toThrow();
      expect(window.url()).toBe('app://hubdesk/index.html');
    } finally {
      await app.close();
    }
  });
});

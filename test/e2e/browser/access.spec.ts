// Support staff on their own screen: the viewer link shows Health, Duplicate checks, Retry log,
// Alerts and Reports only, read-only, and main refuses a trade even when the page's own socket asks;
// without a token only the sign-in message is served; a trader rotates the viewer link in Settings
// and the old one stops working.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { spawnServe } from '../../support/serve-process';
import type { ServedConsole } from '../../support/serve-process';

let served: ServedConsole;
test.beforeAll(async () => {
  served = await spawnServe(['--seed', '11']);
});
test.afterAll(async () => {
  await served?.stop();
});

test('a viewer sees the read-only views and cannot trade, even by hand over its own socket', async ({ page }) => {
  await page.goto(served.viewerUrl);
  await expect(page.getByText('Viewer · read-only')).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('button')).toHaveText(['Retry log', 'Duplicate checks', 'Health', /^Alerts/, 'Reports']);
  await expect(page.getByRole('region', { name: 'Health' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Order ticket' })).toHaveCount(0);

  await nav.getByRole('button', { name: /^Alerts/ }).click();
  const rules = page.getByRole('table', { name: 'Alert rules' });
  await expect(rules.getByRole('row', { name: /P99/ })).toBeVisible();
  await expect(rules.getByRole('button')).toHaveCount(0);
  await expect(rules.getByRole('spinbutton')).toHaveCount(0);

  await nav.getByRole('button', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Build report' }).click();
  await expect(page.getByRole('button', { name: 'Export Markdown' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Push to Notion' })).toHaveCount(0);
  await nav.getByRole('button', { name: 'Health' }).click();
  await page.screenshot({ path: 'test-results/viewer.png' });

  // What a curious support engineer could type into the console: the page's cookie opens a socket.
  const reply = await page.evaluate(
    (host) =>
      new Promise<unknown>((resolve) => {
        const socket = new WebSocket(`ws://${host}/ws`);
        socket.onopen = () =>
          socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'orders:place', input: { clientOrderId: 'HD-by-hand-1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 } }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; id: number; result: unknown };
          if (message.type === 'reply' && message.id === 1) resolve(message.result);
        };
      }),
    new URL(served.url).host,
  );
  expect(reply).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('without a token the console shows only the sign-in message', async ({ page }) => {
  const origin = new URL(served.url).origin;
  const response = await page.goto(`${origin}/`);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toHaveText(/^hubdesk: sign-in needed\./);
  expect((await page.request.get(`${origin}/api/health`)).status()).toBe(401);
});

test('a trader rotates the viewer link in Settings; the old link stops working', async ({ page, browser }) => {
  const support = await browser.newPage();
  await support.goto(served.viewerUrl);
  await expect(support.getByText('Viewer · read-only')).toBeVisible();

  await page.goto(served.url);
  await expect(page.getByText('Trader', { exact: true })).toBeVisible();
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const tokens = page.getByRole('table', { name: 'Access tokens' });
  await expect(tokens.getByRole('row', { name: /viewer/ })).toContainText(/viewer-[0-9a-f]{8}/);
  await tokens.getByRole('button', { name: 'Rotate viewer token' }).click();
  const link = page.getByRole('textbox', { name: 'New viewer link' });
  await expect(link).toHaveValue(/\/\?token=[\w-]{43}$/);
  const fresh = await link.inputValue();

  expect((await support.request.get(served.viewerUrl)).status()).toBe(401);
  await expect(support.getByRole('status', { name: 'Hub connection' })).toContainText('connecting');
  await support.goto(fresh);
  await expect(support.getByText('Viewer · read-only')).toBeVisible();
  // The token leaves the address bar once the page has its session cookie; a reload still works.
  await expect(support).toHaveURL(/\/$/);
  await support.reload();
  await expect(support.getByRole('status', { name: 'Hub connection' })).toContainText('up');
  await support.close();

  // The console logged the refused attempts (by token id) but never a token.
  const log = readFileSync(join(served.dataDir, 'logs', 'hubdesk.log'), 'utf8');
  expect(log).toContain('refused: role may not');
  for (const secret of [new URL(served.url).searchParams.get('token'), new URL(served.viewerUrl).searchParams.get('token'), new URL(fresh).searchParams.get('token')]) {
    expect(log).not.toContain(secret);
  }
});

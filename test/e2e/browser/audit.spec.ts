// A trader in the browser-served console places an order, finds it in the Audit view under their
// token's id, finds a viewer's refused attempt as `denied` (and none from the viewer's own UI),
// narrows the trail by action and role, and exports it as CSV with that row in it. Its own console (embedded hub): the order would
// otherwise change the positions other specs expect.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { spawnServe } from '../../support/serve-process';
import type { ServedConsole } from '../../support/serve-process';
import { WsClient } from '../../support/ws-client';

let served: ServedConsole;
test.beforeAll(async () => {
  served = await spawnServe(['--seed', '13']);
});
test.afterAll(async () => {
  await served?.stop();
});

test('an order placed in the UI shows in the Audit view and in its CSV export', async ({ page, browser }) => {
  await page.goto(served.url);
  await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');
  await expect(page.getByLabel('Symbol')).toContainText('EURUSD');
  await page.getByLabel('Symbol').selectOption('EURUSD');
  await page.getByLabel('Type').selectOption({ label: 'Market' });
  await page.getByLabel('Volume').fill('0.37');
  await page.getByRole('button', { name: 'Buy' }).click();
  const order = page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: '0.37' }).first();
  await expect(order).toContainText('filled');
  const clientOrderId = (await order.getByRole('cell').first().innerText()).trim();

  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Audit' }).click();
  const audit = page.getByRole('region', { name: 'Audit' });
  const trail = audit.getByRole('table', { name: 'Audit trail' });
  const row = trail.getByRole('row').filter({ hasText: clientOrderId });
  await expect(row).toContainText('order.place');
  await expect(row).toContainText('trader');
  await expect(row).toContainText(/trader-[0-9a-f]+/);
  await expect(row).toContainText('ok');
  await expect(row).toContainText('volume 0.37');

  // The viewer's own UI, loaded and reloaded (its own browser: the link's cookie is per port), asks
  // main for nothing a viewer may not have, so it leaves no `denied` row.
  const viewerBrowser = await browser.newContext();
  const viewerPage = await viewerBrowser.newPage();
  for (const load of [() => viewerPage.goto(served.viewerUrl), () => viewerPage.reload()]) {
    await load();
    await expect(viewerPage.getByRole('status', { name: 'Hub connection' })).toContainText('up');
    await expect(viewerPage.getByRole('navigation', { name: 'Views' })).toContainText('Health');
  }
  await viewerBrowser.close();

  // A viewer's attempt to place (over the viewer link's socket, as a script would) is recorded as
  // `denied` with the channel it tried, never as order.place.
  const viewer = await WsClient.open(served.viewerUrl);
  const refused = await viewer.call('orders:place', { clientOrderId: 'HD-viewer-try', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 });
  viewer.close();
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await audit.getByLabel('Action').selectOption('order.place');
  await audit.getByLabel('Role').selectOption('viewer');
  await expect(trail).toContainText('Nothing audited that matches these filters');
  await audit.getByLabel('Action').selectOption('denied');
  const denied = trail.getByRole('row').filter({ hasText: /viewer-[0-9a-f]+/ });
  await expect(denied).toHaveCount(1);
  await expect(denied).toContainText('orders:place');
  await expect(denied).toContainText(/viewer-[0-9a-f]+/);
  await expect(denied).toContainText('FORBIDDEN');
  await expect(denied).toContainText('needs trader');
  await expect(trail).not.toContainText('HD-viewer-try');
  await audit.getByLabel('Action').selectOption('order.place');
  await audit.getByLabel('Role').selectOption('trader');
  await expect(row).toBeVisible();

  const download = page.waitForEvent('download');
  await audit.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hubdesk-audit-[\dT-]+Z\.csv$/);
  const csv = await readFile(await file.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('seq,time,role,tokenId,action,target,outcome,detail');
  expect(lines.some((line) => line.includes(`,trader,`) && line.includes(`,order.place,${clientOrderId},ok,`))).toBe(true);
  await expect(audit.getByRole('status')).toContainText(/Exported \d+ rows? to hubdesk-audit-/);
});

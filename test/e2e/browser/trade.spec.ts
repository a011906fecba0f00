// A trader in the browser-served console: a market buy fills once on the hub and shows in Orders
// and Positions; an invalid ticket is explained at its field and reaches no hub.
import type { Page } from '@playwright/test';
import { hubCall } from '../../support/raw-client';
import { expect, test } from './fixtures';

async function openConsole(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');
  await expect(page.getByLabel('Symbol')).toContainText('EURUSD');
}

async function placeOrderCount(hubRequests: string): Promise<number> {
  const reply = await hubCall(hubRequests, 'admin.stats');
  if (!reply.ok) throw new Error(`admin.stats failed: ${JSON.stringify(reply)}`);
  return (reply.result as { placeOrders: number }).placeOrders;
}

test('a market buy is filled exactly once and shows in Orders and Positions', async ({ page, stack }) => {
  await openConsole(page, stack.consoleUrl);
  await page.getByLabel('Symbol').selectOption('EURUSD');
  await page.getByLabel('Type').selectOption({ label: 'Market' });
  await page.getByLabel('Volume').fill('0.25');
  await page.getByRole('button', { name: 'Buy' }).click();

  const orders = page.getByRole('table', { name: 'Orders' });
  const row = orders.getByRole('row').filter({ hasText: 'EURUSD' }).first();
  await expect(row).toContainText('filled');
  await expect(row).toContainText('buy');
  const clientOrderId = (await row.getByRole('cell').first().innerText()).trim();
  expect(clientOrderId).toMatch(/^[A-Za-z0-9_-]{1,31}$/);

  const positions = page.getByRole('table', { name: 'Positions' });
  await expect(positions.getByRole('row').filter({ hasText: 'EURUSD' })).toContainText('0.25');

  const reply = await hubCall(stack.hubRequests, 'admin.orders');
  if (!reply.ok) throw new Error(`admin.orders failed: ${JSON.stringify(reply)}`);
  const onHub = (reply.result as Array<{ clientOrderId: string; status: string; volume: number }>).filter(
    (order) => order.clientOrderId === clientOrderId,
  );
  expect(onHub).toHaveLength(1);
  expect(onHub[0]).toMatchObject({ status: 'filled', volume: 0.25 });
});

test('an invalid ticket is explained at its field and sends nothing', async ({ page, stack }) => {
  await openConsole(page, stack.consoleUrl);
  const before = await placeOrderCount(stack.hubRequests);
  const rows = page.getByRole('table', { name: 'Orders' }).getByRole('row');
  const rowsBefore = await rows.count();
  const volume = page.getByLabel('Volume');

  for (const [input, message] of [
    ['0', 'greater than 0'],
    ['-1', 'greater than 0'],
    ['', 'Enter a volume'],
    ['1000', 'at most'],
    ['0.015', 'multiple of'],
  ] as const) {
    await volume.fill(input);
    await page.getByRole('button', { name: 'Sell' }).click();
    await expect(volume).toHaveAttribute('aria-invalid', 'true');
    await expect(volume).toHaveAccessibleDescription(new RegExp(message));
  }

  await volume.fill('0.1');
  await page.getByLabel('Type').selectOption({ label: 'Limit' });
  await page.getByLabel('Price').fill('');
  await page.getByRole('button', { name: 'Buy' }).click();
  await expect(page.getByLabel('Price')).toHaveAccessibleDescription(/needs a price/);

  expect(await placeOrderCount(stack.hubRequests)).toBe(before);
  await expect(rows).toHaveCount(rowsBefore);
});

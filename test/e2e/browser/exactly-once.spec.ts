// A trader's repeat within the duplicate window is held until sent anyway or dropped, and the
// Duplicate checks view counts it and verifies the ledger against the hub.
import { hubCall } from '../../support/raw-client';
import { expect, test } from './fixtures';

test('a repeated order is held, sent once more only on the trader\'s word, and the ledger verifies against the hub', async ({ page, stack }) => {
  await page.goto(stack.consoleUrl);
  await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');
  const sell = async (): Promise<void> => {
    await page.getByLabel('Symbol').selectOption('XAUUSD');
    await page.getByLabel('Type').selectOption({ label: 'Market' });
    await page.getByLabel('Volume').fill('0.07');
    await page.getByRole('button', { name: 'Sell' }).click();
  };
  const orders = page.getByRole('table', { name: 'Orders' });
  const xau = orders.getByRole('row').filter({ hasText: 'XAUUSD' });

  await sell();
  await expect(xau.first()).toContainText('filled');
  await sell();
  const alert = page.getByRole('alert').filter({ hasText: 'held' });
  await expect(alert).toContainText(/held, not sent/);
  await alert.getByRole('button', { name: 'Send anyway' }).click();
  await expect(xau.filter({ hasText: 'filled' })).toHaveCount(2);

  await sell();
  await page.getByRole('alert').filter({ hasText: 'held' }).getByRole('button', { name: 'Drop' }).click();
  await expect(xau.filter({ hasText: 'dropped' })).toHaveCount(1);

  const reply = await hubCall(stack.hubRequests, 'admin.orders');
  const onHub = reply.ok ? (reply.result as Array<{ symbol: string; volume: number; clientOrderId: string }>).filter((o) => o.symbol === 'XAUUSD' && o.volume === 0.07) : [];
  expect(onHub).toHaveLength(2);
  expect(new Set(onHub.map((o) => o.clientOrderId)).size).toBe(2);

  await page.getByRole('button', { name: 'Duplicate checks' }).click();
  const checks = page.getByRole('region', { name: 'Duplicate checks' });
  await expect(checks).toContainText(/Pre-trade holds\s*2/);
  await expect(checks).toContainText(/Holds confirmed\s*1/);
  await expect(checks).toContainText(/Holds dropped\s*1/);
  await checks.getByRole('button', { name: 'Verify against hub' }).click();
  await expect(checks).toContainText('Verify: PASS');
});

// A trader on each MetaTrader bridge, against its emulator. Origin (every ORDER_SEND lost on the
// way): the console names the bridge and its weaker guarantees, leaves the lost order unknown and
// never resends it, hands it to the trader once the gateway's window has passed, and records the
// trader's "not executed"; the Resubmit dialog then warns that this bridge does not deduplicate.
// MQL5-JSON-API: a market order fills, a limit order works and is canceled, in the same views.
import { test, expect } from '@playwright/test';
import { spawnHub, type HubProcess } from '../../support/hub-process';
import { spawnServe, type ServedConsole } from '../../support/serve-process';
import { originExecutions } from '../../support/origin-admin';

let hub: HubProcess;
let served: ServedConsole;

test.describe('origin gateway', () => {
  test.beforeAll(async () => {
    hub = await spawnHub(['--dialect', 'origin', '--port', '0', '--seed', '3', '--drop-request', '1', '--fault-ops', 'placeOrder']);
    served = await spawnServe(['--hub', hub.requests, '--hub-dialect', 'origin']);
  });

  test.afterAll(async () => {
    await served?.stop();
    await hub?.stop();
  });

  test('the origin bridge: its weaker guarantees shown, a lost order left unknown, then resolved by the trader', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(served.url);
    await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');
    const notice = page.getByRole('group', { name: 'Hub dialect' });
    await expect(notice).toContainText('Bridge: origin gateway · market only · weaker guarantees than hub protocol v1 (3)');
    await notice.locator('summary').click();
    await expect(notice).toContainText('No order history');
    await expect(page.getByText(/origin gateway, documented 5000 ms/)).toBeVisible();

    await page.getByLabel('Symbol').selectOption('EURUSD');
    await page.getByLabel('Type').selectOption({ label: 'Market' });
    await page.getByLabel('Volume').fill('0.2');
    await page.getByRole('button', { name: 'Buy' }).click();
    const row = page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: 'EURUSD' });
    await expect(row).toContainText('unknown', { timeout: 15_000 });
    // The gateway's authority window (11 s from the send): then reconciliation hands it over.
    const resolve = row.getByRole('button', { name: 'Resolve…' });
    await expect(resolve).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath('dialect.png') });
    await resolve.click();
    const dialog = page.getByRole('dialog', { name: 'Resolve order by hand' });
    await expect(dialog).toContainText('the console will not guess or resend it');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await dialog.getByRole('button', { name: 'Not executed' }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText('not received');
    await expect(row).toContainText('A trader checked the terminal: not executed');

    await row.getByRole('button', { name: 'Resubmit' }).click();
    const resubmit = page.getByRole('dialog', { name: 'Resubmit order' });
    await expect(resubmit).toContainText('This bridge does not recognise a repeat');
    await resubmit.getByRole('button', { name: 'Cancel' }).click();

    expect((await originExecutions(hub.requests)).total).toBe(0);
  });
});

test.describe('MQL5-JSON-API', () => {
  test.beforeAll(async () => {
    hub = await spawnHub(['--dialect', 'mql5-json-api', '--port', '0', '--seed', '3']);
    served = await spawnServe(['--hub', hub.requests, '--hub-dialect', 'mql5-json-api']);
  });

  test.afterAll(async () => {
    await served?.stop();
    await hub?.stop();
  });

  test('the MQL5 bridge: named with its weaker guarantees; a market order fills, a limit order works and is canceled', async ({ page }) => {
    await page.goto(served.url);
    await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');
    await expect(page.getByRole('group', { name: 'Hub dialect' })).toContainText('Bridge: MQL5-JSON-API expert advisor · market, limit, stop');
    await expect(page.getByText(/MQL5-JSON-API expert advisor, documented 10000 ms/)).toBeVisible();
    const orders = page.getByRole('table', { name: 'Orders' });

    await page.getByLabel('Symbol').selectOption('GBPUSD');
    await page.getByLabel('Type').selectOption({ label: 'Market' });
    await page.getByLabel('Volume').fill('0.3');
    await page.getByRole('button', { name: 'Buy' }).click();
    await expect(orders.getByRole('row').filter({ hasText: 'GBPUSD' }).first()).toContainText('filled');
    await expect(page.getByRole('table', { name: 'Positions' })).toContainText('GBPUSD');

    await page.getByLabel('Symbol').selectOption('EURUSD');
    await page.getByLabel('Type').selectOption({ label: 'Limit' });
    await page.getByLabel('Volume').fill('0.1');
    await page.getByLabel('Price').fill('1.00000');
    await page.getByRole('button', { name: 'Buy' }).click();
    const limit = orders.getByRole('row').filter({ hasText: 'EURUSD' });
    await expect(limit).toContainText('working');
    await page.screenshot({ path: test.info().outputPath('dialect-mql5.png') });
    await limit.getByRole('button', { name: 'Cancel' }).click();
    await expect(limit).toContainText('canceled');
  });
});

// A trader on the origin gateway's bridge (its emulator, every ORDER_SEND lost on the way): the
// console names the bridge and its weaker guarantees, leaves the lost order unknown and never
// resends it, hands it to the trader once the gateway's window has passed, and records the
// trader's "not executed"; the Resubmit dialog then warns that this bridge does not deduplicate.
import { test, expect } from '@playwright/test';
import { spawnHub, type HubProcess } from '../../support/hub-process';
import { spawnServe, type ServedConsole } from '../../support/serve-process';
import { originExecutions } from '../../support/origin-admin';

let hub: HubProcess;
let served: ServedConsole;

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

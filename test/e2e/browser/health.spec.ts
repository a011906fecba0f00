// Support staff watching health in the browser-served console against the faulty hub of issue 5
// (`--drop-reply 0.1 --stall-every-ms 20000 --stall-ms 6000`): the stall shows in the Health view's
// max and availability, a "Hub down" alert (threshold lowered in the Alerts view) fires and then
// resolves, and the 1 h checkpoint report lists the same figures and the alert.
import { expect, test } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import { spawnHub } from '../../support/hub-process';
import { spawnServe } from '../../support/serve-process';

const stops: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** The first "N ms" or "N %" figure in an element's text. */
async function figure(locator: Locator, unit: 'ms' | '%'): Promise<number> {
  const text = await locator.innerText();
  const match = new RegExp(`([\\d.,]+) ?${unit}`).exec(text);
  return match ? Number((match[1] ?? '').replace(/,/g, '')) : Number.NaN;
}

async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
}

test('a stalling hub: Health shows the stall, an alert fires and resolves, the report agrees', async ({ page }) => {
  test.setTimeout(120_000);
  const hub = await spawnHub(['--port', '0', '--seed', '7', '--drop-reply', '0.1', '--stall-every-ms', '20000', '--stall-ms', '6000']);
  stops.push(() => hub.stop());
  const served = await spawnServe(['--hub', hub.requests]);
  stops.push(() => served.stop());
  await page.goto(served.url);
  await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');

  // Support staff lower the "Hub down" threshold to 1 s: a 6 s stall must raise it.
  await openView(page, 'Alerts');
  const rules = page.getByRole('table', { name: 'Alert rules' });
  await rules.getByRole('spinbutton', { name: 'Hub down threshold' }).fill('1');
  await rules.getByRole('button', { name: 'Save Hub down' }).click();
  await expect(rules.getByRole('button', { name: 'Save Hub down' })).toBeDisabled();
  // A refused value is explained and changes nothing.
  await rules.getByRole('spinbutton', { name: 'P99 latency threshold' }).fill('0');
  await rules.getByRole('button', { name: 'Save P99 latency' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'P99 latency threshold must be between' })).toBeVisible();

  await openView(page, 'Health');
  const health = page.getByRole('region', { name: 'Health' });
  await expect(health.getByRole('figure', { name: 'Latency percentiles' })).toBeVisible();
  // The stall: attempts in flight wait out the hub's 5 s deadline (+ grace) and are counted.
  const maxNow = health.getByRole('group', { name: 'Max now' });
  await expect.poll(() => figure(maxNow, 'ms'), { timeout: 60_000, intervals: [500] }).toBeGreaterThanOrEqual(5000);
  const availability = health.getByRole('group', { name: 'Availability' });
  // Not just the start-up's moment of `connecting`: the stall's seconds down take it under 99 %.
  await expect.poll(() => figure(availability, '%'), { timeout: 60_000, intervals: [500] }).toBeLessThan(99);
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: /^Alerts/ })).toContainText('firing', { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('health.png'), fullPage: true });

  await openView(page, 'Alerts');
  const history = page.getByRole('table', { name: 'Alert history' });
  const hubDown = history.getByRole('row').filter({ hasText: 'Hub down' }).first();
  await expect(hubDown).toContainText(/Firing|Resolved/, { timeout: 30_000 });
  await expect(hubDown).toContainText('Resolved', { timeout: 30_000 });
  await expect(hubDown).toContainText(/Hub down \d+ s over 1 s/);

  await openView(page, 'Reports');
  const reports = page.getByRole('region', { name: 'Reports' });
  await reports.getByLabel('Window').selectOption('1h');
  await reports.getByRole('button', { name: 'Build report' }).click();
  await expect(reports.getByText(/Checkpoint 1 h: FAIL/)).toBeVisible({ timeout: 30_000 });
  const checkpoint = reports.getByRole('table', { name: 'Checkpoint' });
  const availabilityRow = checkpoint.getByRole('row').filter({ hasText: /^Availability/ });
  await expect(availabilityRow).toContainText('fail');
  // Cells after the row header: Goal, Measured, Status, Detail.
  const measured = (row: Locator): Locator => row.getByRole('cell').nth(1);
  expect(await figure(measured(availabilityRow), '%')).toBeLessThan(99);
  const hubDownRow = checkpoint.getByRole('row').filter({ hasText: /^Hub down/ });
  await expect(hubDownRow).toContainText('fail');
  const p99Row = checkpoint.getByRole('row').filter({ hasText: /^P99 latency/ });
  expect(await figure(measured(p99Row), 'ms')).toBeGreaterThanOrEqual(5000);
  await expect(reports.getByRole('list', { name: 'Alerts in window' })).toContainText(/Hub down \d+ s over 1 s/);

  const download = page.waitForEvent('download');
  await reports.getByRole('button', { name: 'Export Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^hubdesk-checkpoint-1h-.*\.md$/);
});

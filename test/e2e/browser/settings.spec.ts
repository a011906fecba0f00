// Support staff changing settings in the browser-served console: a request timeout below the hub's
// deadline is refused by the gate with both values and changes nothing; an applied duplicate window
// can be rolled back, and the history shows the change and the rollback.
import { expect, test } from '@playwright/test';
import { spawnHub } from '../../support/hub-process';
import { spawnServe } from '../../support/serve-process';

const stops: Array<() => Promise<void>> = [];
test.afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

test('the gate refuses a timeout below the hub deadline; an applied change is rolled back', async ({ page }) => {
  const hub = await spawnHub(['--port', '0', '--seed', '8', '--request-timeout-ms', '5000']);
  stops.push(() => hub.stop());
  const served = await spawnServe(['--hub', hub.requests]);
  stops.push(() => served.stop());
  await page.goto(served.url);
  await expect(page.getByRole('status', { name: 'Hub connection' })).toContainText('up');
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Settings' }).click();
  const view = page.getByRole('region', { name: 'Settings' });
  await view.getByLabel('Your name').fill('alice');
  const form = view.getByRole('form', { name: 'Change settings' });
  const result = view.getByRole('status', { name: 'Gate result' });
  const history = view.getByRole('table', { name: 'Change history' });

  await form.getByLabel('Request timeout (ms)').fill('1000');
  await form.getByRole('button', { name: 'Propose change' }).click();
  await expect(result).toContainText('Refused');
  await expect(result).toContainText(/1000 ms is below the hub's requestTimeoutMs 5000 ms/);
  await form.getByRole('button', { name: 'Reset form' }).click();
  await expect(form.getByLabel('Request timeout (ms)')).toHaveValue('');

  await form.getByLabel('Duplicate window (ms)').fill('8000');
  await form.getByLabel('Reason').fill('slower manual desk');
  await form.getByRole('button', { name: 'Propose change' }).click();
  await expect(result).toContainText('Applied');
  await form.getByLabel('Duplicate window (ms)').fill('9000');
  await form.getByLabel('Reason').fill('trying a longer window');
  await form.getByRole('button', { name: 'Propose change' }).click();
  await expect(history.getByRole('row')).toHaveCount(4);

  // Back to the settings as they were after change #2 (8000 ms).
  await history.getByRole('button', { name: 'Roll back to #2' }).click();
  await history.getByLabel('Rollback reason').fill('the longer window held real orders');
  await history.getByRole('button', { name: 'Roll back', exact: true }).click();
  await expect(result).toContainText('rollback of #2');
  await expect(form.getByLabel('Duplicate window (ms)')).toHaveValue('8000');
  const rows = history.getByRole('row');
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(1)).toContainText('rollback of #2');
  await expect(rows.nth(1)).toContainText('9000 → 8000');
  await expect(rows.nth(2)).toContainText('8000 → 9000');
  await expect(rows.last()).toContainText('Refused');
});

// Support staff and the Notion bridge in the browser-served console, against the Notion-like
// simulator failing a third of its requests (some after creating the page): reports pushed from the
// Reports view reach the outbox and end as exactly one page each; a token typed into the headless
// console is refused with the reason and changes nothing.
import { expect, test } from '@playwright/test';
import { spawnHub } from '../../support/hub-process';
import { spawnNotionSim } from '../../support/notion-sim-process';
import { spawnServe } from '../../support/serve-process';

const stops: Array<() => Promise<unknown>> = [];
test.afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

interface SimCounts {
  counts: { pages: number; distinctEventIds: number; duplicates: number };
}

test('reports pushed to Notion through a faulty API end as one page each', async ({ page }) => {
  test.setTimeout(90_000);
  const sim = await spawnNotionSim(['--token', 'secret_e2e', '--seed', '9', '--fail', '0.33', '--fail-after-create', '0.5', '--retry-after-max', '0', '--hold-ms', '300']);
  stops.push(() => sim.stop());
  const hub = await spawnHub(['--port', '0', '--seed', '9']);
  stops.push(() => hub.stop());
  const served = await spawnServe(['--hub', hub.requests], 30_000, {
    NOTION_TOKEN: 'secret_e2e',
    HUBDESK_NOTION_BASE_URL: sim.url,
    HUBDESK_NOTION_DATABASE_ID: sim.databaseId,
  });
  stops.push(() => served.stop());
  await page.goto(served.url);
  const views = page.getByRole('navigation', { name: 'Views' });

  await views.getByRole('button', { name: 'Reports' }).click();
  const reports = page.getByRole('region', { name: 'Reports' });
  await reports.getByRole('button', { name: 'Build report' }).click();
  await expect(reports.getByRole('table', { name: 'Checkpoint' })).toBeVisible({ timeout: 30_000 });
  for (let i = 0; i < 5; i++) {
    await reports.getByRole('button', { name: 'Push to Notion' }).click();
    await expect(reports.getByRole('status').filter({ hasText: 'Queued for Notion' })).toBeVisible();
  }

  await views.getByRole('button', { name: 'Notion' }).click();
  const notion = page.getByRole('region', { name: 'Notion' });
  await expect(notion).toContainText(`Connected to ${sim.databaseId}`);
  const outbox = notion.getByRole('table', { name: 'Outbox' });
  await expect(outbox.getByRole('row').filter({ hasText: 'Checkpoint 1h' })).toHaveCount(5);
  await expect(outbox.getByRole('row').filter({ hasText: 'pushed' })).toHaveCount(5, { timeout: 60_000 });
  await expect(notion.getByRole('group', { name: 'Push figures' })).toContainText('100.00 %');
  const counts = ((await (await fetch(`${sim.url}/__sim/pages`)).json()) as SimCounts).counts;
  expect(counts).toEqual({ pages: 5, distinctEventIds: 5, duplicates: 0 });

  // The headless console takes the token from its environment only.
  const form = notion.getByRole('form', { name: 'Notion connection' });
  await form.getByLabel('Token').fill('secret_typed');
  await form.getByRole('button', { name: 'Save connection' }).click();
  await expect(notion.getByRole('alert')).toContainText('set NOTION_TOKEN instead');
  await expect(notion).toContainText('token from NOTION_TOKEN');
});

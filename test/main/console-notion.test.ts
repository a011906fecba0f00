// The Notion bridge in a running console, against the Notion-like simulator on 127.0.0.1: an alert
// that fires becomes one page, a checkpoint report pushed from the Reports view becomes one page,
// the push figures reach the Health figures, and a token cannot be set through the headless host.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../src-shared/domain/outbox';
import type { Result } from '../../src-shared/ipc/errors';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { startNotionSim } from '../../src-main/integrations/notion/notion-sim';
import type { NotionSim } from '../../src-main/integrations/notion/notion-sim';
import { testConfig } from '../support/console-config';
import { waitFor } from '../support/wait';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function consoleWithNotion(): Promise<{ app: ConsoleApp; sim: NotionSim }> {
  const sim = await startNotionSim({});
  cleanup.push(() => sim.close());
  const config = testConfig({ notionBaseUrl: sim.url, notionDatabaseId: sim.databaseId, embeddedHubSeed: 4 });
  const app = await startConsoleApp(config, pino({ level: 'silent' }), { notion: { source: 'env', token: () => sim.token } });
  cleanup.push(() => app.dispose());
  await waitFor(() => app.hub.connection.state === 'up' || undefined, 'the embedded hub', 15_000);
  return { app, sim };
}

describe('the Notion bridge in the console', () => {
  it('pushes a fired alert and a checkpoint report as one page each, and counts them in Health', async () => {
    const { app, sim } = await consoleWithNotion();
    // A p50 target no hub can meet: the alert fires after its 3 s.
    app.health.setRule({ id: 'p50', threshold: 0.01 });
    await waitFor(() => sim.pages().find((page) => page.title === 'Alert fired: P50 latency'), 'the alert page', 20_000);

    const pushed = (await app.local.invoke('reports:push', { window: '1h' })) as Result<OutboxEvent>;
    if (!pushed.ok) throw new Error(pushed.error.message);
    expect(pushed.result).toMatchObject({ kind: 'report', status: 'pending' });
    const page = await waitFor(() => sim.pages().find((p) => p.eventId === pushed.result.id), 'the report page', 20_000);
    expect(page.title).toMatch(/^Checkpoint 1h: (PASS|FAIL)$/);

    const ids = sim.pages().map((p) => p.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const health = await waitFor(() => {
      const now = app.health.tick();
      return now.push && now.push.pushed >= 2 ? now : undefined;
    }, 'the push figures');
    expect(health.pushSuccessRate).toBe(1);
    expect(health.push?.parked).toBe(0);
  }, 60_000);

  it('refuses a token through the headless host and changes nothing; a bad database id is explained', async () => {
    const { app, sim } = await consoleWithNotion();
    const withToken = await app.local.invoke('notion:configure', { databaseId: sim.databaseId, token: 'secret_other' });
    expect(withToken).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: { token: 'set NOTION_TOKEN instead' } } });
    const badId = await app.local.invoke('notion:configure', { databaseId: 'not-an-id' });
    expect(badId).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(badId.ok ? '' : badId.error.message).toContain('databaseId');
    const status = await app.local.invoke('notion:status', {});
    expect(status).toMatchObject({ ok: true, result: { status: { configured: true, databaseId: sim.databaseId, tokenSource: 'env' } } });
    expect(JSON.stringify(status)).not.toContain(sim.token);
    const retry = await app.local.invoke('outbox:retry', { id: 'no-such-event' });
    expect(retry).toMatchObject({ ok: false, error: { code: 'INVALID_STATE' } });
  }, 60_000);
});

describe('push success in the checkpoint report', () => {
  it('is the delivery over the window once events were pushed', async () => {
    const { app, sim } = await consoleWithNotion();
    const pushed = (await app.local.invoke('reports:push', { window: '1h' })) as Result<OutboxEvent>;
    if (!pushed.ok) throw new Error(pushed.error.message);
    await waitFor(() => sim.pages().find((p) => p.eventId === pushed.result.id), 'the report page', 20_000);
    const { report } = await app.health.report('1h');
    expect(report.rows.find((row) => row.target === 'push-success')).toMatchObject({ measured: 100, status: 'pass' });
  }, 60_000);
});

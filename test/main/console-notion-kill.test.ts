// The console process SIGKILLed with events in its Notion outbox, then restarted: nothing is lost
// and nothing is pushed twice. The first Notion-like server refuses every request (429/500/529 or
// held, never creating a page), so the reports stay pending; after the kill a healthy server takes
// over and the restarted console pushes each of them exactly once.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent, PushFigures } from '../../src-shared/domain/outbox';
import { spawnHub } from '../support/hub-process';
import { spawnNotionSim } from '../support/notion-sim-process';
import type { NotionSimProcess } from '../support/notion-sim-process';
import { startTsx } from '../support/tsx-process';
import type { TsxProcess } from '../support/tsx-process';
import { waitFor } from '../support/wait';
import { WsClient } from '../support/ws-client';

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(dataDir: string, hub: string, sim: NotionSimProcess): Promise<{ child: TsxProcess; url: string }> {
  const child = startTsx('src-main/host/cli.ts', ['--port', '0', '--data-dir', dataDir, '--hub', hub, '--log-level', 'warn'], {
    NOTION_TOKEN: 'secret_kill',
    HUBDESK_NOTION_BASE_URL: sim.url,
    HUBDESK_NOTION_DATABASE_ID: sim.databaseId,
  });
  cleanup.push(() => child.kill('SIGKILL').catch(() => undefined));
  const line = await waitFor(() => (child.stdout().includes('\n') ? child.stdout().split('\n')[0] : undefined), 'the console ready line', 60_000);
  return { child, url: (JSON.parse(line ?? '{}') as { url: string }).url };
}

describe('a console SIGKILLed with events in its Notion outbox', () => {
  it('pushes every one of them exactly once after a restart', async () => {
    const hub = await spawnHub(['--port', '0', '--seed', '12']);
    cleanup.push(() => hub.stop());
    const failing = await spawnNotionSim(['--token', 'secret_kill', '--fail', '1', '--fail-after-create', '0', '--retry-after-max', '0', '--hold-ms', '200']);
    cleanup.push(() => failing.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-notion-kill-'));

    const first = await serve(dataDir, hub.requests, failing);
    const api = await WsClient.open(first.url, { origin: new URL(first.url).origin });
    const queued: OutboxEvent[] = [];
    for (let i = 0; i < 3; i++) queued.push(await api.result<OutboxEvent>('reports:push', { window: '1h' }));
    const before = await api.result<{ events: OutboxEvent[]; figures: PushFigures }>('outbox:list', {});
    expect(before.events.filter((event) => event.kind === 'report' && event.status === 'pending')).toHaveLength(3);
    api.close();
    await first.child.kill('SIGKILL');
    await failing.stop();

    const healthy = await spawnNotionSim(['--token', 'secret_kill', '--database-id', failing.databaseId]);
    cleanup.push(() => healthy.stop());
    const second = await serve(dataDir, hub.requests, healthy);
    const pages = async (): Promise<{ counts: { pages: number; distinctEventIds: number; duplicates: number }; pages: { eventId: string }[] }> =>
      (await (await fetch(`${healthy.url}/__sim/pages`)).json()) as { counts: { pages: number; distinctEventIds: number; duplicates: number }; pages: { eventId: string }[] };
    const done = await waitFor(async () => {
      const now = await pages();
      return queued.every((event) => now.pages.some((page) => page.eventId === event.id)) ? now : undefined;
    }, 'every queued report as a page', 60_000);
    expect(done.counts.duplicates).toBe(0);
    expect(done.pages.filter((page) => queued.some((event) => event.id === page.eventId))).toHaveLength(3);
    const api2 = await WsClient.open(second.url, { origin: new URL(second.url).origin });
    const after = await api2.result<{ events: OutboxEvent[] }>('outbox:list', {});
    api2.close();
    for (const event of queued) expect(after.events.find((e) => e.id === event.id)?.status).toBe('pushed');
  }, 120_000);
});

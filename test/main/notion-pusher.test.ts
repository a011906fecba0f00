// The Notion pusher against the simulator over real HTTP (127.0.0.1, port 0) with a real outbox in a
// temp dir: each failure class ends with exactly one page (or a parked event with Notion's message),
// Retry-After holds the next request, and the simulator's own checks (401, limits, admin counts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../src-shared/domain/outbox';
import { createNotionBridge, type NotionBridge, type NotionBridgeOptions } from '../../src-main/integrations/notion/notion-bridge';
import { BLOCKS_MAX, RICH_TEXT_MAX, bodyBlocks } from '../../src-main/integrations/notion/notion-pages';
import { retryAfterMs } from '../../src-main/integrations/notion/notion-pusher';
import { startNotionSim, type NotionSim } from '../../src-main/integrations/notion/notion-sim';
import type { NotionSimOptionsInput, ScriptedFault } from '../../src-main/integrations/notion/notion-sim-faults';

const sims: NotionSim[] = [];
const bridges: NotionBridge[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const bridge of bridges.splice(0)) await bridge.dispose();
  for (const sim of sims.splice(0)) await sim.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function setup(simOptions: NotionSimOptionsInput = {}, bridgeOptions: Partial<NotionBridgeOptions> = {}, token?: string): Promise<{ sim: NotionSim; bridge: NotionBridge }> {
  const sim = await startNotionSim({ seed: 1, retryAfterMaxS: 0, holdMs: 2000, ...simOptions });
  sims.push(sim);
  const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-notion-'));
  dirs.push(dataDir);
  const bridge = createNotionBridge({
    dataDir,
    logger: pino({ level: 'silent' }),
    notion: { baseUrl: sim.url, databaseId: sim.databaseId, token: token ?? sim.token, timeoutMs: 300 },
    rate: 200,
    backoff: { initialDelayMs: 5, maxDelayMs: 50, lookupDelayMs: 10 },
    ...bridgeOptions,
  });
  bridges.push(bridge);
  bridge.start();
  return { sim, bridge };
}

let counter = 0;
function alert(body = 'p99 above 5 s for 3 s'): Record<string, unknown> {
  counter += 1;
  return { kind: 'alert.fired', title: `P99 latency ${counter}`, body, createdAt: Date.UTC(2026, 0, 2, 3, 4, 5) };
}

/** Enqueues one event, waits until nothing is pending, and returns the event as the outbox has it. */
async function push(bridge: NotionBridge, input: Record<string, unknown> = alert()): Promise<OutboxEvent> {
  const { id } = bridge.enqueue(input);
  await bridge.dispatcher.whenIdle();
  const event = bridge.outbox.get(id);
  if (!event) throw new Error('event vanished');
  return event;
}

/** The simulator's requests as "route:fault-or-status", for the event pushed last. */
function trail(sim: NotionSim): string[] {
  return sim.requests().map((r) => `${r.route}:${r.fault ?? String(r.status)}`);
}

/** Pushes one event first so the data source is known and the next event's first request is its create. */
async function warmed(simOptions: NotionSimOptionsInput = {}, bridgeOptions: Partial<NotionBridgeOptions> = {}): Promise<{ sim: NotionSim; bridge: NotionBridge; before: number }> {
  const { sim, bridge } = await setup(simOptions, bridgeOptions);
  expect((await push(bridge)).status).toBe('pushed');
  return { sim, bridge, before: sim.requests().length };
}

describe('one page per event', () => {
  it('creates the page with the event id, kind, date and body', async () => {
    const { sim, bridge } = await setup();
    const event = await push(bridge, { kind: 'report', title: 'Checkpoint 12:00', body: 'first\n\nsecond', createdAt: Date.UTC(2026, 5, 1, 12) });
    expect(event).toMatchObject({ status: 'pushed', attempts: 1, uncertain: false, lastError: null });
    expect(sim.pages()).toEqual([expect.objectContaining({ id: event.pageId, eventId: event.id, title: 'Checkpoint 12:00', kind: 'report', created: '2026-06-01T12:00:00.000Z', blocks: 2 })]);
    expect(trail(sim)).toEqual(['database:200', 'create:200']);
  });

  it('splits a long body at 2000 characters and cuts it at 100 blocks, saying so on the page', async () => {
    const long = Array.from({ length: 150 }, (_, i) => `${i}`.padEnd(2500, 'x')).join('\n\n');
    const { blocks, omittedChars } = bodyBlocks(long);
    expect(blocks).toHaveLength(BLOCKS_MAX);
    expect(omittedChars).toBeGreaterThan(0);
    expect(JSON.stringify(blocks.at(-1))).toContain(`Truncated: ${omittedChars} of`);
    expect(bodyBlocks('a'.repeat(RICH_TEXT_MAX * 2 + 1)).blocks).toHaveLength(3);
    const { sim, bridge } = await setup();
    expect((await push(bridge, alert(long))).status).toBe('pushed');
    expect(sim.pages()[0]?.blocks).toBe(BLOCKS_MAX);
  });
});

describe('failure classes', () => {
  it.each([
    ['rate-limited', 429],
    ['overloaded', 529],
  ] as const)('%s (%i): the next request waits Retry-After, and the create is sent again without a look-up', async (fault, status) => {
    const { sim, bridge, before } = await warmed();
    sim.faults({ script: [{ on: 'create', fault, retryAfterS: 1 }] });
    const event = await push(bridge);
    expect(event).toMatchObject({ status: 'pushed', attempts: 2, uncertain: false });
    const [refused, next] = sim.requests().slice(before);
    expect(refused).toMatchObject({ route: 'create', status });
    expect(next).toMatchObject({ route: 'create', status: 200 });
    expect((next?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(sim.counts()).toEqual({ pages: 2, distinctEventIds: 2, duplicates: 0 });
  });

  it.each(['error-500', 'timeout'] as const)('%s on a create: the next attempt looks first, then creates one page', async (fault) => {
    const { sim, bridge, before } = await warmed();
    sim.faults({ script: [{ on: 'create', fault }] });
    const event = await push(bridge);
    expect(event).toMatchObject({ status: 'pushed', attempts: 2, uncertain: false });
    expect(trail(sim).slice(before)).toEqual([`create:${fault}`, 'query:200', 'create:200']);
    expect(sim.counts()).toEqual({ pages: 2, distinctEventIds: 2, duplicates: 0 });
    expect(bridge.figures()).toMatchObject({ failures: 1, successes: 2, foundByQuery: 0 });
  });

  it.each(['lost-500', 'lost-502', 'lost-504', 'lost-reset', 'garbage'] as const)(
    'reply lost after the create (%s): the next attempt finds the page by its event id; no duplicate',
    async (fault) => {
      const { sim, bridge, before } = await warmed();
      sim.faults({ script: [{ on: 'create', fault }] });
      const event = await push(bridge);
      expect(trail(sim).slice(before)).toEqual([`create:${fault}`, 'query:200']);
      expect(event).toMatchObject({ status: 'pushed', attempts: 2, uncertain: false });
      expect(sim.pages().find((page) => page.eventId === event.id)?.id).toBe(event.pageId);
      expect(sim.counts()).toEqual({ pages: 2, distinctEventIds: 2, duplicates: 0 });
      expect(bridge.figures()).toMatchObject({ attempts: 3, successes: 2, failures: 1, foundByQuery: 1 });
    },
  );

  it('a page that may exist is looked up only after lookupDelayMs, so Notion has time to show it', async () => {
    const { sim, bridge, before } = await warmed({}, { backoff: { initialDelayMs: 1, maxDelayMs: 5, lookupDelayMs: 400 } });
    sim.faults({ script: [{ on: 'create', fault: 'lost-504' }] });
    await push(bridge);
    const [lost, lookup] = sim.requests().slice(before);
    expect([lost?.route, lookup?.route]).toEqual(['create', 'query']);
    expect((lookup?.at ?? 0) - (lost?.at ?? 0)).toBeGreaterThanOrEqual(390);
  });

  it('garbage JSON from Notion is one failed attempt; the dispatcher keeps going', async () => {
    const { sim, bridge } = await setup();
    sim.faults({ script: [{ on: 'database', fault: 'garbage' }] });
    const event = await push(bridge);
    expect(event.status).toBe('pushed');
    expect(bridge.figures()).toMatchObject({ attempts: 2, failures: 1, successes: 1 });
    expect((await push(bridge)).status).toBe('pushed');
    expect(sim.counts()).toEqual({ pages: 2, distinctEventIds: 2, duplicates: 0 });
  });

  it('400: parked at once with Notion\'s message; the next event is pushed', async () => {
    const { sim, bridge, before } = await warmed();
    sim.faults({ script: [{ on: 'create', fault: 'bad-request' }] });
    const parked = await push(bridge);
    expect(parked).toMatchObject({ status: 'parked', attempts: 1 });
    expect(parked.lastError).toMatch(/Notion 400 validation_error: body failed validation/);
    expect(bridge.status().lastError).toBe(parked.lastError);
    expect(trail(sim).slice(before)).toEqual(['create:bad-request']);
    expect((await push(bridge)).status).toBe('pushed');
    expect(bridge.status().lastError).toBeNull();
    expect(bridge.figures()).toMatchObject({ pushed: 2, parked: 1, deliveryRate: 2 / 3 });
  });

  it('a wrong token: 401 parks the event with "unauthorized"; the token is in no message or status', async () => {
    const { bridge } = await setup({}, {}, 'secret_wrong_token_123');
    const parked = await push(bridge);
    expect(parked.status).toBe('parked');
    expect(parked.lastError).toMatch(/Notion 401 unauthorized/);
    expect(JSON.stringify([parked, bridge.status(), bridge.figures()])).not.toContain('secret_wrong_token_123');
  });

  it('50 failed attempts park the event; retried by hand it is pushed, once', async () => {
    const { sim, bridge } = await warmed();
    const fifty: ScriptedFault[] = Array.from({ length: 50 }, () => ({ fault: 'error-500' }));
    sim.faults({ script: fifty });
    const parked = await push(bridge);
    expect(parked).toMatchObject({ status: 'parked', attempts: 50, uncertain: true });
    expect(parked.lastError).toMatch(/^gave up after 50 attempts; last: Notion 500/);
    expect(sim.requests().filter((r) => r.fault === 'error-500')).toHaveLength(50);
    expect(bridge.list({ status: 'parked' }).map((e) => e.id)).toEqual([parked.id]);

    expect(bridge.retry(parked.id)).toMatchObject({ status: 'pending', attempts: 0, uncertain: true });
    await bridge.dispatcher.whenIdle();
    expect(bridge.outbox.get(parked.id)).toMatchObject({ status: 'pushed', attempts: 1 });
    expect(sim.counts()).toEqual({ pages: 2, distinctEventIds: 2, duplicates: 0 });
    expect(bridge.retry(parked.id)).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it.each([
    ['1', 1000],
    ['0', 0],
    ['', null],
    [undefined, null],
    ['soon', null],
  ] as const)('%j → %j ms', (header, ms) => {
    expect(retryAfterMs(header)).toBe(ms);
  });

  it('an HTTP date counts from now', () => {
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:05 GMT', Date.UTC(2026, 0, 1))).toBe(5000);
  });
});

describe('the simulator', () => {
  it('checks the token and the Notion-Version header, and its admin view counts duplicates', async () => {
    const sim = await startNotionSim({ token: 'secret_sim' });
    sims.push(sim);
    const headers = { authorization: 'Bearer secret_sim', 'notion-version': '2025-09-03', 'content-type': 'application/json' };
    const page = JSON.stringify({
      parent: { data_source_id: sim.dataSourceId },
      properties: { Name: { title: [{ text: { content: 'x' } }] }, 'Event ID': { rich_text: [{ text: { content: 'e-1' } }] } },
    });
    expect((await fetch(`${sim.url}/v1/pages`, { method: 'POST', headers: { ...headers, authorization: 'Bearer nope' }, body: page })).status).toBe(401);
    expect((await fetch(`${sim.url}/v1/pages`, { method: 'POST', headers: { ...headers, 'notion-version': '' }, body: page })).status).toBe(400);
    const tooLong = page.replace('"x"', JSON.stringify('x'.repeat(2001)));
    expect((await fetch(`${sim.url}/v1/pages`, { method: 'POST', headers, body: tooLong })).status).toBe(400);
    for (let i = 0; i < 2; i++) expect((await fetch(`${sim.url}/v1/pages`, { method: 'POST', headers, body: page })).status).toBe(200);
    const admin = (await (await fetch(`${sim.url}/__sim/pages`)).json()) as { counts: unknown; pages: unknown[] };
    expect(admin.counts).toEqual({ pages: 2, distinctEventIds: 1, duplicates: 1 });
    expect(admin.pages).toHaveLength(2);
  });
});

// The outbox and its dispatcher with real SQLite files in temp dirs and the Notion simulator over
// real HTTP: commit before push, refusal of bad events, strict order under faults, figures that
// survive a restart, an attempt cut off by a crash (looked up, never doubled), configure and dispose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createNotionBridge, type NotionBridge, type NotionConfig } from '../../src-main/integrations/notion/notion-bridge';
import { NotionPusher } from '../../src-main/integrations/notion/notion-pusher';
import { OutboxInputError, OutboxStore } from '../../src-main/integrations/notion/outbox-store';
import { startNotionSim, type NotionSim } from '../../src-main/integrations/notion/notion-sim';

const silent = pino({ level: 'silent' });
const sims: NotionSim[] = [];
const bridges: NotionBridge[] = [];
const stores: OutboxStore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const bridge of bridges.splice(0)) await bridge.dispose();
  for (const store of stores.splice(0)) store.close();
  for (const sim of sims.splice(0)) await sim.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-outbox-'));
  dirs.push(dir);
  return dir;
}

async function sim(options: Parameters<typeof startNotionSim>[0] = {}): Promise<NotionSim> {
  const started = await startNotionSim({ seed: 7, retryAfterMaxS: 0, holdMs: 1000, ...options });
  sims.push(started);
  return started;
}

const connection = (s: NotionSim): NotionConfig => ({ baseUrl: s.url, databaseId: s.databaseId, token: s.token, timeoutMs: 300 });

function bridge(dataDir: string, notion: NotionConfig | null): NotionBridge {
  const created = createNotionBridge({ dataDir, logger: silent, notion, rate: 500, backoff: { initialDelayMs: 2, maxDelayMs: 20, lookupDelayMs: 5 } });
  bridges.push(created);
  return created;
}

function store(dataDir: string): OutboxStore {
  const opened = new OutboxStore(dataDir);
  stores.push(opened);
  return opened;
}

const event = (n: number): Record<string, unknown> => ({ kind: 'incident', title: `Incident ${n}`, body: `what happened ${n}`, createdAt: 1_767_225_600_000 + n });

/** Rows in the outbox file as another process would read them. */
function rowsOnDisk(dataDir: string): Array<{ id: string; status: string; uncertain: number; in_flight: number }> {
  const db = new Database(join(dataDir, 'outbox.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT id, status, uncertain, in_flight FROM events ORDER BY seq').all() as Array<{ id: string; status: string; uncertain: number; in_flight: number }>;
  } finally {
    db.close();
  }
}

describe('enqueue', () => {
  it('commits the event before anything is pushed: with no connection it waits in outbox.sqlite', async () => {
    const dir = tempDir();
    const idle = bridge(dir, null);
    idle.start();
    const queued = idle.enqueue(event(1));
    expect(rowsOnDisk(dir)).toEqual([{ id: queued.id, status: 'pending', uncertain: 0, in_flight: 0 }]);
    expect(idle.status()).toEqual({ configured: false, baseUrl: 'https://api.notion.com', databaseId: null, tokenSource: 'none', lastError: null });
    expect(idle.figures()).toMatchObject({ depth: 1, attempts: 0, attemptSuccessRate: null, deliveryRate: null });

    const notion = await sim();
    idle.configure(connection(notion));
    await idle.dispatcher.whenIdle();
    expect(idle.outbox.get(queued.id)?.status).toBe('pushed');
    expect(idle.status()).toMatchObject({ configured: true, baseUrl: notion.url, databaseId: notion.databaseId, tokenSource: 'env' });
    expect(notion.counts().pages).toBe(1);
  });

  it('refuses a bad event, naming each bad field, and stores nothing', () => {
    const outbox = store(tempDir());
    expect(() => outbox.enqueue({ kind: 'alert.exploded', title: '  ', body: 'x', createdAt: Number.NaN })).toThrow(OutboxInputError);
    try {
      outbox.enqueue({ kind: 'alert.exploded', title: '  ', body: 'x', createdAt: Number.NaN });
    } catch (error) {
      expect((error as Error).message).toMatch(/kind: .*; title: must not be empty; createdAt: /);
    }
    expect(() => outbox.enqueue({ ...event(1), id: 'not-a-uuid' })).toThrow(/id: must be a UUID/);
    expect(() => outbox.enqueue({ ...event(1), extra: true })).toThrow(OutboxInputError);
    expect(() => outbox.enqueueMany([event(1), event(2), { ...event(3), title: 'x'.repeat(2001) }])).toThrow(/event 2\): title: must be at most 2000/);
    expect(outbox.list()).toEqual([]);
    expect(outbox.figures().depth).toBe(0);
  });

  it('the same event id twice is one event', () => {
    const outbox = store(tempDir());
    const id = '0f8fad5b-d9cb-469f-a165-70867728950e';
    expect(outbox.enqueue({ ...event(1), id }).created).toBe(true);
    expect(outbox.enqueue({ ...event(2), id })).toMatchObject({ created: false, event: { id, title: 'Incident 1' } });
    expect(outbox.list()).toHaveLength(1);
  });
});

describe('dispatching', () => {
  it('pushes strictly in seq order under faults, one page per event', async () => {
    const notion = await sim({ fail: 0.4, failAfterCreate: 0.5 });
    const outbox = bridge(tempDir(), connection(notion));
    const ids = Array.from({ length: 40 }, (_, i) => outbox.enqueue(event(i)).id);
    outbox.start();
    await outbox.dispatcher.whenIdle();
    expect(notion.pages().map((page) => page.eventId)).toEqual(ids);
    const pushedAt = ids.map((id) => outbox.outbox.get(id)?.pushedAt ?? Number.NaN);
    expect(pushedAt).toEqual([...pushedAt].sort((a, b) => a - b));
    expect(notion.counts()).toEqual({ pages: 40, distinctEventIds: 40, duplicates: 0 });
    expect(notion.requests().filter((r) => r.fault !== null).length).toBeGreaterThan(5);
  });

  it('tells listeners each change of an event and the figures after it', async () => {
    const notion = await sim();
    const outbox = bridge(tempDir(), connection(notion));
    const changes: string[] = [];
    const pushed: number[] = [];
    outbox.dispatcher.onDidChange((e) => changes.push(`${e.status}/${e.attempts}`));
    outbox.dispatcher.onDidChangeFigures((f) => pushed.push(f.pushed));
    outbox.start();
    notion.faults({ script: [{ on: 'create', fault: 'error-500' }] });
    outbox.enqueue(event(1));
    await outbox.dispatcher.whenIdle();
    expect(changes).toEqual(['pending/0', 'pending/1', 'pending/1', 'pending/2', 'pushed/2']);
    expect(pushed.at(-1)).toBe(1);
  });

  it('figures count attempts and rates, and survive a restart', async () => {
    const notion = await sim();
    const dir = tempDir();
    const first = bridge(dir, connection(notion));
    first.start();
    notion.faults({ script: [{ on: 'create', fault: 'lost-502' }, { on: 'create', fault: 'bad-request' }] });
    for (let i = 0; i < 3; i++) first.enqueue(event(i));
    await first.dispatcher.whenIdle();
    const expected = { attempts: 4, successes: 2, failures: 2, foundByQuery: 1, pushed: 2, parked: 1, depth: 0, oldestPendingAgeMs: null, deliveryRate: 2 / 3, attemptSuccessRate: 0.5 };
    expect(first.figures()).toEqual(expected);
    await first.dispose();
    expect(store(dir).figures()).toEqual(expected);
  });

  it('lists newest first, by status; only a parked event can be retried by hand', async () => {
    const notion = await sim();
    const outbox = bridge(tempDir(), connection(notion));
    outbox.start();
    notion.faults({ script: [{ on: 'create', fault: 'bad-request' }] });
    const ids = [1, 2, 3].map((n) => outbox.enqueue(event(n)).id);
    await outbox.dispatcher.whenIdle();
    expect(outbox.list().map((e) => e.id)).toEqual([...ids].reverse());
    expect(outbox.list({ status: 'parked' }).map((e) => e.id)).toEqual([ids[0]]);
    expect(outbox.list({ limit: 1 })).toHaveLength(1);
    expect(outbox.retry(ids[1] ?? '')).toBeUndefined();
    expect(outbox.retryAllParked().map((e) => e.id)).toEqual([ids[0]]);
    await outbox.dispatcher.whenIdle();
    expect(outbox.figures()).toMatchObject({ pushed: 3, parked: 0, deliveryRate: 1 });
  });

  it('an attempt cut off by a crash after the create: the restart looks the page up and never creates a second', async () => {
    const notion = await sim();
    const dir = tempDir();
    const crashed = store(dir);
    const { event: queued } = crashed.enqueue(event(1));
    const started = crashed.beginAttempt(queued.id);
    // The create reaches Notion, then the process dies before it records the reply.
    const pusher = new NotionPusher({ target: { baseUrl: notion.url, databaseId: notion.databaseId, token: notion.token }, logger: silent });
    expect((await pusher.push(started, async () => undefined)).kind).toBe('pushed');
    pusher.dispose();
    crashed.close();
    expect(rowsOnDisk(dir)).toEqual([{ id: queued.id, status: 'pending', uncertain: 0, in_flight: 1 }]);

    const before = notion.requests().length;
    const restarted = bridge(dir, connection(notion));
    restarted.start();
    await restarted.dispatcher.whenIdle();
    expect(restarted.outbox.get(queued.id)).toMatchObject({ status: 'pushed', attempts: 2, pageId: notion.pages()[0]?.id });
    expect(notion.requests().slice(before).map((r) => r.route)).toEqual(['database', 'query']);
    expect(notion.counts()).toEqual({ pages: 1, distinctEventIds: 1, duplicates: 0 });
  });

  it('dispose during a held request ends the attempt and leaves the event pending and uncertain', async () => {
    const notion = await sim({ holdMs: 60_000 });
    const dir = tempDir();
    const outbox = createNotionBridge({ dataDir: dir, logger: silent, notion: { ...connection(notion), timeoutMs: 30_000 }, rate: 500 });
    outbox.start();
    notion.faults({ script: [{ on: 'create', fault: 'lost-timeout' }] });
    const queued = outbox.enqueue(event(1));
    while (!notion.requests().some((r) => r.fault === 'lost-timeout')) await new Promise((resolve) => setTimeout(resolve, 10));
    await outbox.dispose();
    expect(rowsOnDisk(dir)).toEqual([{ id: queued.id, status: 'pending', uncertain: 1, in_flight: 0 }]);
  });
});

describe('configure', () => {
  it('refuses a bad connection by field, never echoing the token', () => {
    const outbox = bridge(tempDir(), null);
    const bad = { baseUrl: 'http://notion.example.com', databaseId: 'nope', token: 'secret_do_not_echo' };
    expect(() => outbox.configure(bad)).toThrow(/baseUrl: must be an https:\/\/ URL.*; databaseId: must be a Notion id/);
    try {
      outbox.configure(bad);
    } catch (error) {
      expect(String(error)).not.toContain('secret_do_not_echo');
    }
    expect(() => outbox.configure({ ...bad, baseUrl: 'https://api.notion.com', databaseId: '0f8fad5bd9cb469fa16570867728950e', token: ' ' })).toThrow(/token: must not be empty/);
    expect(outbox.status().configured).toBe(false);
  });
});

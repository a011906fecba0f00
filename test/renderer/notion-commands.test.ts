// The Notion view's commands: a save sends what the form checked and lands main's status (or its
// refusal, with the field messages) in the store; retries put the events back as pending; one of
// each kind at a time.
import { describe, expect, it } from 'vitest';
import { NotionCommands } from '../../src-renderer/api/notion-commands';
import { createStores } from '../../src-renderer/stores';
import { replaceOutbox, startOutboxLoad } from '../../src-renderer/stores/outbox';
import { FakeBridge } from './fake-bridge';
import { notionStatus, outboxEvent, parked, pushFigures } from './notion-fixtures';

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup() {
  const bridge = new FakeBridge();
  const store = createStores().outbox;
  store.setState((state) => replaceOutbox(startOutboxLoad(state, null), [parked(2), parked(1)], pushFigures({ parked: 2 }), 0));
  const commands = new NotionCommands(bridge, store, () => 7_000);
  return { bridge, store, commands };
}

describe('NotionCommands', () => {
  it('saves the connection and shows the new status and figures', async () => {
    const { bridge, store, commands } = setup();
    const done = commands.configure({ baseUrl: 'http://127.0.0.1:4010', databaseId: '0123456789abcdef0123456789abcdef' });
    expect(store.getState().saving).toBe(true);
    // A second click while the first is on its way sends nothing.
    await expect(commands.configure({ databaseId: 'x' })).resolves.toBe(false);
    expect(bridge.calls).toHaveLength(1);
    expect(bridge.calls[0]?.input).toEqual({ baseUrl: 'http://127.0.0.1:4010', databaseId: '0123456789abcdef0123456789abcdef' });
    const figures = pushFigures({ depth: 3 });
    bridge.calls[0]?.answer({ ok: true, result: { status: notionStatus(), figures } });
    await expect(done).resolves.toBe(true);
    expect(store.getState()).toMatchObject({ saving: false, configureError: null, notion: notionStatus(), figures, figuresAt: 7_000 });
  });

  it('keeps a refusal with its field messages, and changes nothing else', async () => {
    const { bridge, store, commands } = setup();
    const before = store.getState().notion;
    const done = commands.configure({ databaseId: '0123456789abcdef0123456789abcdef', token: 'secret_typed' });
    const error = { code: 'BAD_INPUT' as const, message: 'reads NOTION_TOKEN only', fields: { token: 'set NOTION_TOKEN instead' } };
    bridge.calls[0]?.answer({ ok: false, error });
    await expect(done).resolves.toBe(false);
    expect(store.getState()).toMatchObject({ saving: false, configureError: error, notion: before });
    // The token typed is not kept anywhere in the store.
    expect(JSON.stringify(store.getState())).not.toContain('secret_typed');
  });

  it('retries one parked event: it shows pending at once', async () => {
    const { bridge, store, commands } = setup();
    const id = parked(2).id;
    const done = commands.retry(id);
    expect(store.getState().retrying).toEqual({ id });
    expect(bridge.calls[0]).toMatchObject({ channel: 'outbox:retry', input: { id } });
    bridge.calls[0]?.answer({ ok: true, result: outboxEvent(2) });
    await expect(done).resolves.toBe(true);
    expect(store.getState().events.map((event) => event.status)).toEqual(['pending', 'parked']);
    expect(store.getState().retrying).toBeNull();
  });

  it('retries every parked event, one request at a time', async () => {
    const { bridge, store, commands } = setup();
    const done = commands.retryParked();
    await expect(commands.retry(parked(1).id)).resolves.toBe(false);
    expect(bridge.calls.map((call) => call.channel)).toEqual(['outbox:retryParked']);
    bridge.calls[0]?.answer({ ok: true, result: { events: [outboxEvent(1), outboxEvent(2)] } });
    await expect(done).resolves.toBe(true);
    expect(store.getState().events.every((event) => event.status === 'pending')).toBe(true);
  });

  it('keeps a failed retry as the reason, and the rows as they were', async () => {
    const { bridge, store, commands } = setup();
    const rows = store.getState().events;
    const done = commands.retry(parked(1).id);
    bridge.calls[0]?.answer({ ok: false, error: { code: 'INVALID_STATE', message: 'not parked' } });
    await expect(done).resolves.toBe(false);
    await settle();
    expect(store.getState()).toMatchObject({ retrying: null, retryError: { code: 'INVALID_STATE' } });
    expect(store.getState().events).toBe(rows);
  });
});

// The Settings view's commands and their store: the name is kept in storage and sent trimmed, no
// decision goes without one, one decision at a time, and main's record (or why there is none)
// becomes the Gate result.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTHOR_STORAGE_KEY } from '../../src-renderer/api/author';
import type { NameStorage } from '../../src-renderer/api/author';
import { SettingsEditor } from '../../src-renderer/api/settings-commands';
import { createStores } from '../../src-renderer/stores';
import { heldThresholdChange, receiveChanged, replaceHistory } from '../../src-renderer/stores/settings';
import { FakeBridge } from './fake-bridge';
import { changeRecord, settingsState } from './settings-fixtures';

function memoryStorage(initial: Record<string, string> = {}): NameStorage & { values: Map<string, string> } {
  const values = new Map(Object.entries(initial));
  return {
    values,
    getItem: (key) => values.get(key) ?? null,
    setItem: (key, value) => void values.set(key, value),
    removeItem: (key) => void values.delete(key),
  };
}

function setup(initial: Record<string, string> = { [AUTHOR_STORAGE_KEY]: 'alice' }) {
  const bridge = new FakeBridge();
  const store = createStores().settings;
  const storage = memoryStorage(initial);
  const editor = new SettingsEditor(bridge, store, storage);
  const callsTo = (channel: string) => bridge.calls.filter((call) => call.channel === channel);
  return { bridge, store, storage, editor, callsTo };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SettingsEditor', () => {
  it('starts with the stored name and keeps a new one; an emptied name is forgotten', () => {
    const { store, storage, editor } = setup();
    expect(store.getState().author).toBe('alice');
    editor.setAuthor('bob');
    expect(storage.values.get(AUTHOR_STORAGE_KEY)).toBe('bob');
    editor.setAuthor('  ');
    expect(store.getState().author).toBe('  ');
    expect(storage.values.has(AUTHOR_STORAGE_KEY)).toBe(false);
  });

  it('sends nothing while no name is set', async () => {
    const { editor, bridge } = setup({});
    expect(await editor.propose({ duplicateWindowMs: 8_000 }, '')).toBeNull();
    expect(await editor.rollback(1, 'undo')).toBeNull();
    expect(bridge.calls).toHaveLength(0);
  });

  it('proposes once however often it is asked, with the name trimmed, and shows main\'s record', async () => {
    const { store, editor, callsTo } = setup();
    editor.setAuthor('  alice ');
    const first = editor.propose({ duplicateWindowMs: 8_000 }, 'fewer false holds');
    const second = editor.confirm(4);
    expect(callsTo('settings:propose')).toHaveLength(1);
    expect(callsTo('settings:confirm')).toHaveLength(0);
    expect(callsTo('settings:propose')[0]?.input).toEqual({ changes: { duplicateWindowMs: 8_000 }, reason: 'fewer false holds', author: 'alice' });
    expect(store.getState().pending).toEqual({ action: 'propose', id: null });
    const record = changeRecord(3, { changes: { duplicateWindowMs: 8_000 } });
    callsTo('settings:propose')[0]?.answer({ ok: true, result: record });
    expect(await first).toEqual(record);
    expect(await second).toBeNull();
    expect(store.getState()).toMatchObject({ pending: null, outcome: { action: 'propose', record } });
    expect(store.getState().records.map((r) => r.id)).toEqual([3]);
  });

  it.each([
    ['confirm', 'settings:confirm', { id: 4, confirmer: 'alice' }],
    ['rejectHeld', 'settings:rejectHeld', { id: 4, confirmer: 'alice' }],
    ['rollback', 'settings:rollback', { id: 4, author: 'alice', reason: 'back to 8 s' }],
  ] as const)('%s sends %s', async (action, channel, input) => {
    const { editor, callsTo } = setup();
    const done = action === 'rollback' ? editor.rollback(4, 'back to 8 s') : editor[action](4);
    expect(callsTo(channel)[0]?.input).toEqual(input);
    callsTo(channel)[0]?.answer({ ok: true, result: changeRecord(5, { rollbackOf: action === 'rollback' ? 4 : null }) });
    expect((await done)?.id).toBe(5);
  });

  it('keeps why main took no decision as the outcome', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { store, editor, callsTo } = setup();
    const done = editor.confirm(4);
    const error = { code: 'INVALID_STATE', message: 'you cannot confirm your own change' } as const;
    callsTo('settings:confirm')[0]?.answer({ ok: false, error });
    expect(await done).toBeNull();
    expect(store.getState()).toMatchObject({ pending: null, outcome: { action: 'confirm', id: 4, error } });
  });
});

describe('settings store', () => {
  it('keeps the newest 100 records, and a held one beyond them', () => {
    const { store } = setup();
    const records = Array.from({ length: 100 }, (_, index) => changeRecord(index + 2));
    store.setState((state) => replaceHistory(state, [changeRecord(1, { status: 'held' }), ...records]));
    store.setState((state) => receiveChanged(state, { record: changeRecord(102), state: settingsState() }));
    const ids = store.getState().records.map((record) => record.id);
    expect(ids).toHaveLength(101);
    expect(ids.slice(0, 2)).toEqual([102, 101]);
    expect(ids.at(-1)).toBe(1);
  });

  it.each([
    ['the newest held one by that author and value', { author: 'Alice', rule: 'p99', threshold: 3_000 } as const, 4],
    ['another author', { author: 'bob', rule: 'p99', threshold: 3_000 } as const, null],
    ['another value', { author: 'alice', rule: 'p99', threshold: 2_000 } as const, null],
    ['another rule', { author: 'alice', rule: 'p50', threshold: 3_000 } as const, null],
  ])('finds the held threshold change: %s', (_name, change, expected) => {
    const records = [
      changeRecord(5, { status: 'applied', changes: { alertThresholds: { p99: 3_000 } } }),
      changeRecord(4, { status: 'held', changes: { alertThresholds: { p99: 3_000 } } }),
      changeRecord(3, { status: 'held', changes: { alertThresholds: { p99: 3_000 } } }),
    ];
    expect(heldThresholdChange(records, change)).toBe(expected);
  });
});

// The settings feed: in a trader's session it loads the settings in force and the last 100 changes
// on start, keeps them live from settings:changed (state replaced, record upserted by id, events
// racing the load applied after it), reloads after a reconnect, retries a failed load, and carries
// applied thresholds to the alerts store. A viewer's session asks for nothing; an unknown one waits.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsSync } from '../../src-renderer/api/settings-sync';
import type { Principal } from '../../src-shared/ipc/access';
import { replaceRules } from '../../src-renderer/stores/alerts';
import { feedHarness, settle } from './feed-harness';
import { RULES } from './health-fixtures';
import { changeRecord, settings, settingsState } from './settings-fixtures';

const TRADER: Principal = { role: 'trader', tokenId: 'trader-1a2b3c4d' };
const VIEWER: Principal = { role: 'viewer', tokenId: 'viewer-5e6f7a8b' };

function setup(principal: Principal | null = TRADER) {
  const harness = feedHarness(SettingsSync, principal);
  const { answer, stores } = harness;
  const answerAll = async (index = -1) => {
    answer('settings:get', { ok: true, result: settingsState() }, index);
    answer('settings:history', { ok: true, result: { records: [changeRecord(1), changeRecord(2, { status: 'refused' })] } }, index);
    await settle();
  };
  const ids = () => stores.settings.getState().records.map((record) => record.id);
  return { ...harness, answerAll, ids };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SettingsSync', () => {
  it('loads the settings in force and the last 100 changes on start, newest first', async () => {
    const { sync, callsTo, answerAll, stores, ids } = setup();
    sync.start();
    expect(callsTo('settings:get')).toHaveLength(1);
    expect(callsTo('settings:history')[0]?.input).toEqual({ limit: 100 });
    await answerAll();
    expect(stores.settings.getState()).toMatchObject({ status: 'ready', current: settingsState() });
    expect(ids()).toEqual([2, 1]);
    sync.dispose();
  });

  it('replaces the state and upserts the record on settings:changed', async () => {
    const { bridge, sync, answerAll, stores, ids } = setup();
    sync.start();
    await answerAll();
    const held = changeRecord(3, { status: 'held', changes: { maxRetries: 3 } });
    bridge.emit('settings:changed', { record: held, state: settingsState({ pendingRestart: ['hubAddress'] }) });
    expect(ids()).toEqual([3, 2, 1]);
    expect(stores.settings.getState().current?.pendingRestart).toEqual(['hubAddress']);
    // The same change, confirmed by a second person: one row, now confirmed.
    bridge.emit('settings:changed', { record: { ...held, status: 'confirmed', confirmedBy: 'bob' }, state: settingsState() });
    expect(ids()).toEqual([3, 2, 1]);
    expect(stores.settings.getState().records[0]).toMatchObject({ status: 'confirmed', confirmedBy: 'bob' });
    sync.dispose();
  });

  it('applies changes that raced the load on top of it', async () => {
    const { bridge, sync, answerAll, stores, ids } = setup();
    sync.start();
    const newer = settingsState({ settings: settings({ duplicateWindowMs: 8_000 }) });
    bridge.emit('settings:changed', { record: changeRecord(5), state: newer });
    await answerAll();
    expect(ids()).toEqual([5, 2, 1]);
    expect(stores.settings.getState().current).toEqual(newer);
    sync.dispose();
  });

  it('reloads after a reconnect, dropping the replies of the load it replaced', async () => {
    const { bridge, sync, callsTo, answer, ids } = setup();
    sync.start();
    bridge.reconnect();
    expect(callsTo('settings:get')).toHaveLength(2);
    answer('settings:get', { ok: true, result: settingsState() }, 1);
    answer('settings:history', { ok: true, result: { records: [changeRecord(7)] } }, 1);
    await settle();
    answer('settings:get', { ok: true, result: settingsState() }, 0);
    answer('settings:history', { ok: true, result: { records: [changeRecord(1)] } }, 0);
    await settle();
    expect(ids()).toEqual([7]);
    sync.dispose();
  });

  it('shows a failed load as an error and tries again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sync, callsTo, answer, answerAll, stores } = setup();
    sync.start();
    answer('settings:get', { ok: true, result: settingsState() });
    answer('settings:history', { ok: false, error: { code: 'INTERNAL', message: 'settings.sqlite unreadable' } });
    await settle();
    expect(stores.settings.getState()).toMatchObject({ status: 'error', error: { code: 'INTERNAL' } });
    await vi.waitFor(() => expect(callsTo('settings:history')).toHaveLength(2));
    await answerAll();
    expect(stores.settings.getState()).toMatchObject({ status: 'ready', error: null });
    sync.dispose();
  });

  it('does not ask again when main refuses the settings (the token is no longer a trader\'s)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { sync, callsTo, answer, stores } = setup();
    sync.start();
    answer('settings:get', { ok: false, error: { code: 'FORBIDDEN', message: 'A viewer may not use settings:get' } });
    answer('settings:history', { ok: false, error: { code: 'FORBIDDEN', message: 'A viewer may not use settings:history' } });
    await settle();
    expect(stores.settings.getState()).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN' } });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(callsTo('settings:get')).toHaveLength(1);
    sync.dispose();
  });

  it("asks nothing in a viewer's session: not on start, not after a reconnect", async () => {
    const { bridge, sync, stores } = setup(VIEWER);
    sync.start();
    bridge.reconnect();
    // A new snapshot that says viewer again, and other connection news, change nothing.
    stores.connection.setState({ principal: { ...VIEWER }, link: 'open' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bridge.calls).toEqual([]);
    expect(stores.settings.getState().status).toBe('loading');
    sync.dispose();
  });

  it('waits for main to say who the session is, and loads once it says a trader (once)', async () => {
    const { bridge, sync, callsTo, answerAll, stores, ids } = setup(null);
    sync.start();
    bridge.reconnect();
    expect(bridge.calls).toEqual([]);
    stores.connection.setState({ principal: TRADER });
    expect(callsTo('settings:get')).toHaveLength(1);
    expect(callsTo('settings:history')).toHaveLength(1);
    // Later snapshots that say trader again do not reload; a reconnect still does.
    stores.connection.setState({ principal: { ...TRADER } });
    await answerAll();
    expect(ids()).toEqual([2, 1]);
    expect(callsTo('settings:get')).toHaveLength(1);
    bridge.reconnect();
    expect(callsTo('settings:get')).toHaveLength(2);
    sync.dispose();
  });

  it('loads when a viewer session becomes a trader session', async () => {
    const { bridge, sync, callsTo, stores } = setup(VIEWER);
    sync.start();
    expect(bridge.calls).toEqual([]);
    stores.connection.setState({ principal: TRADER });
    expect(callsTo('settings:get')).toHaveLength(1);
    sync.dispose();
  });

  it('puts the thresholds of an applied or confirmed change into the alert rules, not those of a held one', async () => {
    const { bridge, sync, answerAll, stores } = setup();
    stores.alerts.setState((state) => replaceRules(state, RULES));
    sync.start();
    await answerAll();
    const thresholds = { ...settings().alertThresholds, p99: 3_000 };
    const threshold = () => stores.alerts.getState().rules?.find((rule) => rule.id === 'p99')?.threshold;
    const record = changeRecord(3, { status: 'held', changes: { alertThresholds: { p99: 3_000 } }, after: settings({ alertThresholds: thresholds }) });
    bridge.emit('settings:changed', { record, state: settingsState() });
    expect(threshold()).toBe(5_000);
    bridge.emit('settings:changed', { record: { ...record, status: 'confirmed' }, state: settingsState({ settings: settings({ alertThresholds: thresholds }) }) });
    expect(threshold()).toBe(3_000);
    sync.dispose();
  });

  it('stops listening once disposed', async () => {
    const { bridge, sync, answerAll, callsTo, ids, stores } = setup();
    sync.start();
    await answerAll();
    sync.dispose();
    bridge.emit('settings:changed', { record: changeRecord(9), state: settingsState() });
    bridge.reconnect();
    stores.connection.setState({ principal: null });
    stores.connection.setState({ principal: TRADER });
    expect(ids()).toEqual([2, 1]);
    expect(callsTo('settings:get')).toHaveLength(1);
  });
});

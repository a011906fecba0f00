// The rule editor's command: main's answer becomes the rule, a refusal is kept for the row with
// main's reason, a hold by the settings gate is kept with its change's id, the name of who is acting
// goes along, and a second click while saving sends nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertRulesEditor } from '../../src-renderer/api/alert-rules';
import { createStores } from '../../src-renderer/stores';
import { replaceRules } from '../../src-renderer/stores/alerts';
import { replaceHistory, setAuthor } from '../../src-renderer/stores/settings';
import { FakeBridge } from './fake-bridge';
import { rule, RULES } from './health-fixtures';
import { changeRecord } from './settings-fixtures';

function setup(author = '') {
  const bridge = new FakeBridge();
  const stores = createStores();
  const store = stores.alerts;
  store.setState((state) => replaceRules(state, RULES));
  stores.settings.setState((state) => setAuthor(state, author));
  const editor = new AlertRulesEditor(bridge, store, stores.settings);
  const saves = () => bridge.calls.filter((call) => call.channel === 'alerts:setRule');
  const histories = () => bridge.calls.filter((call) => call.channel === 'settings:history');
  return { bridge, store, settings: stores.settings, editor, saves, histories };
}

const HELD = { ok: false, error: { code: 'CHANGE_HELD', message: "held for a second person's confirmation (change #7): reviewer unsure" } } as const;
const heldRecord = (id: number) => changeRecord(id, { status: 'held', author: 'carol', changes: { alertThresholds: { p99: 3_000 } } });
const settleAll = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('AlertRulesEditor', () => {
  it('sends the change once however often it is asked, then shows main\'s rule', async () => {
    const { store, editor, saves } = setup();
    const first = editor.save('p99', { threshold: 3_000 });
    const second = editor.save('p99', { threshold: 3_000 });
    expect(saves()).toHaveLength(1);
    expect(saves()[0]?.input).toEqual({ id: 'p99', threshold: 3_000 });
    saves()[0]?.answer({ ok: true, result: rule('p99', 3_000) });
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(store.getState().rules?.find((r) => r.id === 'p99')?.threshold).toBe(3_000);
    expect(store.getState().saving.size).toBe(0);
  });

  it('keeps the rule and records main\'s reason when the change is refused', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { store, editor, saves } = setup();
    const saved = editor.save('p50', { threshold: 0, enabled: false });
    saves()[0]?.answer({ ok: false, error: { code: 'BAD_INPUT', message: 'P50 latency threshold must be between 1 and 600000 ms' } });
    expect(await saved).toBe(false);
    expect(store.getState().rules?.find((r) => r.id === 'p50')).toEqual(rule('p50', 500));
    expect(store.getState().ruleErrors.get('p50')?.message).toMatch(/between 1 and 600000/);
  });

  it('sends who is acting, trimmed, when a name is set', () => {
    const { editor, saves } = setup('  carol ');
    void editor.save('p99', { threshold: 3_000 });
    expect(saves()[0]?.input).toEqual({ id: 'p99', threshold: 3_000, author: 'carol' });
  });

  it('keeps a held threshold as held with its change, found in the settings history', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const { store, settings, editor, saves, histories } = setup('carol');
    // main sends the held change's settings:changed before its reply
    settings.setState((state) => replaceHistory(state, [heldRecord(7), changeRecord(6)]));
    const saved = editor.save('p99', { threshold: 3_000 });
    saves()[0]?.answer(HELD);
    expect(await saved).toBe(false);
    expect(histories()).toHaveLength(0);
    expect(store.getState().ruleHeld.get('p99')).toBe(7);
    expect(store.getState().ruleErrors.has('p99')).toBe(false);
    expect(store.getState().saving.has('p99')).toBe(false);
    expect(store.getState().rules?.find((r) => r.id === 'p99')?.threshold).toBe(5_000);
  });

  it('asks main for the recent history when the settings store does not have the held change yet', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const { store, editor, saves, histories } = setup('carol');
    const saved = editor.save('p99', { threshold: 3_000 });
    saves()[0]?.answer(HELD);
    await settleAll();
    expect(histories()[0]?.input).toEqual({ limit: 20 });
    histories()[0]?.answer({ ok: true, result: { records: [heldRecord(7)] } });
    expect(await saved).toBe(false);
    expect(store.getState().ruleHeld.get('p99')).toBe(7);
  });

  it('clears the hold when the rule is saved again', async () => {
    vi.spyOn(console, 'info').mockImplementation(() => {});
    const { store, settings, editor, saves } = setup('carol');
    settings.setState((state) => replaceHistory(state, [heldRecord(7)]));
    const held = editor.save('p99', { threshold: 3_000 });
    saves()[0]?.answer(HELD);
    await held;
    void editor.save('p99', { enabled: false });
    expect(store.getState().ruleHeld.has('p99')).toBe(false);
  });
});

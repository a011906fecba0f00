// The rule editor's command: main's answer becomes the rule, a refusal is kept for the row with
// main's reason, and a second click while saving sends nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AlertRulesEditor } from '../../src-renderer/api/alert-rules';
import { createStores } from '../../src-renderer/stores';
import { replaceRules } from '../../src-renderer/stores/alerts';
import { FakeBridge } from './fake-bridge';
import { rule, RULES } from './health-fixtures';

function setup() {
  const bridge = new FakeBridge();
  const store = createStores().alerts;
  store.setState((state) => replaceRules(state, RULES));
  const editor = new AlertRulesEditor(bridge, store);
  const saves = () => bridge.calls.filter((call) => call.channel === 'alerts:setRule');
  return { bridge, store, editor, saves };
}

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
});

// The alerts store lists firing alerts first, then the newest; upserts by id with a resolution
// final; keeps firing alerts past the limit; and records each rule's save and refusal.
import { describe, expect, it } from 'vitest';
import {
  ALERT_HISTORY_LIMIT,
  emptyAlerts,
  failRuleSave,
  finishRuleSave,
  replaceAlerts,
  replaceRules,
  startRuleSave,
  upsertAlerts,
} from '../../src-renderer/stores/alerts';
import type { AlertsState } from '../../src-renderer/stores/alerts';
import { alertEvent, rule, RULES } from './health-fixtures';

const ids = (state: AlertsState) => state.events.map((event) => event.id);

describe('replaceAlerts', () => {
  it('lists firing alerts first, then by fired time, newest first', () => {
    const state = replaceAlerts(emptyAlerts, [
      alertEvent(1),
      alertEvent(2, { resolvedAt: null }),
      alertEvent(3),
      alertEvent(4, { firedAt: 3_000 }),
    ]);
    expect(ids(state)).toEqual([2, 4, 3, 1]);
    expect(state).toMatchObject({ firing: 1, status: 'ready', error: null });
  });
});

describe('upsertAlerts', () => {
  const base = replaceAlerts(emptyAlerts, [alertEvent(1), alertEvent(2)]);

  it.each([
    ['a new firing alert goes on top and counts', [alertEvent(3, { resolvedAt: null })], [3, 2, 1], 1],
    ['a resolved alert moves below the firing ones', [alertEvent(3, { resolvedAt: null }), alertEvent(3)], [3, 2, 1], 0],
    ['an update replaces the alert by id', [alertEvent(1, { message: 'changed' })], [2, 1], 0],
  ])('%s', (_name, incoming, expectedIds, firing) => {
    const state = upsertAlerts(base, incoming);
    expect(ids(state)).toEqual(expectedIds);
    expect(state.firing).toBe(firing);
  });

  it('keeps a resolution when a late message says the alert fires again', () => {
    const state = upsertAlerts(base, [alertEvent(2, { resolvedAt: null })]);
    expect(state).toBe(base);
    expect(state.firing).toBe(0);
  });

  it('trims the oldest resolved alerts to the limit, never a firing one', () => {
    const many = Array.from({ length: ALERT_HISTORY_LIMIT }, (_, index) => alertEvent(index + 10));
    const state = upsertAlerts(replaceAlerts(emptyAlerts, [alertEvent(1, { resolvedAt: null }), ...many]), [alertEvent(5_000)]);
    expect(state.events).toHaveLength(ALERT_HISTORY_LIMIT);
    expect(state.events[0]?.id).toBe(1);
    expect(state.events[1]?.id).toBe(5_000);
    expect(state.firing).toBe(1);
  });
});

describe('rule saves', () => {
  const loaded = replaceRules(emptyAlerts, RULES);

  it('replaces the saved rule with main\'s answer and clears its refusal', () => {
    const refused = failRuleSave(startRuleSave(loaded, 'p99'), 'p99', { code: 'BAD_INPUT', message: 'too high' });
    expect(refused.ruleErrors.get('p99')?.message).toBe('too high');
    const saving = startRuleSave(refused, 'p99');
    expect(saving.saving.has('p99')).toBe(true);
    expect(saving.ruleErrors.has('p99')).toBe(false);
    const saved = finishRuleSave(saving, rule('p99', 3_000));
    expect(saved.rules?.find((r) => r.id === 'p99')?.threshold).toBe(3_000);
    expect(saved.rules).toHaveLength(RULES.length);
    expect(saved.saving.size).toBe(0);
  });

  it('records a refusal for that rule only', () => {
    const state = failRuleSave(startRuleSave(loaded, 'p50'), 'p50', { code: 'BAD_INPUT', message: 'below 1 ms' });
    expect([...state.ruleErrors.keys()]).toEqual(['p50']);
    expect(state.rules).toBe(loaded.rules);
  });
});

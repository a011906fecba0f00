// The Alerts view's words: an alert's state and figures in its rule's unit, the nav badge, what
// the rules form sends for what was typed, and how a refused save reads.
import { describe, expect, it } from 'vitest';
import { formatClock } from '../../src-renderer/components/format';
import {
  describeRuleError,
  describeRuleHeld,
  eventStateText,
  eventThresholdText,
  eventValueText,
  firingBadgeText,
  parseThreshold,
  ruleChange,
  ruleTimingText,
  untouched,
} from '../../src-renderer/features/alerts/alerts-text';
import { alertEvent, rule } from './health-fixtures';

describe('event cells', () => {
  it.each([
    [alertEvent(1, { resolvedAt: null }), 'Firing', '6200 ms', '> 5000 ms'],
    [alertEvent(2), 'Resolved', '6200 ms', '> 5000 ms'],
    [alertEvent(3, { rule: 'availability', value: 97.25, threshold: 99 }), 'Resolved', '97.25 %', '< 99 %'],
    [alertEvent(4, { rule: 'unknown-order', value: 42, threshold: 30, resolvedAt: null }), 'Firing', '42 s', '> 30 s'],
  ])('alert %#', (event, state, value, threshold) => {
    expect(eventStateText(event)).toBe(state);
    expect(eventValueText(event)).toBe(value);
    expect(eventThresholdText(event)).toBe(threshold);
  });

  it('shows the time of day for today, with the date otherwise', () => {
    const now = new Date(2025, 2, 3, 18, 0, 0).getTime();
    expect(formatClock(new Date(2025, 2, 3, 14, 2, 9).getTime(), now)).toBe('14:02:09');
    expect(formatClock(new Date(2025, 2, 2, 23, 59, 1).getTime(), now)).toBe('2025-03-02 23:59:01');
  });
});

describe('firingBadgeText', () => {
  it.each([
    [0, null],
    [1, '1 firing'],
    [2, '2 firing'],
  ])('%i firing: %s', (firing, expected) => {
    expect(firingBadgeText(firing)).toBe(expected);
  });
});

describe('ruleChange', () => {
  const p99 = rule('p99', 5_000);
  it.each([
    ['nothing touched', untouched, null],
    ['the same value typed again', { threshold: '5000', enabled: null }, null],
    ['a new threshold', { threshold: '3000', enabled: null }, { threshold: 3_000 }],
    ['a decimal threshold', { threshold: '2.5', enabled: null }, { threshold: 2.5 }],
    ['switched off', { threshold: null, enabled: false }, { enabled: false }],
    ['both', { threshold: '100', enabled: false }, { threshold: 100, enabled: false }],
    ['switched off and on again', { threshold: null, enabled: true }, null],
    ['an empty threshold', { threshold: '', enabled: null }, 'invalid'],
    ['a threshold that is not a number', { threshold: 'abc', enabled: null }, 'invalid'],
  ])('%s', (_name, draft, expected) => {
    expect(ruleChange(p99, draft)).toEqual(expected);
  });

  it('parses what was typed', () => {
    expect(parseThreshold(' 42 ')).toBe(42);
    expect(parseThreshold('Infinity')).toBeNull();
  });
});

describe('describeRuleError', () => {
  it('gives main\'s reason for a refused value and branches on the code otherwise', () => {
    expect(describeRuleError({ code: 'BAD_INPUT', message: 'P99 latency threshold must be between 1 and 600000 ms' })).toBe(
      'Not saved: P99 latency threshold must be between 1 and 600000 ms',
    );
    expect(describeRuleError({ code: 'TIMEOUT', message: 'x' })).toMatch(/no answer from the console/);
    expect(describeRuleError({ code: 'INTERNAL', message: 'disk full' })).toBe('Not saved (INTERNAL): disk full');
    expect(describeRuleError({ code: 'CHANGE_REFUSED', message: 'P99 latency threshold must be between 1 and 600000 ms, got 0' })).toBe(
      'Not saved: the settings gate refused it: P99 latency threshold must be between 1 and 600000 ms, got 0',
    );
  });
});

describe('ruleTimingText', () => {
  it.each([
    [{ forMs: 0, clearMs: 0 }, 'fires at once · resolves at once'],
    [{ forMs: 3000, clearMs: 10_000 }, 'fires after 3 s · resolves after 10 s back within'],
    [{ forMs: 0, clearMs: 60_000 }, 'fires at once · resolves after 60 s back within'],
  ])('%j reads %j', (def, text) => {
    expect(ruleTimingText(def)).toBe(text);
  });
});

describe('describeRuleHeld', () => {
  it.each([
    [7, undefined, 'Held for confirmation (change #7) — see Settings'],
    [7, 'held', 'Held for confirmation (change #7) — see Settings'],
    [7, 'confirmed', 'Change #7: confirmed — see Settings'],
    [7, 'rejected-by-confirmer', 'Change #7: rejected by confirmer — see Settings'],
    [null, undefined, 'Held for confirmation — see Settings'],
  ] as const)('change %s, %s', (changeId, status, text) => {
    expect(describeRuleHeld(changeId, status)).toBe(text);
  });
});

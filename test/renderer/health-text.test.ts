// The Health tiles' words: percentages to 2 decimals, milliseconds, rates, durations, the heartbeat
// age, and whether a figure is within its rule's target or over (under) it.
import { describe, expect, it } from 'vitest';
import { formatMs, formatRate, formatRuleValue, formatShare } from '../../src-renderer/components/format';
import {
  describeHistoryError,
  formatDuration,
  heartbeatText,
  judge,
  judgePush,
  oldestPendingText,
  pushBacklogText,
  recentLatency,
  targetText,
  timeoutsText,
} from '../../src-renderer/features/health/health-text';
import { alertRuleDef } from '../../src-shared/domain/alerts';
import { healthNow, latency, rule, RULES } from './health-fixtures';

describe('formatShare', () => {
  it.each([
    [null, '—'],
    [1, '100.00 %'],
    [0.99951, '99.95 %'],
    [0.5, '50.00 %'],
    [0, '0.00 %'],
  ])('%s → %s', (share, expected) => {
    expect(formatShare(share)).toBe(expected);
  });
});

describe('formatMs, formatRate, formatRuleValue', () => {
  it.each([
    [0.04, '0 ms'],
    [1.25, '1.3 ms'],
    [4, '4 ms'],
    [523.4, '523 ms'],
    [5_000, '5000 ms'],
  ])('%s ms reads %s', (ms, expected) => {
    expect(formatMs(ms)).toBe(expected);
  });

  it('reads rates to one decimal and rule values in their unit', () => {
    expect(formatRate(12.34)).toBe('12.3');
    expect(formatRate(4)).toBe('4');
    expect(formatRate(0)).toBe('0');
    expect(formatRate(0.0333)).toBe('0.033');
    expect(formatRate(0.5)).toBe('0.5');
    expect(formatRuleValue(alertRuleDef('availability'), 99)).toBe('99 %');
    expect(formatRuleValue(alertRuleDef('throughput'), 100)).toBe('100/s');
    expect(formatRuleValue(alertRuleDef('hub-down'), 10)).toBe('10 s');
    expect(formatRuleValue(alertRuleDef('p99'), 5_000)).toBe('5000 ms');
  });
});

describe('formatDuration and heartbeatText', () => {
  it.each([
    [4_200, '4 s'],
    [60_000, '1 min'],
    [185_000, '3 min 5 s'],
    [7_200_000, '2 h'],
    [7_500_000, '2 h 5 min'],
  ])('%i ms reads %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });

  it('says how long ago the hub was last heard from', () => {
    expect(heartbeatText(null)).toBe('no heartbeat yet');
    expect(heartbeatText(1_400)).toBe('last heartbeat 1 s ago');
  });
});

describe('judge', () => {
  it.each([
    ['p99', 4_999, 'within target', 'target < 5000 ms'],
    ['p99', 5_001, 'over target', 'target < 5000 ms'],
    ['p50', 500, 'within target', 'target < 500 ms'],
    ['p50', 800, 'over target', 'target < 500 ms'],
    ['availability', 98.5, 'under target', 'target > 99 %'],
    ['availability', 99.95, 'within target', 'target > 99 %'],
  ] as const)('%s at %d: %s', (id, value, stateText, target) => {
    expect(judge(RULES, id, value)).toMatchObject({ stateText, target });
  });

  it('follows the threshold main holds, not the default', () => {
    expect(judge([rule('p50', 1_000)], 'p50', 800)).toMatchObject({ state: 'within', target: 'target < 1000 ms' });
  });

  it('claims no target while the rules are unknown, and no verdict without a figure', () => {
    expect(judge(null, 'p99', 9_000)).toEqual({ target: null, state: 'within', stateText: null });
    expect(judge(RULES, 'p99', null)).toMatchObject({ state: 'no-data', stateText: 'no data' });
  });

  it('states a target with the side it fires on', () => {
    expect(targetText(alertRuleDef('push-success'), 99)).toBe('target > 99 %');
    expect(targetText(alertRuleDef('duplicate-rate'), 0)).toBe('target 0 %');
    expect(targetText(alertRuleDef('duplicate-rate'), 0.5)).toBe('target < 0.5 %');
  });
});

describe('the Push success tile', () => {
  const rules = [...RULES, rule('push-success', 99)];
  it.each([
    [null, 'no-data', null],
    [{ deliveryRate: null }, 'no-data', 'no data'],
    [{ deliveryRate: 1 }, 'within', 'within target'],
    [{ deliveryRate: 0.99 }, 'within', 'within target'],
    [{ deliveryRate: 0.985 }, 'off-target', 'under target'],
    [{ deliveryRate: 0 }, 'off-target', 'under target'],
  ] as const)('judges push figures %o as %s', (push, state, stateText) => {
    expect(judgePush(push === null ? RULES : rules, push)).toMatchObject({ state, ...(stateText ? { stateText } : {}) });
  });

  it('follows the threshold main holds', () => {
    expect(judgePush([rule('push-success', 90)], { deliveryRate: 0.95 })).toMatchObject({ state: 'within', target: 'target > 90 %' });
  });

  it.each([
    [{ parked: 0, depth: 0 }, '0 parked · depth 0'],
    [{ parked: 2, depth: 1_500 }, '2 parked · depth 1,500'],
  ])('reads the backlog %o as %s', (push, expected) => {
    expect(pushBacklogText(push)).toBe(expected);
  });

  it.each([
    [null, 'none pending'],
    [4_200, 'oldest pending 4 s'],
    [185_000, 'oldest pending 3 min 5 s'],
  ])('reads an oldest pending age of %s as %s', (ageMs, expected) => {
    expect(oldestPendingText(ageMs)).toBe(expected);
  });
});

describe('recentLatency and timeoutsText', () => {
  it('has no latency figure when no request ended in the window', () => {
    expect(recentLatency(healthNow({ latency: { recent: latency({ count: 0, p99: 0 }), sinceStart: latency() } }), 'p99')).toBeNull();
    expect(recentLatency(healthNow(), 'p99')).toBe(12);
  });

  it('counts timeouts in the recent window', () => {
    expect(timeoutsText(1)).toBe('1 timeout in the last 10 s');
    expect(timeoutsText(3)).toBe('3 timeouts in the last 10 s');
  });
});

describe('describeHistoryError', () => {
  it('branches on the code', () => {
    expect(describeHistoryError({ code: 'NOT_CONNECTED', message: 'x' })).toMatch(/no answer from the console/);
    expect(describeHistoryError({ code: 'INTERNAL', message: 'db locked' })).toMatch(/\(INTERNAL\): db locked/);
  });
});

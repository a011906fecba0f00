// Availability from the log of connection states: usable time over observed time in a window.
import { describe, expect, it } from 'vitest';
import { availability } from '../../src-main/metrics/availability';
import type { StateChange } from '../../src-main/metrics/availability';

const log: StateChange[] = [
  { at: 0, state: 'connecting' },
  { at: 1_000, state: 'up' },
  { at: 61_000, state: 'down' },
  { at: 67_000, state: 'reconnecting' },
  { at: 71_000, state: 'up' },
  { at: 90_000, state: 'degraded' },
];

describe('availability', () => {
  it.each([
    ['the whole log', 0, 101_000, 90_000 / 101_000],
    ['an hour that holds one 10 s outage', 1_000, 101_000, 90_000 / 100_000],
    ['only while up', 1_000, 61_000, 1],
    ['only the outage', 61_000, 71_000, 0],
    ['degraded counts as usable', 90_000, 100_000, 1],
  ])('%s', (_name, from, to, expected) => {
    expect(availability(log, from, to)).toBeCloseTo(expected, 6);
  });

  it('counts nothing while the console was stopped, and says null when nothing was observed', () => {
    const restarted: StateChange[] = [...log.slice(0, 2), { at: 30_000, state: 'stopped' }, { at: 80_000, state: 'connecting' }, { at: 81_000, state: 'up' }];
    expect(availability(restarted, 0, 91_000)).toBeCloseTo(39_000 / 41_000, 6);
    expect(availability([], 0, 1_000)).toBeNull();
    expect(availability(log, 500, 500)).toBeNull();
  });
});

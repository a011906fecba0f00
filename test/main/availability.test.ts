// Availability from the log of connection states: usable time over observed time in a window.
import { describe, expect, it } from 'vitest';
import { availability, longestOutage } from '../../src-main/metrics/availability';
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

describe('longestOutage', () => {
  const up = (at: number): StateChange => ({ at, state: 'up' });
  const down = (at: number): StateChange => ({ at, state: 'down' });
  const reconnecting = (at: number): StateChange => ({ at, state: 'reconnecting' });
  const stopped = (at: number): StateChange => ({ at, state: 'stopped' });

  it.each<[string, StateChange[], number, number, number | null]>([
    ['none: up the whole time', [up(0)], 0, 60_000, 0],
    ['degraded is usable, not an outage', [up(0), { at: 10_000, state: 'degraded' }, up(20_000)], 0, 60_000, 0],
    ['one outage', [up(0), down(10_000), up(15_000)], 0, 60_000, 5_000],
    ['the longest of two', [up(0), down(10_000), up(13_000), down(20_000), up(27_000), down(40_000), up(41_000)], 0, 60_000, 7_000],
    ['down then reconnecting is one outage', [up(0), down(10_000), reconnecting(14_000), down(16_000), reconnecting(17_000), up(22_000)], 0, 60_000, 12_000],
    ['connecting at start counts as not usable', [{ at: 0, state: 'connecting' }, up(2_000)], 0, 60_000, 2_000],
    ['clipped at the start of the window', [up(0), down(10_000), up(30_000)], 25_000, 60_000, 5_000],
    ['clipped at the end of the window', [up(0), down(50_000)], 0, 60_000, 10_000],
    ['still down past the end, from before the start', [up(0), down(5_000)], 20_000, 30_000, 10_000],
    ['an outage wholly before the window does not count', [up(0), down(5_000), up(9_000)], 10_000, 60_000, 0],
    ['changes after the window do not count', [up(0), down(70_000), up(90_000)], 0, 60_000, 0],
    ['stopped is not an outage', [up(0), stopped(10_000), up(40_000)], 0, 60_000, 0],
    ['stopped breaks an outage in two', [up(0), down(10_000), stopped(14_000), down(40_000), up(43_000)], 0, 60_000, 4_000],
    ['stopped between reconnecting and down', [reconnecting(0), stopped(6_000), down(30_000), up(32_000)], 0, 60_000, 6_000],
    ['nothing observed: no changes', [], 0, 60_000, null],
    ['nothing observed: stopped the whole window', [up(0), stopped(5_000)], 10_000, 60_000, null],
    ['nothing observed: first change after the window', [down(70_000)], 0, 60_000, null],
    ['an empty window', [up(0), down(10_000)], 20_000, 20_000, null],
  ])('%s', (_name, changes, from, to, expected) => {
    expect(longestOutage(changes, from, to)).toBe(expected);
  });

  it('the outage of the shared log is the 10 s down + reconnecting stretch', () => {
    expect(longestOutage(log, 0, 101_000)).toBe(10_000);
    expect(longestOutage(log, 1_000, 61_000)).toBe(0);
  });
});

describe("a console's start-up grace", () => {
  it.each([
    ['starting then up: only the up time is observed', [{ at: 0, state: 'starting' }, { at: 300, state: 'up' }] as StateChange[], 1],
    ['starting, then still connecting after the grace: counted down from there', [{ at: 0, state: 'starting' }, { at: 5000, state: 'connecting' }, { at: 7500, state: 'up' }] as StateChange[], 0.5],
    ['only starting: nothing observed', [{ at: 0, state: 'starting' }] as StateChange[], null],
  ])('%s', (_name, changes, expected) => {
    expect(availability(changes, 0, 10_000)).toBe(expected);
  });

  it('starting is not an outage', () => {
    expect(longestOutage([{ at: 0, state: 'starting' }, { at: 4000, state: 'up' }], 0, 10_000)).toBe(0);
  });
});

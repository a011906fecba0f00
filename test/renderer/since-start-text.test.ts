// The Health view's since-start figures: operations busiest first (ties by name), percentiles in
// ms, timeouts flagged, failed attempts by code, orders by state in lifecycle order, the counters.
import { describe, expect, it } from 'vitest';
import { counterLines, errorsByCodeText, opRows, ordersByStateText } from '../../src-renderer/features/health/since-start-text';
import type { HealthNow, OpLatencySummary } from '../../src-shared/domain/health';
import { healthNow, latency } from './health-fixtures';

function op(name: string, patch: Partial<OpLatencySummary> = {}): OpLatencySummary {
  return { op: name, ...latency(patch) };
}

function ordersByState(patch: Partial<HealthNow['counters']['ordersByState']>): HealthNow['counters']['ordersByState'] {
  return { ...healthNow().counters.ordersByState, ...patch };
}

describe('opRows', () => {
  it.each([
    ['most requests first', [op('quote', { count: 10 }), op('place', { count: 300 }), op('ping', { count: 40 })], ['place', 'ping', 'quote']],
    ['ties by name', [op('status', { count: 5 }), op('cancel', { count: 5 }), op('place', { count: 9 })], ['place', 'cancel', 'status']],
    ['nothing yet', [], []],
  ])('%s', (_case, byOp, order) => {
    expect(opRows(byOp).map((row) => row.op)).toEqual(order);
  });

  it('leaves the input as main sent it', () => {
    const byOp = [op('a', { count: 1 }), op('b', { count: 2 })];
    opRows(byOp);
    expect(byOp.map((each) => each.op)).toEqual(['a', 'b']);
  });

  it('reads counts with separators and latency in ms', () => {
    const [row] = opRows([op('place', { count: 12_345, timeouts: 0, errors: 2, p50: 1.25, p90: 4, p99: 523.4, p99_9: 5_000, max: 5_012.6 })]);
    expect(row).toEqual({
      op: 'place',
      requests: '12,345',
      timeouts: '0',
      timedOut: false,
      errors: '2',
      p50: '1.3 ms',
      p90: '4 ms',
      p99: '523 ms',
      p99_9: '5000 ms',
      max: '5013 ms',
    });
  });

  it.each([
    [0, false],
    [1, true],
    [1_200, true],
  ])('%i timeouts: marked %s', (timeouts, timedOut) => {
    expect(opRows([op('place', { timeouts })])[0]).toMatchObject({ timedOut, timeouts: timeouts.toLocaleString('en-US') });
  });

  it('shows no latency for an operation with no finished request', () => {
    expect(opRows([op('place', { count: 0, p50: 0, p90: 0, p99: 0, p99_9: 0, max: 0 })])[0]).toMatchObject({
      requests: '0',
      p50: '—',
      p99_9: '—',
      max: '—',
    });
  });
});

describe('errorsByCodeText', () => {
  it.each([
    [{}, 'none'],
    [{ TIMEOUT: 0 }, 'none'],
    [{ HUB_UNAVAILABLE: 3, TIMEOUT: 12 }, 'TIMEOUT 12 · HUB_UNAVAILABLE 3'],
    [{ TIMEOUT: 3, HUB_UNAVAILABLE: 3, INTERNAL: 0 }, 'HUB_UNAVAILABLE 3 · TIMEOUT 3'],
    [{ TIMEOUT: 1_500 }, 'TIMEOUT 1,500'],
  ])('%j → %s', (errorsByCode, expected) => {
    expect(errorsByCodeText(errorsByCode)).toBe(expected);
  });
});

describe('ordersByStateText', () => {
  it.each([
    [{}, 'none'],
    [{ unknown: 2, filled: 120 }, 'filled 120 · unknown 2'],
    [{ not_received: 1, held: 4, rejected: 0 }, 'held 4 · not received 1'],
    [{ working: 1_234 }, 'working 1,234'],
  ])('%j → %s', (patch, expected) => {
    expect(ordersByStateText(ordersByState(patch))).toBe(expected);
  });
});

describe('counterLines', () => {
  it('lists every counter since start, in words', () => {
    const { counters } = healthNow();
    const lines = counterLines({
      ...counters,
      requests: 5_000,
      errorsByCode: { TIMEOUT: 12, HUB_UNAVAILABLE: 3 },
      retries: 15,
      giveUps: 1,
      ordersByState: ordersByState({ filled: 120, unknown: 2 }),
      duplicatesAbsorbed: 4,
      repeatsStopped: 2,
      holds: 6,
    });
    expect(lines).toEqual([
      { label: 'Requests', value: '5,000' },
      { label: 'Failed attempts', value: 'TIMEOUT 12 · HUB_UNAVAILABLE 3' },
      { label: 'Retries', value: '15' },
      { label: 'Give-ups', value: '1' },
      { label: 'Orders', value: 'filled 120 · unknown 2' },
      { label: 'Duplicates absorbed by the hub', value: '4' },
      { label: 'Repeats stopped', value: '2' },
      { label: 'Holds', value: '6' },
    ]);
  });

  it('says none before anything failed or was ordered', () => {
    const lines = counterLines(healthNow().counters);
    expect(lines.find((line) => line.label === 'Failed attempts')?.value).toBe('none');
    expect(lines.find((line) => line.label === 'Orders')?.value).toBe('none');
  });
});

// The connection's words: a live "down for Ns" while the hub is unreachable, "last outage N.N s at
// HH:MM:SS" after it recovered, and the deadlines line.
import { describe, expect, it } from 'vitest';
import { formatTime } from '../../src-renderer/components/format';
import {
  deadlinesText,
  downForText,
  lastOutageText,
  outageText,
  timeoutSourceText,
} from '../../src-renderer/features/connection/connection-text';
import { connection } from './fixtures';

const START = Date.UTC(2025, 2, 1, 14, 2, 11);

describe('downForText', () => {
  it.each([
    [0, 'down for 0s'],
    [999, 'down for 0s'],
    [1_000, 'down for 1s'],
    [12_700, 'down for 12s'],
    [3_600_000, 'down for 3600s'],
  ])('%i ms after the start: %s', (elapsed, expected) => {
    expect(downForText({ startedAt: START, endedAt: null }, START + elapsed)).toBe(expected);
  });

  it('says 0s rather than a negative count when the clocks disagree', () => {
    expect(downForText({ startedAt: START, endedAt: null }, START - 5_000)).toBe('down for 0s');
  });
});

describe('lastOutageText', () => {
  it('gives the length to a tenth of a second and the local time it began', () => {
    expect(lastOutageText({ startedAt: START, endedAt: START + 3_449 })).toBe(`last outage 3.4 s at ${formatTime(START)}`);
    expect(formatTime(START)).toMatch(/^\d\d:\d\d:11$/);
    expect(lastOutageText({ startedAt: START, endedAt: START + 61_250 })).toMatch(/^last outage 61\.3 s at /);
  });
});

describe('outageText', () => {
  const running = { startedAt: START, endedAt: null };
  const ended = { startedAt: START, endedAt: START + 2_000 };

  it.each([
    ['down', running, 'down for 5s'],
    ['reconnecting', running, 'down for 5s'],
    ['up', ended, `last outage 2.0 s at ${formatTime(START)}`],
    ['degraded', ended, `last outage 2.0 s at ${formatTime(START)}`],
    ['up', null, null],
    ['connecting', null, null],
    // An outage not yet closed while the state is no longer an outage one: say nothing rather than guess.
    ['up', running, null],
  ] as const)('%s with %j: %s', (state, outage, expected) => {
    expect(outageText(state, outage, START + 5_000)).toBe(expected);
  });
});

describe('deadlinesText', () => {
  const timing = { attemptTimeoutMs: 5_500, configuredTimeoutMs: 5_500, maxBackoffMs: 2_000, maxRetries: 10, overallDeadlineMs: 30_000, warning: null };

  it('lists the deadlines in force next to the hub timeout', () => {
    expect(deadlinesText(timing, { requestTimeoutMs: 5_000 })).toBe(
      'attempt timeout 5500 ms (hub 5000 ms) · retries ≤ 10 · backoff ≤ 2000 ms · deadline 30000 ms',
    );
    expect(deadlinesText(timing, null)).toBe('attempt timeout 5500 ms · retries ≤ 10 · backoff ≤ 2000 ms · deadline 30000 ms');
  });

  it('names a bridge\'s timeout as its documented one, since no handshake told it', () => {
    expect(deadlinesText(timing, { requestTimeoutMs: 5_000, dialect: 'origin' })).toMatch(/^attempt timeout 5500 ms \(origin gateway, documented 5000 ms\)/);
    expect(deadlinesText(timing, { requestTimeoutMs: 5_000, dialect: 'v1' })).toMatch(/\(hub 5000 ms\)/);
  });

  it('says where the attempt timeout comes from', () => {
    expect(timeoutSourceText(timing)).toBe('configured timeout 5500 ms');
    expect(timeoutSourceText({ ...timing, configuredTimeoutMs: null })).toBe('no timeout configured: following the hub');
  });

  it('reads the fixture connection the renderer gets', () => {
    const info = connection();
    expect(info.timing && deadlinesText(info.timing, info.hub)).toMatch(/^attempt timeout 2200 ms \(hub 2000 ms\)/);
  });
});

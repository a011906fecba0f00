// The Retry log view's words: cells, the count line, the Operation choices, the CSV file name.
import { describe, expect, it } from 'vitest';
import {
  attemptText,
  countText,
  csvFileName,
  delayText,
  describeRetryLogError,
  errorText,
  operationOptions,
  RETRIED_OPS,
} from '../../src-renderer/features/retry-log/retry-log-text';
import { retry } from './fixtures';

describe('cells', () => {
  it('reads attempt as "n of max", a give-up with a blank delay, the error with its code', () => {
    expect(attemptText(retry(1, { attempt: 2, maxAttempts: 11 }))).toBe('2 of 11');
    expect(delayText(retry(1, { delayMs: 750 }))).toBe('750');
    expect(delayText(retry(1, { kind: 'give-up', delayMs: null }))).toBe('');
    expect(errorText(retry(1, { code: 'HUB_BUSY', message: 'queue full' }))).toBe('HUB_BUSY: queue full');
  });
});

describe('countText', () => {
  it.each([
    [0, 0, '0 entries'],
    [1, 1, '1 entry'],
    [12, 12, '12 entries'],
    [1_234, 500, '1,234 entries (showing 500)'],
  ])('%i total, %i shown: %s', (total, shown, expected) => {
    expect(countText(total, shown)).toBe(expected);
  });
});

describe('operationOptions', () => {
  it('offers the retried ops even before any was logged, then others found, sorted', () => {
    expect(operationOptions([], null)).toEqual(RETRIED_OPS);
    expect(operationOptions([retry(1, { op: 'zeta' }), retry(2, { op: 'alpha' }), retry(3, { op: 'ping' })], 'custom')).toEqual([
      ...RETRIED_OPS,
      'alpha',
      'custom',
      'zeta',
    ]);
  });
});

describe('csvFileName', () => {
  it('stamps the name in UTC, without characters Windows refuses', () => {
    expect(csvFileName(Date.UTC(2025, 2, 1, 14, 2, 11, 42))).toBe('hubdesk-retry-log-2025-03-01T14-02-11Z.csv');
  });
});

describe('describeRetryLogError', () => {
  it('branches on the code, not on the text', () => {
    expect(describeRetryLogError({ code: 'NOT_CONNECTED', message: 'x' }, 'export')).toMatch(/could not be exported: no answer/);
    expect(describeRetryLogError({ code: 'INTERNAL', message: 'disk full' }, 'load')).toBe(
      'The retry log could not be loaded (INTERNAL): disk full',
    );
  });
});

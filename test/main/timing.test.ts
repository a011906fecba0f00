// The deadlines in force come from the hub's hello; a configured timeout may lengthen them but
// never make the console give up before the hub does.
import { describe, expect, it } from 'vitest';
import { decideTiming, initialTiming } from '../../src-main/hub/timing';
import { IDEMPOTENT_OPS, isRetryable, retryScope } from '../../src-main/hub/retry-policy';
import { HubRequestError } from '../../src-main/hub/hub-client';

const hello = { requestTimeoutMs: 5000, maxBackoffMs: 2000, maxRetries: 10 };

describe('decideTiming', () => {
  it.each([
    [undefined, 5500, null],
    [5000, 5000, null],
    [10_000, 10_000, null],
    [10_001, 10_001, /over twice/],
  ])('configured %s gives an attempt timeout of %d', (configured, attempt, warning) => {
    const decision = decideTiming(hello, configured);
    if (!decision.ok) throw new Error(decision.refusal);
    expect(decision.timing.attemptTimeoutMs).toBe(attempt);
    if (warning) expect(decision.timing.warning).toMatch(warning);
    else expect(decision.timing.warning).toBeNull();
  });

  it('refuses a configured timeout shorter than the hub\'s, with both values and the risk', () => {
    const decision = decideTiming(hello, 4999);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.refusal).toMatch(/4999 ms\) is shorter than the hub's requestTimeoutMs \(5000 ms\).*may still execute/);
  });

  it('gives every allowed attempt and backoff room inside the overall deadline', () => {
    const decision = decideTiming(hello, undefined);
    expect(decision.ok && decision.timing).toMatchObject({ maxRetries: 10, maxBackoffMs: 2000, overallDeadlineMs: 11 * 5500 + 10 * 2000 });
  });
});

describe('decideTiming with configured retry limits', () => {
  it.each([
    ['nothing configured: the hub\'s', {}, 10, 2000],
    ['fewer retries', { maxRetries: 3 }, 3, 2000],
    ['no retries', { maxRetries: 0 }, 0, 2000],
    ['a shorter backoff cap', { maxBackoffMs: 500 }, 10, 500],
    ['both equal to the hub\'s', { maxRetries: 10, maxBackoffMs: 2000 }, 10, 2000],
    ['both lower', { maxRetries: 1, maxBackoffMs: 0 }, 1, 0],
  ])('%s gives %s -> maxRetries %d, maxBackoffMs %d', (_what, configured, retries, backoff) => {
    const decision = decideTiming(hello, undefined, configured);
    if (!decision.ok) throw new Error(decision.refusal);
    expect(decision.timing).toMatchObject({ maxRetries: retries, maxBackoffMs: backoff, overallDeadlineMs: (retries + 1) * 5500 + retries * backoff });
  });

  it.each([
    ['maxRetries', { maxRetries: 11 }, /configured maxRetries \(11\) is above the hub's maxRetries \(10\).*at most 10/],
    ['maxBackoffMs', { maxBackoffMs: 2001 }, /configured maxBackoffMs \(2001 ms\) is above the hub's maxBackoffMs \(2000 ms\).*at most 2000 ms/],
  ])('refuses a configured %s above the hub\'s, naming both values', (_key, configured, message) => {
    const decision = decideTiming(hello, undefined, configured);
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.refusal).toMatch(message);
  });

  it('names every disagreement in one refusal', () => {
    const decision = decideTiming(hello, 4000, { maxRetries: 20, maxBackoffMs: 5000 });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.refusal).toMatch(/request timeout \(4000 ms\) is shorter/);
      expect(decision.refusal).toMatch(/maxRetries \(20\) is above the hub's maxRetries \(10\)/);
      expect(decision.refusal).toMatch(/maxBackoffMs \(5000 ms\) is above the hub's maxBackoffMs \(2000 ms\)/);
    }
  });

  it('lowers the first hello\'s protocol defaults to the configured limits, and never raises them', () => {
    expect(initialTiming(2000, { maxRetries: 2, maxBackoffMs: 100 })).toMatchObject({ maxRetries: 2, maxBackoffMs: 100 });
    expect(initialTiming(2000, { maxRetries: 50, maxBackoffMs: 60_000 })).toMatchObject({ maxRetries: 10, maxBackoffMs: 2000 });
  });
});

describe('retry policy scope', () => {
  it('retries only the listed idempotent operations, and never placeOrder whatever the list says', () => {
    expect([...retryScope().ops].sort()).toEqual([...IDEMPOTENT_OPS].sort());
    const scope = retryScope(['ping', 'orders', 'placeOrder', 'modifyOrder']);
    expect([...scope.ops].sort()).toEqual(['orders', 'ping']);
    expect(scope.ignored).toEqual(['placeOrder', 'modifyOrder']);
    expect(retryScope([]).ops.size).toBe(0);
  });

  it('never retries placeOrder and retries only failures that are safe to repeat', () => {
    expect(IDEMPOTENT_OPS.has('placeOrder')).toBe(false);
    expect([...IDEMPOTENT_OPS].sort()).toEqual(['account', 'cancelOrder', 'hello', 'orderStatus', 'orders', 'ping', 'positions', 'quotes', 'symbols']);
    for (const code of ['TIMEOUT', 'NOT_CONNECTED', 'HUB_TIMEOUT', 'HUB_BUSY'] as const) expect(isRetryable(new HubRequestError(code, '', true))).toBe(true);
    for (const code of ['NOT_FOUND', 'BAD_REQUEST', 'UNKNOWN_SYMBOL', 'INTERNAL', 'DUPLICATE_MISMATCH'] as const) expect(isRetryable(new HubRequestError(code, '', true))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
  });
});

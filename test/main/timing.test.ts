// The deadlines in force come from the hub's hello; a configured timeout may lengthen them but
// never make the console give up before the hub does.
import { describe, expect, it } from 'vitest';
import { decideTiming } from '../../src-main/hub/timing';
import { IDEMPOTENT_OPS, isRetryable } from '../../src-main/hub/retry-policy';
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

describe('retry policy scope', () => {
  it('never retries placeOrder and retries only failures that are safe to repeat', () => {
    expect(IDEMPOTENT_OPS.has('placeOrder')).toBe(false);
    expect([...IDEMPOTENT_OPS].sort()).toEqual(['account', 'cancelOrder', 'hello', 'orderStatus', 'orders', 'ping', 'positions', 'quotes', 'symbols']);
    for (const code of ['TIMEOUT', 'NOT_CONNECTED', 'HUB_TIMEOUT', 'HUB_BUSY'] as const) expect(isRetryable(new HubRequestError(code, '', true))).toBe(true);
    for (const code of ['NOT_FOUND', 'BAD_REQUEST', 'UNKNOWN_SYMBOL', 'INTERNAL', 'DUPLICATE_MISMATCH'] as const) expect(isRetryable(new HubRequestError(code, '', true))).toBe(false);
    expect(isRetryable(new Error('boom'))).toBe(false);
  });
});

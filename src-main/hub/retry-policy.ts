// Which hub calls may be retried, and the cockatiel policy that retries them: exponential backoff
// with decorrelated jitter capped at the maxBackoffMs in force, at most the maxRetries in force,
// inside an overall deadline. placeOrder is not idempotent and is never retried here.
import { ExponentialBackoff, TaskCancelledError, TimeoutStrategy, handleWhen, retry, timeout, wrap } from 'cockatiel';
import { IDEMPOTENT_OPERATIONS } from '../../src-shared/domain/retry';
import type { Timing } from '../../src-shared/ipc/contract';
import { HubRequestError } from './hub-client';
import type { HubOp } from './protocol';

export const IDEMPOTENT_OPS: ReadonlySet<HubOp> = new Set<HubOp>(IDEMPOTENT_OPERATIONS);

export interface RetryScope {
  /** The operations retried: the configured ones that are idempotent. */
  ops: ReadonlySet<HubOp>;
  /** Configured operations that are not idempotent (placeOrder, unknown names): never retried. */
  ignored: string[];
}

/**
 * Which operations the connection layer retries, from the settings' retryOps (default: every
 * idempotent one). Whatever the list says, a non-idempotent operation such as placeOrder is not.
 */
export function retryScope(retryOps: readonly string[] = IDEMPOTENT_OPERATIONS): RetryScope {
  const listed = new Set(retryOps);
  return {
    ops: new Set([...IDEMPOTENT_OPS].filter((op) => listed.has(op))),
    ignored: [...listed].filter((op) => !(IDEMPOTENT_OPS as ReadonlySet<string>).has(op)),
  };
}

/** Failures worth another attempt: no answer, not sent, or the hub was too busy to run it. */
const RETRYABLE_CODES = new Set(['TIMEOUT', 'NOT_CONNECTED', 'HUB_TIMEOUT', 'HUB_BUSY']);

export function isRetryable(error: unknown): boolean {
  return error instanceof HubRequestError && RETRYABLE_CODES.has(error.code);
}

export interface RetryEvent {
  callId: string;
  op: string;
  requestId: string;
  /** The failed attempt, 1-based. */
  attempt: number;
  maxAttempts: number;
  kind: 'retry' | 'give-up';
  delayMs: number | null;
  code: string;
  message: string;
}

export interface RetryListener {
  onRetry(event: RetryEvent): void;
  /** The call ended: succeeded (after at least one retry) or gave up. */
  onSettled(callId: string, outcome: 'succeeded' | 'gave-up'): void;
}

function describe(error: unknown): { code: string; message: string; requestId: string } {
  if (error instanceof HubRequestError) return { code: error.code, message: error.message, requestId: error.requestId ?? '' };
  if (error instanceof TaskCancelledError) return { code: 'DEADLINE', message: 'overall deadline passed', requestId: '' };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), requestId: '' };
}

/**
 * Runs `attempt` until it succeeds, fails for good, runs out of retries, passes the deadline, or
 * `lifetime` is aborted (the client is closing). The first attempt runs bare: the cockatiel
 * policies are built only once a call actually needs a retry, so the common path allocates nothing.
 */
export async function callWithRetry<T>(
  callId: string,
  op: string,
  timing: Timing,
  listener: RetryListener,
  attempt: () => Promise<T>,
  lifetime: AbortSignal,
): Promise<T> {
  const startedAt = Date.now();
  let firstError: unknown;
  try {
    return await attempt();
  } catch (error) {
    if (!isRetryable(error) || lifetime.aborted) throw error;
    firstError = error;
  }
  const maxAttempts = timing.maxRetries + 1;
  const retries = retry(
    handleWhen((error) => isRetryable(error) && !lifetime.aborted),
    {
      maxAttempts: timing.maxRetries,
      backoff: new ExponentialBackoff({ initialDelay: Math.min(100, Math.max(1, timing.maxBackoffMs)), maxDelay: Math.max(1, timing.maxBackoffMs) }),
    },
  );
  // A backoff timer must not keep a closing process alive.
  retries.dangerouslyUnref();
  const remainingMs = Math.max(1, timing.overallDeadlineMs - (Date.now() - startedAt));
  const deadline = timeout(remainingMs, TimeoutStrategy.Aggressive);
  let lastError: unknown = firstError;
  let retried = false;
  let attempts = 1;
  const onRetry = retries.onRetry((event) => {
    retried = true;
    const error = 'error' in event ? event.error : undefined;
    lastError = error;
    listener.onRetry({ callId, op, attempt: event.attempt, maxAttempts, kind: 'retry', delayMs: Math.round(event.delay), ...describe(error) });
  });
  let replayed = false;
  try {
    const result = await wrap(deadline, retries).execute(({ signal }) => {
      // The first execution replays the bare attempt's failure, so cockatiel backs off from it.
      if (!replayed) {
        replayed = true;
        throw firstError;
      }
      if (signal.aborted || lifetime.aborted) throw new TaskCancelledError();
      attempts += 1;
      return attempt();
    }, lifetime);
    listener.onSettled(callId, 'succeeded');
    return result;
  } catch (error) {
    // A retryable failure or the deadline is a give-up; a refusal (e.g. NOT_FOUND) is an answer.
    const cancelled = error instanceof TaskCancelledError;
    if (isRetryable(error) || cancelled) {
      const failed = describe(cancelled ? lastError : error);
      const closing = lifetime.aborted;
      const code = closing ? 'CANCELLED' : cancelled ? 'DEADLINE' : failed.code;
      const message = closing
        ? `the client closed; last error: ${failed.message}`
        : cancelled
          ? `overall deadline of ${timing.overallDeadlineMs} ms passed; last error: ${failed.message}`
          : failed.message;
      if (!closing) listener.onRetry({ callId, op, attempt: attempts, maxAttempts, kind: 'give-up', delayMs: null, ...failed, code, message });
      if (!closing) listener.onSettled(callId, 'gave-up');
      if (cancelled) throw new HubRequestError(closing ? 'NOT_CONNECTED' : 'TIMEOUT', `${op}: ${message}`, true);
    } else if (retried) {
      listener.onSettled(callId, 'gave-up');
    }
    throw error;
  } finally {
    onRetry.dispose();
  }
}

// Pure rules for the deadlines in force: the hub's hello sets them; a configured per-attempt
// timeout may lengthen them but never shorten them below the hub's own (the double-spend trap).
import type { Timing } from '../../src-shared/ipc/contract';

/** How long a send may wait for a connected hub before the request counts as not sent. */
export const SEND_WAIT_MS = 1000;

export interface HubTimingHello {
  requestTimeoutMs: number;
  maxBackoffMs: number;
  maxRetries: number;
}

/** Grace over the hub's deadline for transit and a request the hub began just before it. */
export function graceMs(hubRequestTimeoutMs: number): number {
  return Math.max(250, Math.round(hubRequestTimeoutMs * 0.1));
}

export type TimingDecision = { ok: true; timing: Timing } | { ok: false; refusal: string };

export function decideTiming(hello: HubTimingHello, configuredTimeoutMs: number | undefined): TimingDecision {
  const hubMs = hello.requestTimeoutMs;
  if (configuredTimeoutMs !== undefined && configuredTimeoutMs < hubMs) {
    return {
      ok: false,
      refusal:
        `The configured request timeout (${configuredTimeoutMs} ms) is shorter than the hub's requestTimeoutMs (${hubMs} ms). ` +
        'The console would give up on requests the hub may still execute: an order reported failed could then be filled. ' +
        `Set the request timeout to at least ${hubMs} ms, or remove it to follow the hub.`,
    };
  }
  const attemptTimeoutMs = configuredTimeoutMs ?? hubMs + graceMs(hubMs);
  const warning =
    configuredTimeoutMs !== undefined && configuredTimeoutMs > 2 * hubMs
      ? `The configured request timeout (${configuredTimeoutMs} ms) is over twice the hub's requestTimeoutMs (${hubMs} ms): ` +
        'the console keeps waiting long after the hub has given up, which delays traders and retries.'
      : null;
  return {
    ok: true,
    timing: {
      attemptTimeoutMs,
      configuredTimeoutMs: configuredTimeoutMs ?? null,
      maxBackoffMs: hello.maxBackoffMs,
      maxRetries: hello.maxRetries,
      // Room for every attempt the hub allows and every backoff between them, and no more.
      overallDeadlineMs: (hello.maxRetries + 1) * attemptTimeoutMs + hello.maxRetries * hello.maxBackoffMs,
      warning,
    },
  };
}

/** The timing used for the first hello, before the hub has said anything (protocol defaults). */
export function initialTiming(initialRequestTimeoutMs: number): Timing {
  const decision = decideTiming({ requestTimeoutMs: initialRequestTimeoutMs, maxBackoffMs: 2000, maxRetries: 10 }, undefined);
  if (!decision.ok) throw new Error(decision.refusal);
  return decision.timing;
}

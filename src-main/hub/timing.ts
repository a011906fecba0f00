// Pure rules for the deadlines in force: the hub's hello sets them; a configured per-attempt
// timeout may lengthen them but never shorten them below the hub's own (the double-spend trap), and
// configured retry limits may lower the hub's but never exceed them.
import type { Timing } from '../../src-shared/ipc/contract';

/** How long a send may wait for a connected hub before the request counts as not sent. */
export const SEND_WAIT_MS = 1000;

/** The protocol's defaults, used for the first hello before the hub has announced its own. */
export const PROTOCOL_DEFAULTS = { maxBackoffMs: 2000, maxRetries: 10 } as const;

export interface HubTimingHello {
  requestTimeoutMs: number;
  maxBackoffMs: number;
  maxRetries: number;
}

/** Retry limits from the settings; absent ones follow the hub. */
export interface ConfiguredRetryLimits {
  maxRetries?: number | undefined;
  maxBackoffMs?: number | undefined;
}

/** Grace over the hub's deadline for transit and a request the hub began just before it. */
export function graceMs(hubRequestTimeoutMs: number): number {
  return Math.max(250, Math.round(hubRequestTimeoutMs * 0.1));
}

export type TimingDecision = { ok: true; timing: Timing } | { ok: false; refusal: string };

function timeoutRefusal(configuredMs: number, hubMs: number): string {
  return (
    `The configured request timeout (${configuredMs} ms) is shorter than the hub's requestTimeoutMs (${hubMs} ms). ` +
    'The console would give up on requests the hub may still execute: an order reported failed could then be filled. ' +
    `Set the request timeout to at least ${hubMs} ms, or remove it to follow the hub.`
  );
}

function limitRefusal(key: 'maxRetries' | 'maxBackoffMs', configured: number, hub: number): string {
  const unit = key === 'maxBackoffMs' ? ' ms' : '';
  return (
    `The configured ${key} (${configured}${unit}) is above the hub's ${key} (${hub}${unit}). ` +
    'The hub allows no more, and the console will not quietly use less than its settings say. ' +
    `Set ${key} to at most ${hub}${unit}, or remove it to follow the hub.`
  );
}

/**
 * The timing in force for this hub, or why the console refuses it: a timeout shorter than the
 * hub's, or a retry limit above the hub's. A refusal names every disagreement at once.
 */
export function decideTiming(hello: HubTimingHello, configuredTimeoutMs: number | undefined, configured: ConfiguredRetryLimits = {}): TimingDecision {
  const hubMs = hello.requestTimeoutMs;
  const refusals: string[] = [];
  if (configuredTimeoutMs !== undefined && configuredTimeoutMs < hubMs) refusals.push(timeoutRefusal(configuredTimeoutMs, hubMs));
  for (const key of ['maxRetries', 'maxBackoffMs'] as const) {
    const value = configured[key];
    if (value !== undefined && value > hello[key]) refusals.push(limitRefusal(key, value, hello[key]));
  }
  if (refusals.length > 0) return { ok: false, refusal: refusals.join(' ') };
  const attemptTimeoutMs = configuredTimeoutMs ?? hubMs + graceMs(hubMs);
  const maxRetries = Math.min(configured.maxRetries ?? hello.maxRetries, hello.maxRetries);
  const maxBackoffMs = Math.min(configured.maxBackoffMs ?? hello.maxBackoffMs, hello.maxBackoffMs);
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
      maxBackoffMs,
      maxRetries,
      // Room for every attempt in force and every backoff between them, and no more.
      overallDeadlineMs: (maxRetries + 1) * attemptTimeoutMs + maxRetries * maxBackoffMs,
      warning,
    },
  };
}

/**
 * The timing used for the first hello, before the hub has said anything: protocol defaults, lowered
 * to the configured limits (nothing to disagree with yet; the hub's hello is checked when it comes).
 */
export function initialTiming(initialRequestTimeoutMs: number, configured: ConfiguredRetryLimits = {}): Timing {
  const decision = decideTiming(
    {
      requestTimeoutMs: initialRequestTimeoutMs,
      maxBackoffMs: Math.min(PROTOCOL_DEFAULTS.maxBackoffMs, configured.maxBackoffMs ?? PROTOCOL_DEFAULTS.maxBackoffMs),
      maxRetries: Math.min(PROTOCOL_DEFAULTS.maxRetries, configured.maxRetries ?? PROTOCOL_DEFAULTS.maxRetries),
    },
    undefined,
  );
  if (!decision.ok) throw new Error(decision.refusal);
  return decision.timing;
}

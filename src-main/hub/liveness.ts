// Pure rules for the hub connection state: when the hub counts as down, and the backoff used while
// reconnecting. No timers or sockets here.

/** Heartbeats that may be missed before the hub counts as down (ZeroMQ guide: 3-5). */
export const HEARTBEAT_LIVENESS = 3;

export function isHubSilent(now: number, lastHeardAt: number, heartbeatMs: number): boolean {
  return now - lastHeardAt > HEARTBEAT_LIVENESS * heartbeatMs;
}

/** Delay before the n-th (0-based) hello attempt: 250 ms doubling up to a cap. */
export function helloBackoffMs(attempt: number, capMs = 5000): number {
  return Math.min(capMs, 250 * 2 ** Math.min(attempt, 16));
}

/**
 * The per-attempt timeout the console uses: the hub's requestTimeoutMs plus a grace for transit and
 * for a request the hub began just before its own deadline. Never shorter than the hub's.
 */
export function attemptTimeoutMs(hubRequestTimeoutMs: number): number {
  return hubRequestTimeoutMs + Math.max(250, Math.round(hubRequestTimeoutMs * 0.1));
}

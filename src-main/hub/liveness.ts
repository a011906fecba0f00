// Pure rule for when the hub counts as down. No timers or sockets here.

/** Heartbeats that may be missed before the hub counts as down (ZeroMQ guide: 3-5). */
export const HEARTBEAT_LIVENESS = 3;

export function isHubSilent(now: number, lastHeardAt: number, heartbeatMs: number): boolean {
  return now - lastHeardAt > HEARTBEAT_LIVENESS * heartbeatMs;
}

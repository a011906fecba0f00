// Hub availability: the share of a window the hub was usable (up or degraded), from the log of
// connection state changes. Pure; the changes come from the hub client and are kept on disk by
// MetricsHistory so availability over 1 h, 24 h and 7 d survives a restart.
import type { ConnectionState } from '../../src-shared/ipc/contract';

export interface StateChange {
  at: number;
  /**
   * `stopped`: the console itself was not running from here on; `starting`: it was starting and had
   * not yet had its first hello's time to reach the hub. Neither counts as up or down.
   */
  state: ConnectionState | 'stopped' | 'starting';
}

const USABLE: ReadonlySet<string> = new Set(['up', 'degraded']);
const UNOBSERVED: ReadonlySet<string> = new Set(['stopped', 'starting']);

/**
 * Availability in [0, 1] over [from, to]: time in a usable state ÷ time observed. Time before the
 * first known change, or while the console was stopped, is not counted (null if none is left).
 */
export function availability(changes: readonly StateChange[], from: number, to: number): number | null {
  const start = from;
  if (to <= start) return null;
  let usable = 0;
  let observed = 0;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as StateChange;
    const next = changes[i + 1]?.at ?? to;
    const a = Math.max(change.at, start);
    const b = Math.min(next, to);
    if (b <= a || UNOBSERVED.has(change.state)) continue;
    observed += b - a;
    if (USABLE.has(change.state)) usable += b - a;
  }
  return observed > 0 ? usable / observed : null;
}

/**
 * The longest stretch within [from, to] that the hub was not usable while the console ran, in ms;
 * null when nothing was observed. Consecutive unusable states (down, reconnecting …) are one outage.
 */
export function longestOutage(changes: readonly StateChange[], from: number, to: number): number | null {
  let longest = 0;
  let observed = false;
  let outageStart: number | null = null;
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i] as StateChange;
    const a = Math.max(change.at, from);
    const b = Math.min(changes[i + 1]?.at ?? to, to);
    if (b <= a) continue;
    if (UNOBSERVED.has(change.state)) {
      outageStart = null;
      continue;
    }
    observed = true;
    if (USABLE.has(change.state)) {
      outageStart = null;
      continue;
    }
    outageStart ??= a;
    longest = Math.max(longest, b - outageStart);
  }
  return observed ? longest : null;
}

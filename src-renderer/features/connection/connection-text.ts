// The words of the hub connection's display: outage durations and the deadlines in force. Pure,
// so the wording is tested without a DOM; times are main's clock, `now` the renderer's.
import type { ConnectionState, HubInfo, Outage, Timing } from '../../../src-shared/ipc/contract';
import { DIALECT_GUARANTEES } from '../../../src-shared/domain/dialects';
import { formatTime } from '../../components/format';

/** States in which the hub is unreachable: an outage is running and its clock is shown. */
export function isOutageState(state: ConnectionState): boolean {
  return state === 'down' || state === 'reconnecting';
}

/** Whole seconds since the outage began; never negative, even if the two clocks disagree. */
export function downForText(outage: Outage, now: number): string {
  return `down for ${Math.max(0, Math.floor((now - outage.startedAt) / 1000))}s`;
}

/** The outage that ended: its length to a tenth of a second and when it began. */
export function lastOutageText(outage: Outage & { endedAt: number }): string {
  const seconds = Math.max(0, outage.endedAt - outage.startedAt) / 1000;
  return `last outage ${seconds.toFixed(1)} s at ${formatTime(outage.startedAt)}`;
}

/** What to say about outages in this state: a running clock, the last one, or nothing. */
export function outageText(state: ConnectionState, outage: Outage | null, now: number): string | null {
  if (!outage) return null;
  if (outage.endedAt === null) return isOutageState(state) ? downForText(outage, now) : null;
  return lastOutageText({ ...outage, endedAt: outage.endedAt });
}

/** e.g. "attempt timeout 5500 ms (hub 5000 ms) · retries ≤ 10 · backoff ≤ 2000 ms · deadline 30000 ms". */
export function deadlinesText(timing: Timing, hub: Pick<HubInfo, 'requestTimeoutMs' | 'dialect'> | null): string {
  // A bridge tells no timing: its figure is the documented one, and says so.
  const source = hub?.dialect === undefined || hub.dialect === 'v1' ? 'hub' : `${DIALECT_GUARANTEES[hub.dialect].label}, documented`;
  const attempt = hub
    ? `attempt timeout ${timing.attemptTimeoutMs} ms (${source} ${hub.requestTimeoutMs} ms)`
    : `attempt timeout ${timing.attemptTimeoutMs} ms`;
  return [attempt, `retries ≤ ${timing.maxRetries}`, `backoff ≤ ${timing.maxBackoffMs} ms`, `deadline ${timing.overallDeadlineMs} ms`].join(
    ' · ',
  );
}

/** Where the attempt timeout comes from: the settings, or the hub's hello alone. */
export function timeoutSourceText(timing: Timing): string {
  return timing.configuredTimeoutMs === null
    ? 'no timeout configured: following the hub'
    : `configured timeout ${timing.configuredTimeoutMs} ms`;
}

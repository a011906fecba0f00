// The hub connection as main reports it: the state word in its colour, the address, the hub when
// known, and how long it has been down (live) or how long the last outage lasted. While the
// renderer's own link to main is down, it says so instead of guessing.
import { useConnection } from '../../app-context';
import { formatTime, formatTimestamp } from '../../components/format';
import { useNow } from '../../components/useNow';
import { shownConnectionState } from '../../stores/connection';
import { isOutageState, outageText } from './connection-text';

export function ConnectionStatus() {
  const info = useConnection((state) => state.info);
  const link = useConnection((state) => state.link);
  const state = shownConnectionState({ info, link });
  const outage = link === 'open' ? (info?.outage ?? null) : null;
  const running = outage !== null && outage.endedAt === null && isOutageState(state);
  const now = useNow(running);

  const parts: string[] = [];
  if (info) parts.push(info.address);
  if (link === 'closed') parts.push('link to console lost, reconnecting');
  if ((state === 'up' || state === 'degraded') && info?.hub) parts.push(`hub ${info.hub.hubId}`, `epoch ${info.hub.epoch}`);
  const outageWords = outageText(state, outage, now);
  return (
    <div
      role="status"
      aria-label="Hub connection"
      className="connection"
      data-state={state}
      title={info ? `In this state since ${formatTimestamp(info.since)}` : undefined}
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-state">{state}</span>
      {parts.map((part) => (
        <span key={part}>{` · ${part}`}</span>
      ))}
      {running && outageWords ? (
        <>
          {/* The count ticks every second: screen readers get the start time once instead. */}
          <span className="connection-outage" aria-hidden="true">{` · ${outageWords}`}</span>
          <span className="visually-hidden">{` · down since ${formatTime(outage.startedAt)}`}</span>
        </>
      ) : outageWords ? (
        <span className="connection-outage">{` · ${outageWords}`}</span>
      ) : null}
    </div>
  );
}

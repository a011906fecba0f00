// The hub connection as main reports it: state word, address, and when up the hub's id, epoch and
// request timeout. While the renderer's own link to main is down, it says so instead of guessing.
import { useConnection } from '../../app-context';
import { formatTimestamp } from '../../components/format';
import { shownConnectionState } from '../../stores/connection';

export function ConnectionStatus() {
  const info = useConnection((state) => state.info);
  const link = useConnection((state) => state.link);
  const state = shownConnectionState({ info, link });
  const parts: string[] = [state];
  if (info) parts.push(info.address);
  if (link === 'closed') parts.push('link to console lost, reconnecting');
  if (state === 'up' && info?.hub) {
    parts.push(`hub ${info.hub.hubId}`, `epoch ${info.hub.epoch}`, `request timeout ${info.hub.requestTimeoutMs} ms`);
  }
  return (
    <div
      role="status"
      aria-label="Hub connection"
      className="connection"
      data-state={state}
      title={info ? `In this state since ${formatTimestamp(info.since)}` : undefined}
    >
      <span className="connection-dot" aria-hidden="true" />
      {parts.join(' · ')}
    </div>
  );
}

// The alert history: firing alerts first, then the newest; one row per alert with when it fired
// and resolved, the figure that crossed the rule's threshold and main's message.
import { memo } from 'react';
import { alertRuleDef } from '../../../src-shared/domain/alerts';
import type { AlertEvent } from '../../../src-shared/domain/alerts';
import { DASH, formatClock, formatTimestamp } from '../../components/format';
import { useNow } from '../../components/useNow';
import { isFiring } from '../../stores/alerts';
import { eventStateText, eventThresholdText, eventValueText } from './alerts-text';

const COLUMNS = 7;

const AlertRow = memo(function AlertRow({ event, now }: { event: AlertEvent; now: number }) {
  const firing = isFiring(event);
  return (
    <tr className={firing ? 'alert-firing' : 'alert-resolved'}>
      <td>{alertRuleDef(event.rule).label}</td>
      <td>
        <span className={`status alert-state-${firing ? 'firing' : 'resolved'}`}>{eventStateText(event)}</span>
      </td>
      <td className="mono" title={formatTimestamp(event.firedAt)}>
        {formatClock(event.firedAt, now)}
      </td>
      <td className="mono" title={event.resolvedAt === null ? undefined : formatTimestamp(event.resolvedAt)}>
        {event.resolvedAt === null ? DASH : formatClock(event.resolvedAt, now)}
      </td>
      <td className="num">{eventValueText(event)}</td>
      <td className="num">{eventThresholdText(event)}</td>
      <td className="alert-message">{event.message}</td>
    </tr>
  );
});

export function AlertHistoryTable(props: { events: readonly AlertEvent[]; loading: boolean }) {
  // Dates are left out for today's alerts: a clock by the minute keeps "today" right past midnight.
  const now = useNow(true, 60_000);
  return (
    <div className="table-scroll alerts-scroll">
      <table aria-label="Alert history" aria-busy={props.loading || undefined} className="grid">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">State</th>
            <th scope="col">Fired</th>
            <th scope="col">Resolved</th>
            <th scope="col" className="num">Value</th>
            <th scope="col" className="num">Threshold</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {props.events.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} className="empty">
                {props.loading ? 'Loading…' : 'No alerts yet'}
              </td>
            </tr>
          ) : (
            props.events.map((event) => <AlertRow key={event.id} event={event} now={now} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

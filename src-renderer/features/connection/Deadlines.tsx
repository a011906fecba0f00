// The deadlines and retry limits in force for hub calls, and the settings warning when there is
// one: small, always visible, so a desk can tell why a call gave up when it did.
import { useId } from 'react';
import { useConnection } from '../../app-context';
import { deadlinesText, timeoutSourceText } from './connection-text';

export function Deadlines() {
  const timing = useConnection((state) => state.info?.timing ?? null);
  const hub = useConnection((state) => state.info?.hub ?? null);
  const refused = useConnection((state) => Boolean(state.info?.refusal));
  const titleId = useId();
  return (
    <section className="deadlines" aria-labelledby={titleId}>
      <h2 id={titleId} className="deadlines-title">
        Deadlines
      </h2>
      {timing ? (
        <>
          <p>{deadlinesText(timing, hub)}</p>
          <p className="muted">{timeoutSourceText(timing)}</p>
          {timing.warning ? <p className="deadlines-warning">{`Warning: ${timing.warning}`}</p> : null}
        </>
      ) : (
        <p className="muted">{refused ? 'none in force: this hub is refused' : 'known once the hub answers hello'}</p>
      )}
    </section>
  );
}

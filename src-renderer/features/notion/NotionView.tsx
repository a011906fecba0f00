// The Notion view, for support staff: where events go (the connection, saved through main, which
// alone holds the token), how pushing goes (the figures), and the outbox itself, filtered by
// status, with parked events retried by hand. The outbox feed loads and updates the store; this reads.
import { useEffect, useState } from 'react';
import { useOutbox, useOutboxFeed } from '../../app-context';
import type { OutboxViewFilter } from '../../stores/outbox';
import { NotionConnectionForm } from './NotionConnectionForm';
import { OutboxPanel } from './OutboxPanel';
import { PushFiguresGroup } from './PushFiguresGroup';
import { describeOutboxError } from './notion-text';

export function NotionView() {
  const feed = useOutboxFeed();
  const [filter, setFilter] = useState<OutboxViewFilter>(null);
  const status = useOutbox((state) => state.status);
  const error = useOutbox((state) => state.error);

  // Open the feed for this filter while the view shows it: a load, then live changes.
  useEffect(() => {
    feed.open(filter);
    return () => feed.close();
  }, [feed, filter]);

  return (
    <main className="notion">
      <section aria-label="Notion" className="notion-section">
        {status === 'error' && error ? (
          <div role="alert" className="feedback feedback-error">
            {describeOutboxError(error)}{' '}
            <button type="button" className="btn btn-small" onClick={() => feed.open(filter)}>
              Try again
            </button>
          </div>
        ) : null}
        <div className="notion-top">
          <NotionConnectionForm />
          <PushFiguresGroup />
        </div>
        <OutboxPanel filter={filter} onFilter={setFilter} />
      </section>
    </main>
  );
}

// The outbox projection: a load replaces the rows (newest first, filtered, at most the limit),
// live events upsert by id (leaving the filter drops a row, a new event joins only where it can
// belong, pushed is final), and the command states start and end cleanly.
import { describe, expect, it } from 'vitest';
import type { OutboxEvent } from '../../src-shared/domain/outbox';
import {
  closeOutbox,
  emptyOutbox,
  failConfigure,
  failRetry,
  finishConfigure,
  finishRetry,
  OUTBOX_LIMIT,
  replaceOutbox,
  startConfigure,
  startOutboxLoad,
  startRetry,
  upsertOutboxEvents,
} from '../../src-renderer/stores/outbox';
import type { OutboxState, OutboxViewFilter } from '../../src-renderer/stores/outbox';
import { notionStatus, outboxEvent, parked, pushed, pushFigures } from './notion-fixtures';

function loaded(events: OutboxEvent[], filter: OutboxViewFilter = null): OutboxState {
  return replaceOutbox(startOutboxLoad(emptyOutbox, filter), events, pushFigures(), 1_000);
}

const seqs = (state: OutboxState) => state.events.map((event) => event.seq);

describe('loading', () => {
  it('keeps the rows of the same filter while reloading, and drops another filter\'s', () => {
    const state = loaded([outboxEvent(1)]);
    expect(startOutboxLoad(state, null)).toMatchObject({ status: 'loading', events: state.events });
    expect(startOutboxLoad(state, 'parked')).toMatchObject({ status: 'loading', filter: 'parked', events: [] });
  });

  it('orders a reply newest first, keeps what matches, and knows whether it has every match', () => {
    const state = loaded([outboxEvent(2), parked(5), outboxEvent(3)], 'pending');
    expect(seqs(state)).toEqual([3, 2]);
    expect(state).toMatchObject({ status: 'ready', complete: true, figuresAt: 1_000 });
    const full = loaded(Array.from({ length: OUTBOX_LIMIT }, (_, index) => outboxEvent(index + 1)));
    expect(full.complete).toBe(false);
    expect(full.events).toHaveLength(OUTBOX_LIMIT);
  });

  it('goes idle on close, once', () => {
    const state = loaded([]);
    const closed = closeOutbox(state);
    expect(closed.status).toBe('idle');
    expect(closeOutbox(closed)).toBe(closed);
  });
});

describe('upsertOutboxEvents', () => {
  const cases: [string, OutboxViewFilter, OutboxEvent[], OutboxEvent[], number[]][] = [
    ['adds a new event on top', null, [outboxEvent(1)], [outboxEvent(2)], [2, 1]],
    ['updates an event in place', null, [outboxEvent(1), outboxEvent(2)], [pushed(1)], [2, 1]],
    ['drops an event that left the filter', 'pending', [outboxEvent(1), outboxEvent(2)], [pushed(2)], [1]],
    ['adds an event that entered the filter', 'parked', [parked(1)], [parked(3)], [3, 1]],
    ['ignores an event outside the filter', 'parked', [parked(1)], [outboxEvent(4)], [1]],
  ];
  it.each(cases)('%s', (_, filter, base, incoming, expected) => {
    expect(seqs(upsertOutboxEvents(loaded(base, filter), incoming))).toEqual(expected);
  });

  it('never moves a pushed event back', () => {
    const state = loaded([pushed(1)]);
    expect(upsertOutboxEvents(state, [outboxEvent(1, { attempts: 1 })])).toBe(state);
  });

  it('keeps the state (and each row) when nothing changed', () => {
    const state = loaded([outboxEvent(1), outboxEvent(2)], 'pending');
    expect(upsertOutboxEvents(state, [pushed(9)])).toBe(state);
    const next = upsertOutboxEvents(state, [outboxEvent(2, { attempts: 1 })]);
    expect(next.events[1]).toBe(state.events[1]);
  });

  it('on a partial list, adds only events newer than the oldest row', () => {
    const rows = Array.from({ length: OUTBOX_LIMIT }, (_, index) => parked(index + 11));
    const state = loaded(rows, 'parked');
    expect(state.complete).toBe(false);
    // Parked long ago, below the rows: it may sit among others never loaded.
    expect(upsertOutboxEvents(state, [parked(3)])).toBe(state);
    const next = upsertOutboxEvents(state, [parked(OUTBOX_LIMIT + 20)]);
    expect(next.events[0]?.seq).toBe(OUTBOX_LIMIT + 20);
    expect(next.events).toHaveLength(OUTBOX_LIMIT);
  });

  it('becomes partial when a live event pushes a row past the limit', () => {
    const state = loaded(Array.from({ length: OUTBOX_LIMIT - 1 }, (_, index) => outboxEvent(index + 1)));
    expect(state.complete).toBe(true);
    const one = upsertOutboxEvents(state, [outboxEvent(OUTBOX_LIMIT)]);
    expect(one.complete).toBe(true);
    const two = upsertOutboxEvents(one, [outboxEvent(OUTBOX_LIMIT + 1)]);
    expect(two).toMatchObject({ complete: false });
    expect(two.events).toHaveLength(OUTBOX_LIMIT);
    expect(two.events.at(-1)?.seq).toBe(2);
  });
});

describe('commands', () => {
  it('saves the connection: busy, then the new status and figures', () => {
    const saving = startConfigure({ ...loaded([]), configureError: { code: 'BAD_INPUT', message: 'x' } });
    expect(saving).toMatchObject({ saving: true, configureError: null });
    const figures = pushFigures({ depth: 7 });
    expect(finishConfigure(saving, notionStatus(), figures, 2_000)).toMatchObject({ saving: false, notion: notionStatus(), figures, figuresAt: 2_000 });
    expect(failConfigure(saving, { code: 'BAD_INPUT', message: 'no' })).toMatchObject({ saving: false, configureError: { code: 'BAD_INPUT' } });
  });

  it('retries: the retried events show pending at once', () => {
    const state = startRetry(loaded([parked(1), parked(2)]), { all: true });
    expect(state.retrying).toEqual({ all: true });
    const done = finishRetry(state, [outboxEvent(1), outboxEvent(2)]);
    expect(done.events.map((event) => event.status)).toEqual(['pending', 'pending']);
    expect(done.retrying).toBeNull();
    expect(failRetry(startRetry(done, { id: 'x' }), { code: 'INVALID_STATE', message: 'not parked' })).toMatchObject({
      retrying: null,
      retryError: { code: 'INVALID_STATE' },
    });
  });
});

// The renderer's projection of the Notion bridge: the outbox events matching the view's filter
// (newest first, at most OUTBOX_LIMIT), the push figures, the connection status, and the commands
// on their way. Pure updates; the writers are api/outbox-sync.ts (feed) and api/notion-commands.ts.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { NotionStatus, OutboxEvent, OutboxStatus, PushFigures } from '../../src-shared/domain/outbox';
import type { ErrorData } from '../../src-shared/ipc/errors';

/** Rows the view asks for and keeps. */
export const OUTBOX_LIMIT = 200;

/** null: every status. */
export type OutboxViewFilter = OutboxStatus | null;

/** `idle`: the view is closed, so live events are not applied. */
export type OutboxFeedStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A retry by hand on its way: one event's id, or every parked one. */
export type OutboxRetry = { readonly id: string } | { readonly all: true };

export interface OutboxState {
  readonly filter: OutboxViewFilter;
  /** Newest (highest seq) first, all matching the filter, at most OUTBOX_LIMIT. */
  readonly events: readonly OutboxEvent[];
  /** Every event matching the filter is in `events` (the load returned fewer than the limit). */
  readonly complete: boolean;
  readonly figures: PushFigures | null;
  /** When `figures` arrived (renderer clock), so the oldest pending age can go on counting. */
  readonly figuresAt: number | null;
  /** null until notion:status answered. */
  readonly notion: NotionStatus | null;
  readonly status: OutboxFeedStatus;
  /** Why the last load failed; null otherwise. */
  readonly error: ErrorData | null;
  readonly saving: boolean;
  /** Why the last Save connection was refused; cleared by the next. */
  readonly configureError: ErrorData | null;
  readonly retrying: OutboxRetry | null;
  /** Why the last retry by hand failed; cleared by the next. */
  readonly retryError: ErrorData | null;
}

export const emptyOutbox: OutboxState = {
  filter: null,
  events: [],
  complete: false,
  figures: null,
  figuresAt: null,
  notion: null,
  status: 'idle',
  error: null,
  saving: false,
  configureError: null,
  retrying: null,
  retryError: null,
};

export function matchesOutboxFilter(filter: OutboxViewFilter, event: Pick<OutboxEvent, 'status'>): boolean {
  return filter === null || event.status === filter;
}

const newestFirst = (a: OutboxEvent, b: OutboxEvent) => b.seq - a.seq;

/** A load starts: rows of another filter would mislead, so they go; a reload keeps them meanwhile. */
export function startOutboxLoad(state: OutboxState, filter: OutboxViewFilter): OutboxState {
  if (state.filter === filter) return { ...state, status: 'loading', error: null };
  return { ...state, filter, events: [], complete: false, status: 'loading', error: null };
}

/** An outbox:list reply replaces the rows and the figures whole. */
export function replaceOutbox(state: OutboxState, events: readonly OutboxEvent[], figures: PushFigures, at: number): OutboxState {
  const shown = events
    .filter((event) => matchesOutboxFilter(state.filter, event))
    .sort(newestFirst)
    .slice(0, OUTBOX_LIMIT);
  return { ...state, events: shown, complete: events.length < OUTBOX_LIMIT, figures, figuresAt: at, status: 'ready', error: null };
}

export function failOutboxLoad(state: OutboxState, error: ErrorData): OutboxState {
  return { ...state, status: 'error', error };
}

export function closeOutbox(state: OutboxState): OutboxState {
  return state.status === 'idle' ? state : { ...state, status: 'idle' };
}

export function replaceFigures(state: OutboxState, figures: PushFigures, at: number): OutboxState {
  return { ...state, figures, figuresAt: at };
}

export function replaceNotionStatus(state: OutboxState, notion: NotionStatus): OutboxState {
  return { ...state, notion };
}

/** Pushed is final: nothing moves an event back from it, so a late copy saying otherwise is stale. */
function isRegression(current: OutboxEvent, next: OutboxEvent): boolean {
  return current.status === 'pushed' && next.status !== 'pushed';
}

/**
 * Changed events (outbox:changed, or a retry's reply), upserted by id. An event that left the
 * filter goes; a new one is added when it can belong among the rows: all matches are known, or it
 * is newer than the oldest row. Unchanged events keep their reference, so their rows do not re-render.
 */
export function upsertOutboxEvents(state: OutboxState, incoming: readonly OutboxEvent[]): OutboxState {
  const byId = new Map(state.events.map((event) => [event.id, event] as const));
  const oldestSeq = state.events.at(-1)?.seq ?? 0;
  let complete = state.complete;
  let changed = false;
  for (const event of incoming) {
    const current = byId.get(event.id);
    const matches = matchesOutboxFilter(state.filter, event);
    if (current) {
      if (isRegression(current, event)) continue;
      changed = true;
      if (matches) byId.set(event.id, event);
      else byId.delete(event.id);
      continue;
    }
    if (!matches || !(complete || event.seq > oldestSeq)) continue;
    byId.set(event.id, event);
    changed = true;
  }
  if (!changed) return state;
  const sorted = [...byId.values()].sort(newestFirst);
  if (sorted.length > OUTBOX_LIMIT) complete = false;
  return { ...state, events: sorted.slice(0, OUTBOX_LIMIT), complete };
}

export function startConfigure(state: OutboxState): OutboxState {
  return { ...state, saving: true, configureError: null };
}

export function finishConfigure(state: OutboxState, notion: NotionStatus, figures: PushFigures, at: number): OutboxState {
  return { ...state, saving: false, configureError: null, notion, figures, figuresAt: at };
}

export function failConfigure(state: OutboxState, error: ErrorData): OutboxState {
  return { ...state, saving: false, configureError: error };
}

export function startRetry(state: OutboxState, retrying: OutboxRetry): OutboxState {
  return { ...state, retrying, retryError: null };
}

/** The retried events come back pending: they are upserted at once, before outbox:changed says so. */
export function finishRetry(state: OutboxState, events: readonly OutboxEvent[]): OutboxState {
  return { ...upsertOutboxEvents(state, events), retrying: null, retryError: null };
}

export function failRetry(state: OutboxState, error: ErrorData): OutboxState {
  return { ...state, retrying: null, retryError: error };
}

export function createOutboxStore(): StoreApi<OutboxState> {
  return createStore<OutboxState>()(() => emptyOutbox);
}

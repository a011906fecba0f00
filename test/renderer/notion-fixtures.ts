// Builders for the Notion view's tests: outbox events, push figures and the connection status, as
// main sends them (every shape parses against the contract's schemas).
import type { NotionStatus, OutboxEvent, PushFigures } from '../../src-shared/domain/outbox';

/** A pending event with seq `seq` and an id whose first 8 characters are the seq in hex. */
export function outboxEvent(seq: number, patch: Partial<OutboxEvent> = {}): OutboxEvent {
  return {
    id: `${seq.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
    seq,
    kind: 'alert.fired',
    title: `Alert fired: P99 latency (${seq})`,
    body: 'p99 6200 ms over 5000 ms',
    createdAt: 1_700_000_000_000 + seq * 1_000,
    status: 'pending',
    attempts: 0,
    lastError: null,
    lastAttemptAt: null,
    pageId: null,
    pushedAt: null,
    uncertain: false,
    ...patch,
  };
}

export function pushed(seq: number, patch: Partial<OutboxEvent> = {}): OutboxEvent {
  return outboxEvent(seq, { status: 'pushed', attempts: 1, pageId: `page-${seq}-abcdef`, pushedAt: 1_700_000_100_000, ...patch });
}

export function parked(seq: number, patch: Partial<OutboxEvent> = {}): OutboxEvent {
  return outboxEvent(seq, { status: 'parked', attempts: 1, lastError: 'Notion 401 unauthorized: API token is invalid.', ...patch });
}

export function pushFigures(patch: Partial<PushFigures> = {}): PushFigures {
  return {
    attempts: 12,
    successes: 9,
    failures: 3,
    foundByQuery: 1,
    pushed: 9,
    parked: 1,
    depth: 2,
    oldestPendingAgeMs: 4_000,
    deliveryRate: 0.9,
    attemptSuccessRate: 0.75,
    ...patch,
  };
}

export function notionStatus(patch: Partial<NotionStatus> = {}): NotionStatus {
  return {
    configured: true,
    baseUrl: 'http://127.0.0.1:4010',
    databaseId: '0123456789abcdef0123456789abcdef',
    tokenSource: 'env',
    lastError: null,
    ...patch,
  };
}

// The Notion view's words and checks: the connection line, the push figures, the outbox table's
// cells and count, the connection form's draft (checked with the contract's own schemas before it
// is sent) and how a refusal or failure reads. Pure; the UI branches on codes, not on text.
import { NOTION_DEFAULT_BASE_URL, NotionBaseUrl, NotionId } from '../../../src-shared/domain/outbox';
import type { NotionStatus, NotionTokenSource, OutboxEvent, OutboxKind, OutboxStatus, PushFigures } from '../../../src-shared/domain/outbox';
import type { InvokeInput } from '../../../src-shared/ipc/contract';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { DASH, formatCount, formatShare } from '../../components/format';
import { formatDuration } from '../health/health-text';

export const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'pushed', 'parked'];

export function isOutboxStatus(value: string): value is OutboxStatus {
  return (OUTBOX_STATUSES as readonly string[]).includes(value);
}

/** The first 8 characters of an id: enough to tell events apart on screen and in Notion. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** "Retry 1a2b3c4d": the parked row's button, named after its event. */
export function retryLabel(id: string): string {
  return `Retry ${shortId(id)}`;
}

export function queuedText(event: Pick<OutboxEvent, 'id'>): string {
  return `Queued for Notion (event ${shortId(event.id)})`;
}

const KIND_TEXT: Readonly<Record<OutboxKind, string>> = {
  'alert.fired': 'alert fired',
  'alert.resolved': 'alert resolved',
  report: 'report',
  incident: 'incident',
};

export function kindText(kind: OutboxKind): string {
  return KIND_TEXT[kind];
}

export function tokenSourceText(source: NotionTokenSource): string {
  switch (source) {
    case 'env':
      return 'token from NOTION_TOKEN';
    case 'safeStorage':
      return 'token from the OS keychain';
    case 'none':
      return 'no token';
  }
}

/** "Connected to DATABASE at BASEURL (token from NOTION_TOKEN)", or why events only wait. */
export function connectionText(status: NotionStatus): string {
  if (!status.configured || status.databaseId === null) return 'Not configured: events wait in the outbox';
  return `Connected to ${status.databaseId} at ${status.baseUrl} (${tokenSourceText(status.tokenSource)})`;
}

export function lastErrorText(status: Pick<NotionStatus, 'lastError'>): string | null {
  return status.lastError === null ? null : `Last error: ${status.lastError}`;
}

/** The oldest pending event's age now: main's figure plus the time since it arrived. */
export function oldestPendingAge(figures: Pick<PushFigures, 'oldestPendingAgeMs'>, figuresAt: number, now: number): number | null {
  return figures.oldestPendingAgeMs === null ? null : figures.oldestPendingAgeMs + Math.max(0, now - figuresAt);
}

export interface FigureItem {
  readonly label: string;
  readonly value: string;
  readonly detail: string;
}

const plural = (count: number, one: string, many: string) => `${formatCount(count)} ${count === 1 ? one : many}`;

/** The Push figures group, in reading order. */
export function figureItems(figures: PushFigures, oldestAgeMs: number | null): FigureItem[] {
  const finished = figures.pushed + figures.parked;
  return [
    { label: 'Delivery rate', value: formatShare(figures.deliveryRate), detail: `${formatCount(figures.pushed)} pushed of ${formatCount(finished)} finished` },
    {
      label: 'Attempt success rate',
      value: formatShare(figures.attemptSuccessRate),
      detail: `${formatCount(figures.successes)} of ${plural(figures.attempts, 'attempt', 'attempts')}`,
    },
    { label: 'Attempts', value: formatCount(figures.attempts), detail: `${formatCount(figures.failures)} failed` },
    { label: 'Pushed', value: formatCount(figures.pushed), detail: 'one page each' },
    { label: 'Parked', value: formatCount(figures.parked), detail: figures.parked === 0 ? 'none to retry' : 'waiting for a retry by hand' },
    { label: 'Outbox depth', value: formatCount(figures.depth), detail: 'pending' },
    { label: 'Oldest pending', value: ageMsText(oldestAgeMs), detail: oldestAgeMs === null ? 'none pending' : 'since it entered the outbox' },
    { label: 'Found by look-up', value: formatCount(figures.foundByQuery), detail: 'pages a lost reply had created' },
  ];
}

function ageMsText(ageMs: number | null): string {
  return ageMs === null ? DASH : formatDuration(ageMs);
}

/** "3", or "3 · uncertain" while a failed attempt may have created the page (looked up before any create). */
export function attemptsText(event: Pick<OutboxEvent, 'attempts' | 'uncertain' | 'status'>): string {
  return event.uncertain && event.status !== 'pushed' ? `${event.attempts} · uncertain` : String(event.attempts);
}

export function pageText(pageId: string | null): string {
  return pageId === null ? DASH : shortId(pageId);
}

/** The events the filter covers in the whole outbox, from the figures. */
export function filterTotal(figures: Pick<PushFigures, 'pushed' | 'parked' | 'depth'>, filter: OutboxStatus | null): number {
  switch (filter) {
    case 'pending':
      return figures.depth;
    case 'pushed':
      return figures.pushed;
    case 'parked':
      return figures.parked;
    case null:
      return figures.pushed + figures.parked + figures.depth;
  }
}

/** "1,234 events (showing 200)", or just "12 events" when all are shown. */
export function countText(figures: Pick<PushFigures, 'pushed' | 'parked' | 'depth'> | null, filter: OutboxStatus | null, shown: number): string {
  const total = figures === null ? shown : Math.max(filterTotal(figures, filter), shown);
  const events = plural(total, 'event', 'events');
  return shown < total ? `${events} (showing ${formatCount(shown)})` : events;
}

export function emptyText(filter: OutboxStatus | null, loading: boolean): string {
  if (loading) return 'Loading…';
  return filter === null ? 'The outbox is empty' : `No ${filter} events`;
}

export type ConnectionField = 'baseUrl' | 'databaseId' | 'token';

export interface ConnectionDraft {
  readonly baseUrl: string;
  readonly databaseId: string;
  readonly token: string;
}

/** The form as the connection stands; the default base URL shows as the placeholder, not a value. */
export function draftFromStatus(status: NotionStatus | null): ConnectionDraft {
  const baseUrl = status && status.baseUrl !== NOTION_DEFAULT_BASE_URL ? status.baseUrl : '';
  return { baseUrl, databaseId: status?.databaseId ?? '', token: '' };
}

export type ConnectionCheck =
  | { readonly ok: true; readonly input: InvokeInput<'notion:configure'> }
  | { readonly ok: false; readonly errors: Partial<Record<ConnectionField, string>> };

/**
 * The draft as notion:configure takes it: a blank base URL means Notion's own, a blank token keeps
 * the one in force. Checked with the schemas main uses, so a typo is named before it is sent.
 */
export function checkDraft(draft: ConnectionDraft): ConnectionCheck {
  const errors: Partial<Record<ConnectionField, string>> = {};
  const baseUrl = draft.baseUrl.trim();
  const databaseId = draft.databaseId.trim();
  const token = draft.token.trim();
  if (baseUrl !== '' && !NotionBaseUrl.safeParse(baseUrl).success) errors.baseUrl = 'must be an https:// URL (or http:// to 127.0.0.1/localhost)';
  if (databaseId === '') errors.databaseId = 'required';
  else if (!NotionId.safeParse(databaseId).success) errors.databaseId = 'must be a Notion id (32 hex digits)';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, input: { ...(baseUrl !== '' ? { baseUrl } : {}), databaseId, ...(token !== '' ? { token } : {}) } };
}

const FIELD_LABELS: Readonly<Record<ConnectionField, string>> = { baseUrl: 'Base URL', databaseId: 'Database id', token: 'Token' };

function isConnectionField(key: string): key is ConnectionField {
  return key in FIELD_LABELS;
}

/** Main's field messages on a refused save, by field; other keys are named in the summary only. */
export function refusedFields(error: ErrorData | null): Partial<Record<ConnectionField, string>> {
  if (error?.code !== 'BAD_INPUT' || !error.fields) return {};
  return Object.fromEntries(Object.entries(error.fields).filter(([key]) => isConnectionField(key)));
}

/** The form's own check stopped the save: what the alert says, field by field. */
export function checkErrorLines(errors: Partial<Record<ConnectionField, string>>): string[] {
  const fields = Object.entries(errors).map(([key, message]) => `${isConnectionField(key) ? FIELD_LABELS[key] : key}: ${message}`);
  return ['The connection was not sent: fix the marked fields.', ...fields];
}

/** What the alert under the form says: the outcome, then each field's message ("Token: set NOTION_TOKEN instead"). */
export function configureErrorLines(error: ErrorData): string[] {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return ['The connection may not have been saved: no answer from the console. Check the status line once it is reachable.'];
    case 'BAD_INPUT': {
      const fields = Object.entries(error.fields ?? {}).map(([key, message]) => `${isConnectionField(key) ? FIELD_LABELS[key] : key}: ${message}`);
      return [`The connection was not saved: ${error.message}`, ...fields];
    }
    default:
      return [`The connection was not saved (${error.code}): ${error.message}`];
  }
}

export function describeRetryError(error: ErrorData): string {
  switch (error.code) {
    case 'INVALID_STATE':
      return 'That event is no longer parked: there is nothing to retry.';
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'The retry may not have been made: no answer from the console. The table shows what happened once it is reachable.';
    default:
      return `The retry failed (${error.code}): ${error.message}`;
  }
}

export function describeOutboxError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'The outbox could not be loaded: no answer from the console. Try again once it is reachable.';
    default:
      return `The outbox could not be loaded (${error.code}): ${error.message}`;
  }
}

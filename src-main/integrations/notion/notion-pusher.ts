// One push of one outbox event through @notionhq/client (its own retries OFF: the outbox decides
// every attempt): look first when the event is uncertain, else create; classify what went wrong.
// Never retries, never waits, never logs the token.
import { APIResponseError, Client, RequestTimeoutError, isHTTPResponseError } from '@notionhq/client';
import type { Logger } from 'pino';
import type { OutboxEvent } from '../../../src-shared/domain/outbox';
import { GateClosedError } from './pace-limiter';
import { CreatedPage, DatabaseReply, QueryReply, createPageParameters, findPageParameters, shapeError } from './notion-pages';

export interface NotionTarget {
  baseUrl: string;
  databaseId: string;
  token: string;
  /** The database's data source to write to; absent: the database's first one, asked once. */
  dataSourceId?: string;
}

export interface NotionPusherOptions {
  target: NotionTarget;
  logger: Logger;
  /** Per request; past it the request counts as failed and, for a create, uncertain. Default 30 s. */
  timeoutMs?: number;
}

/** Waits for the limiter before each request (the look-up and the create are one request each). */
export type RequestGate = () => Promise<void>;

/**
 * `retry`: try again later; `uncertain` when this attempt may have created the page (its reply was
 * lost), `retryAfterMs` when Notion asked to wait. `refused`: will never succeed as sent: park it.
 */
export type PushOutcome =
  | { kind: 'pushed'; pageId: string; foundByQuery: boolean }
  | { kind: 'retry'; message: string; uncertain: boolean; retryAfterMs: number | null }
  | { kind: 'refused'; message: string; uncertain: boolean };

export type FailureClass =
  | { kind: 'rate-limited'; retryAfterMs: number | null; message: string }
  | { kind: 'refused'; message: string }
  | { kind: 'transient'; message: string };

export const DEFAULT_NOTION_TIMEOUT_MS = 30_000;
/** Extra time before a timed-out request's socket is torn down (the client stops waiting at timeoutMs). */
const ABORT_GRACE_MS = 1000;

/** Retry-After as ms: an integer number of seconds (Notion's form) or an HTTP date; null if absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now = Date.now()): number | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function headerOf(headers: unknown, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  return undefined;
}

/**
 * What a failed request means. 429/529: Notion did not do it (wait Retry-After). Other 4xx but 408
 * and 409: it never will (park). Everything else (5xx, 408/409, timeout, reset, unreadable reply)
 * is transient, and for a create it may have happened.
 */
export function classifyFailure(error: unknown): FailureClass {
  if (isHTTPResponseError(error)) {
    const code = APIResponseError.isAPIResponseError(error) ? ` ${error.code}` : '';
    const message = `Notion ${error.status}${code}: ${error.message}`;
    if (error.status === 429 || error.status === 529) {
      return { kind: 'rate-limited', retryAfterMs: retryAfterMs(headerOf(error.headers, 'retry-after')), message };
    }
    if (error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 409) return { kind: 'refused', message };
    return { kind: 'transient', message };
  }
  if (RequestTimeoutError.isRequestTimeoutError(error)) return { kind: 'transient', message: `no reply from Notion in time (${error.message})` };
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { kind: 'transient', message: `${error.name}: ${error.message}${cause}` };
  }
  return { kind: 'transient', message: String(error) };
}

class ReplyShapeError extends Error {
  override name = 'ReplyShapeError';
}

class NoDataSourceError extends Error {
  override name = 'NoDataSourceError';
}

type ClientFetch = NonNullable<NonNullable<ConstructorParameters<typeof Client>[0]>['fetch']>;

export class NotionPusher {
  private readonly client: Client;
  private readonly aborter = new AbortController();
  private dataSourceId: string | undefined;

  constructor(private readonly options: NotionPusherOptions) {
    const timeoutMs = options.timeoutMs ?? DEFAULT_NOTION_TIMEOUT_MS;
    this.dataSourceId = options.target.dataSourceId;
    // The client only stops waiting at timeoutMs; this fetch also closes the request a little later
    // (and at once on dispose), so a held reply never keeps a socket or the process alive.
    const fetchWithAbort: ClientFetch = (url, init) =>
      fetch(url, {
        method: init?.method,
        headers: init?.headers,
        body: init?.body,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(timeoutMs + ABORT_GRACE_MS)]),
      });
    const log = options.logger;
    this.client = new Client({
      auth: options.target.token,
      baseUrl: options.target.baseUrl,
      timeoutMs,
      retry: false,
      fetch: fetchWithAbort,
      logger: (level, message, extra) => log.debug({ notionClient: { level, ...extra } }, message),
    });
  }

  /** One attempt: look-up first when uncertain (found: done), else create. Never throws. */
  async push(event: OutboxEvent, gate: RequestGate): Promise<PushOutcome> {
    let dataSourceId: string;
    try {
      dataSourceId = await this.resolveDataSource(gate);
    } catch (error) {
      return this.failed(error, false);
    }
    if (event.uncertain) {
      try {
        const found = await this.findEventPage(dataSourceId, event.id, gate);
        if (found) return { kind: 'pushed', pageId: found, foundByQuery: true };
      } catch (error) {
        return this.failed(error, false);
      }
    }
    try {
      await gate();
      const reply = CreatedPage.safeParse(await this.client.pages.create(createPageParameters(event, dataSourceId)));
      if (!reply.success) throw new ReplyShapeError(shapeError('the create reply', reply.error));
      return { kind: 'pushed', pageId: reply.data.id, foundByQuery: false };
    } catch (error) {
      return this.failed(error, true);
    }
  }

  /** The id of the oldest page whose "Event ID" is eventId, or undefined. Throws on failure. */
  async findEventPage(dataSourceId: string, eventId: string, gate: RequestGate): Promise<string | undefined> {
    await gate();
    const reply = QueryReply.safeParse(await this.client.dataSources.query(findPageParameters(dataSourceId, eventId)));
    if (!reply.success) throw new ReplyShapeError(shapeError('the query reply', reply.error));
    if (reply.data.results.length > 1) {
      this.options.logger.warn({ eventId, pages: reply.data.results.length }, 'notion: more than one page carries this event id');
    }
    return reply.data.results[0]?.id;
  }

  /** One page (up to 100) of the data source's pages, for the stress tool's count. Throws on failure. */
  async listPages(cursor: string | null, gate: RequestGate): Promise<QueryReply> {
    const dataSourceId = await this.resolveDataSource(gate);
    await gate();
    const reply = QueryReply.safeParse(await this.client.dataSources.query({ data_source_id: dataSourceId, page_size: 100, start_cursor: cursor ?? undefined }));
    if (!reply.success) throw new ReplyShapeError(shapeError('the query reply', reply.error));
    return reply.data;
  }

  /** The data source pages go into (Notion-Version 2025-09-03 writes to data sources, not databases). */
  async resolveDataSource(gate: RequestGate): Promise<string> {
    if (this.dataSourceId) return this.dataSourceId;
    await gate();
    const reply = DatabaseReply.safeParse(await this.client.databases.retrieve({ database_id: this.options.target.databaseId }));
    if (!reply.success) throw new ReplyShapeError(shapeError('the database reply', reply.error));
    const first = reply.data.data_sources[0];
    if (!first) throw new NoDataSourceError(`Notion database ${this.options.target.databaseId} has no data source to write pages into`);
    this.dataSourceId = first.id;
    return first.id;
  }

  /** Aborts any request in flight; the pusher is not used again. */
  dispose(): void {
    this.aborter.abort();
  }

  private failed(error: unknown, mayHaveCreated: boolean): PushOutcome {
    if (error instanceof NoDataSourceError) return { kind: 'refused', message: error.message, uncertain: false };
    // Closed while waiting for its slot: that request never left.
    if (error instanceof GateClosedError) return { kind: 'retry', message: error.message, uncertain: false, retryAfterMs: null };
    const failure = classifyFailure(error);
    if (failure.kind === 'refused') return { kind: 'refused', message: failure.message, uncertain: false };
    const retryAfter = failure.kind === 'rate-limited' ? failure.retryAfterMs : null;
    // Notion answers 429/529 before doing anything: that create did not happen.
    const uncertain = mayHaveCreated && failure.kind === 'transient';
    return { kind: 'retry', message: failure.message, uncertain, retryAfterMs: retryAfter };
  }
}

// The Notion bridge as the console wires it: the outbox in the data dir, its dispatcher and the
// Notion connection (or none). The one place the token is held; it never leaves in status() or logs.
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  NOTION_DEFAULT_BASE_URL,
  NotionBaseUrl,
  NotionId,
  type NotionStatus,
  type NotionTokenSource,
  type OutboxEvent,
  type OutboxFilter,
  type PushFigures,
} from '../../../src-shared/domain/outbox';
import { NotionPusher } from './notion-pusher';
import { OutboxDispatcher, type BackoffOptions } from './outbox-dispatcher';
import { OutboxStore } from './outbox-store';

export const NotionConfig = z
  .object({
    baseUrl: NotionBaseUrl.default(NOTION_DEFAULT_BASE_URL),
    databaseId: NotionId,
    token: z.string().trim().min(1, { error: 'must not be empty' }),
    tokenSource: z.enum(['env', 'safeStorage']).default('env'),
    /** Optional: the database's data source to write to (default: its first). */
    dataSourceId: NotionId.optional(),
    /** Per request (default 30 s). */
    timeoutMs: z.number().int().min(1).max(600_000).optional(),
  })
  .strict();
export type NotionConfig = z.input<typeof NotionConfig>;

export interface NotionBridgeOptions {
  dataDir: string;
  logger: Logger;
  /** null: events are kept in the outbox until a connection is configured. */
  notion: NotionConfig | null;
  /** Requests per second (default 3). */
  rate?: number;
  backoff?: BackoffOptions;
  maxAttempts?: number;
}

export interface NotionBridge {
  readonly outbox: OutboxStore;
  readonly dispatcher: OutboxDispatcher;
  /** Starts pushing (resuming what a previous run left). Call once listeners are attached. */
  start(): void;
  /** Commits the event to the outbox (before any push); throws OutboxInputError on a bad event. */
  enqueue(input: unknown): OutboxEvent;
  figures(): PushFigures;
  status(): NotionStatus;
  list(filter?: OutboxFilter): OutboxEvent[];
  /** Retry by hand: a parked event goes back to pending (attempts reset); undefined if not parked. */
  retry(id: string): OutboxEvent | undefined;
  retryAllParked(): OutboxEvent[];
  /** Replaces the connection (null: none). Throws a ZodError naming the bad field; the token is never in it. */
  configure(notion: NotionConfig | null): void;
  dispose(): Promise<void>;
}

/** Parses a connection; the error names fields only, never echoing the token. */
function parseConfig(notion: NotionConfig): z.output<typeof NotionConfig> {
  const result = NotionConfig.safeParse(notion);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => `${issue.path.join('.') || 'notion'}: ${issue.message}`).join('; ');
  throw new Error(`invalid Notion connection: ${fields}`);
}

export function createNotionBridge(options: NotionBridgeOptions): NotionBridge {
  const logger = options.logger.child({ component: 'notion' });
  const outbox = new OutboxStore(options.dataDir);
  let current: z.output<typeof NotionConfig> | null = null;
  const pusherFor = (config: z.output<typeof NotionConfig> | null): NotionPusher | null =>
    config
      ? new NotionPusher({
          target: { baseUrl: config.baseUrl, databaseId: config.databaseId, token: config.token, dataSourceId: config.dataSourceId },
          logger,
          timeoutMs: config.timeoutMs,
        })
      : null;
  let dispatcher: OutboxDispatcher;
  try {
    current = options.notion ? parseConfig(options.notion) : null;
    dispatcher = new OutboxDispatcher({
      store: outbox,
      logger,
      pusher: pusherFor(current),
      ratePerSec: options.rate,
      backoff: options.backoff,
      maxAttempts: options.maxAttempts,
    });
  } catch (error) {
    outbox.close();
    throw error;
  }
  let disposed = false;

  return {
    outbox,
    dispatcher,
    start: () => dispatcher.start(),
    enqueue(input) {
      const { event, created } = outbox.enqueue(input);
      if (created) {
        logger.debug({ eventId: event.id, seq: event.seq, kind: event.kind }, 'notion outbox: enqueued');
        dispatcher.notify(event);
      }
      return event;
    },
    figures: () => outbox.figures(),
    status() {
      const tokenSource: NotionTokenSource = current ? current.tokenSource : 'none';
      return {
        configured: current !== null,
        baseUrl: current?.baseUrl ?? NOTION_DEFAULT_BASE_URL,
        databaseId: current?.databaseId ?? null,
        tokenSource,
        lastError: dispatcher.lastError(),
      };
    },
    list: (filter) => outbox.list(filter),
    retry(id) {
      const event = outbox.retry(id);
      if (event) {
        logger.info({ eventId: id }, 'notion outbox: retried by hand');
        dispatcher.notify(event);
      }
      return event;
    },
    retryAllParked() {
      const events = outbox.retryAllParked();
      if (events.length > 0) logger.info({ events: events.length }, 'notion outbox: every parked event retried by hand');
      for (const event of events) dispatcher.notify(event);
      return events;
    },
    configure(notion) {
      const next = notion ? parseConfig(notion) : null;
      current = next;
      dispatcher.setPusher(pusherFor(next));
      logger.info({ configured: next !== null, baseUrl: next?.baseUrl, databaseId: next?.databaseId, tokenSource: next?.tokenSource }, 'notion: connection set');
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await dispatcher.dispose();
      outbox.close();
    },
  };
}

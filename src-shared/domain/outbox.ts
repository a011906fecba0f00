// The Notion outbox: events waiting to become exactly one Notion page each, the push figures and
// the bridge's status. Pure zod; no I/O. The token never appears in any of these shapes.
import { z } from 'zod';

export const OutboxKind = z.enum(['alert.fired', 'alert.resolved', 'report', 'incident']);
export type OutboxKind = z.infer<typeof OutboxKind>;

/** `parked`: gave up (a refusal that will never succeed, or maxAttempts); retryable by hand. */
export const OutboxStatus = z.enum(['pending', 'pushed', 'parked']);
export type OutboxStatus = z.infer<typeof OutboxStatus>;

/** Notion's limit for one rich-text item, which the page title is. */
export const OUTBOX_TITLE_MAX = 2000;
/** The outbox is not a file store: longer bodies are refused at enqueue. */
export const OUTBOX_BODY_MAX = 1_000_000;

const Title = z
  .string()
  .refine((value) => value.trim().length > 0, { error: 'must not be empty' })
  .max(OUTBOX_TITLE_MAX, { error: `must be at most ${OUTBOX_TITLE_MAX} characters` });
const EpochMs = z.number().int({ error: 'must be a whole number of ms since the epoch' }).min(0, { error: 'must not be negative' });

/** What a producer hands the outbox. Without an id, one is made; the same id twice is one event. */
export const OutboxEventInput = z
  .object({
    id: z.uuid({ error: 'must be a UUID' }).optional(),
    kind: OutboxKind,
    title: Title,
    body: z.string().max(OUTBOX_BODY_MAX, { error: `must be at most ${OUTBOX_BODY_MAX} characters` }),
    createdAt: EpochMs,
  })
  .strict();
export type OutboxEventInput = z.infer<typeof OutboxEventInput>;

export const OutboxEvent = z.object({
  /** The event's own id: written into the page's "Event ID" property, the key of the no-duplicate rule. */
  id: z.uuid(),
  /** Order of enqueue: pushes happen strictly in this order. */
  seq: z.number().int().positive(),
  kind: OutboxKind,
  title: z.string(),
  body: z.string(),
  createdAt: EpochMs,
  status: OutboxStatus,
  /** Push attempts since enqueue or the last retry by hand. */
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  lastAttemptAt: EpochMs.nullable(),
  pageId: z.string().nullable(),
  pushedAt: EpochMs.nullable(),
  /** A failed attempt may have created the page: the next attempt looks for it before creating. */
  uncertain: z.boolean(),
});
export type OutboxEvent = z.infer<typeof OutboxEvent>;

export const OutboxFilter = z
  .object({
    status: OutboxStatus.optional(),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type OutboxFilter = z.input<typeof OutboxFilter>;

export const PushFigures = z.object({
  /** Push attempts (one attempt: the look-up if uncertain, then the create). */
  attempts: z.number().int().nonnegative(),
  /** Attempts that ended with the page in Notion: a 2xx create, or found by the look-up. */
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  /** Of the successes, how many found a page an earlier (lost) reply had created. */
  foundByQuery: z.number().int().nonnegative(),
  /** Events now in each status. */
  pushed: z.number().int().nonnegative(),
  parked: z.number().int().nonnegative(),
  depth: z.number().int().nonnegative(),
  /** Since the oldest pending event entered the outbox; null when none is pending. */
  oldestPendingAgeMs: z.number().nonnegative().nullable(),
  /** pushed ÷ (pushed + parked); null when neither. */
  deliveryRate: z.number().min(0).max(1).nullable(),
  /** successes ÷ attempts; null before the first attempt. */
  attemptSuccessRate: z.number().min(0).max(1).nullable(),
});
export type PushFigures = z.infer<typeof PushFigures>;

export const NOTION_DEFAULT_BASE_URL = 'https://api.notion.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https anywhere; plain http only to this machine (the simulator), so a token never crosses a network in clear. */
export const NotionBaseUrl = z
  .string()
  .refine(
    (value) => {
      if (!URL.canParse(value)) return false;
      const url = new URL(value);
      return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
    },
    { error: 'must be an https:// URL (or http:// to 127.0.0.1/localhost)' },
  )
  .transform((value) => value.replace(/\/+$/, ''));

/** A Notion id: 32 hex digits, with or without the UUID dashes. */
export const NotionId = z.string().regex(/^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$/, { error: 'must be a Notion id (32 hex digits)' });

export const NotionTokenSource = z.enum(['env', 'safeStorage', 'none']);
export type NotionTokenSource = z.infer<typeof NotionTokenSource>;

export const NotionStatus = z.object({
  configured: z.boolean(),
  baseUrl: z.string(),
  databaseId: z.string().nullable(),
  tokenSource: NotionTokenSource,
  /** The last failed push's message, cleared by the next success. */
  lastError: z.string().nullable(),
});
export type NotionStatus = z.infer<typeof NotionStatus>;

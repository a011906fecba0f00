// THE IPC contract: every invoke channel (renderer -> main, with a reply) and event channel
// (main -> renderer) with its zod schema. Payload types are inferred from here; main parses every
// invoke input against it before a handler sees it.
import { z } from 'zod';
import { Account, Position } from '../domain/account';
import { HubDialect } from '../domain/dialects';
import { Quote, SymbolSpec } from '../domain/market';
import { ClientOrderId, ConsoleOrder, OrderTicket } from '../domain/order';
import { DuplicateSummary, VerifyResult } from '../domain/checks';
import { AlertEvent, AlertRule, AlertRuleId, CheckpointReport, ReportWindow } from '../domain/alerts';
import { HealthHistory, HealthNow, HistoryWindow } from '../domain/health';
import { RetryEntry, RetryFilter } from '../domain/retry';
import { NotionStatus, OutboxEvent, OutboxStatus, PushFigures } from '../domain/outbox';
import { ChangeRecord, ReviewableSettings, ReviewerConfig, SETTING_KEYS, SettingsChange } from '../domain/settings';
import { AuditEntry, AuditFilter, AuditFormat } from '../domain/audit';
import { AccessStatus, AccessToken, Principal, Role } from './access';
import type { EventChannel, InvokeChannel } from './channels';

/**
 * connecting (no hello yet) -> up -> degraded (replies late or being retried) -> down (3
 * heartbeats missed and no replies) -> reconnecting (new socket, saying hello) -> up.
 */
export const ConnectionState = z.enum(['connecting', 'up', 'degraded', 'down', 'reconnecting']);
export type ConnectionState = z.infer<typeof ConnectionState>;

/** The hub's timing from its hello, and where it is: what the console aligns to. */
export const HubInfo = z.object({
  address: z.string(),
  embedded: z.boolean(),
  hubId: z.string(),
  epoch: z.number().int(),
  requestTimeoutMs: z.number().int().positive(),
  maxBackoffMs: z.number().int().nonnegative(),
  maxRetries: z.number().int().nonnegative(),
  heartbeatMs: z.number().int().positive(),
  /** The wire spoken to it (docs/dialects.md); absent: hub protocol v1. */
  dialect: HubDialect.optional(),
  /**
   * From a send until the hub's word on an order is final (a bridge with no deadline of its own may
   * still execute an order late); absent: the hub's deadline (docs/guarantees.md).
   */
  authorityWindowMs: z.number().int().positive().optional(),
});
export type HubInfo = z.infer<typeof HubInfo>;

/** The deadlines and retry limits in force, derived from the hub's hello and the settings. */
export const Timing = z.object({
  /** How long one attempt waits for its reply: never shorter than the hub's requestTimeoutMs. */
  attemptTimeoutMs: z.number().int().positive(),
  /** The per-attempt timeout from the settings, when one was configured. */
  configuredTimeoutMs: z.number().int().positive().nullable(),
  maxBackoffMs: z.number().int().nonnegative(),
  maxRetries: z.number().int().nonnegative(),
  /** No idempotent call, with all its retries, runs longer than this. */
  overallDeadlineMs: z.number().int().positive(),
  /** Set when the settings are allowed but unwise (a timeout over twice the hub's). */
  warning: z.string().nullable(),
});
export type Timing = z.infer<typeof Timing>;

export const Outage = z.object({ startedAt: z.number().int(), endedAt: z.number().int().nullable() });
export type Outage = z.infer<typeof Outage>;

export const ConnectionInfo = z.object({
  state: ConnectionState,
  /** Where the console is connecting, known before the hello answers. */
  address: z.string(),
  hub: HubInfo.nullable(),
  timing: Timing.nullable(),
  lastHeartbeatAt: z.number().int().nullable(),
  since: z.number().int(),
  /** The current outage (endedAt null) or the last one: when the hub was down or unreachable. */
  outage: Outage.nullable(),
  /** Why the console will not use this hub (its settings disagree with the hub's), if it won't. */
  refusal: z.string().nullable(),
});
export type ConnectionInfo = z.infer<typeof ConnectionInfo>;

export const OrdersChanged = z.object({ seq: z.number().int().nonnegative(), orders: z.array(ConsoleOrder) });
export type OrdersChanged = z.infer<typeof OrdersChanged>;

export const AccountChanged = z.object({ account: Account.nullable(), positions: z.array(Position) });
export type AccountChanged = z.infer<typeof AccountChanged>;

export const Snapshot = z.object({
  connection: ConnectionInfo,
  checks: DuplicateSummary,
  symbols: z.array(SymbolSpec),
  quotes: z.array(Quote),
  orders: OrdersChanged,
  account: AccountChanged,
  /** Who this session is; a viewer's snapshot carries no orders, quotes, symbols or account. */
  principal: Principal,
});
export type Snapshot = z.infer<typeof Snapshot>;

const Empty = z.object({}).strict();

export const SettingsState = z.object({
  settings: ReviewableSettings,
  reviewer: ReviewerConfig.nullable(),
  /** Applied settings that take effect at the next start of the console. */
  pendingRestart: z.array(z.enum(SETTING_KEYS)),
});
export type SettingsState = z.infer<typeof SettingsState>;

export const invokeContract = {
  'session:snapshot': { access: 'viewer', input: Empty, output: Snapshot },
  'tickets:create': { access: 'trader', input: Empty, output: z.object({ clientOrderId: ClientOrderId }) },
  'orders:place': { access: 'trader', input: OrderTicket.strict(), output: ConsoleOrder },
  'orders:cancel': { access: 'trader', input: z.object({ clientOrderId: ClientOrderId }).strict(), output: ConsoleOrder },
  'retries:list': { access: 'viewer', input: RetryFilter, output: z.object({ entries: z.array(RetryEntry), total: z.number().int().nonnegative() }) },
  'retries:csv': { access: 'viewer', input: RetryFilter, output: z.object({ csv: z.string(), rows: z.number().int().nonnegative() }) },
  /** Sends a held order after all (the trader confirmed it is not a duplicate). */
  'orders:confirmHeld': { access: 'trader', input: z.object({ clientOrderId: ClientOrderId }).strict(), output: ConsoleOrder },
  /** Drops a held order: it is never sent. */
  'orders:dropHeld': { access: 'trader', input: z.object({ clientOrderId: ClientOrderId }).strict(), output: ConsoleOrder },
  /** Resubmits a not_received order with the same clientOrderId; `confirm` must be true. */
  'orders:resubmit': { access: 'trader', input: z.object({ clientOrderId: ClientOrderId, confirm: z.literal(true) }).strict(), output: ConsoleOrder },
  /**
   * A trader's word on an order the hub cannot account for (it says "check the terminal"):
   * executed, or not executed. Refused for any other order. `confirm` must be true.
   */
  'orders:resolve': {
    access: 'trader',
    input: z.object({ clientOrderId: ClientOrderId, outcome: z.enum(['executed', 'not_executed']), confirm: z.literal(true) }).strict(),
    output: ConsoleOrder,
  },
  'checks:summary': { access: 'viewer', input: Empty, output: DuplicateSummary },
  /** Compares the ledger with the hub's full order listing. */
  'checks:verify': { access: 'viewer', input: Empty, output: VerifyResult },
  'health:now': { access: 'viewer', input: Empty, output: HealthNow },
  /** Chart points for a window (bucketed so there are at most a few hundred) and the distribution. */
  'health:history': { access: 'viewer', input: z.object({ window: HistoryWindow }).strict(), output: HealthHistory },
  /** Alert events, newest first: the firing ones and the history. */
  'alerts:list': { access: 'viewer', input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), output: z.object({ events: z.array(AlertEvent) }) },
  'alerts:rules': { access: 'viewer', input: Empty, output: z.object({ rules: z.array(AlertRule) }) },
  /** Changes a rule's threshold or switches it on or off; a threshold out of the rule's range is refused. */
  /** A threshold goes through the settings gate (CHANGE_REFUSED / CHANGE_HELD when it does not apply). */
  'alerts:setRule': { access: 'trader',
    input: z.object({ id: AlertRuleId, threshold: z.number().finite().optional(), enabled: z.boolean().optional(), author: z.string().trim().min(1).max(200).optional() }).strict(),
    output: AlertRule,
  },
  /** The release-style checkpoint for a window, with its Markdown rendering. */
  'reports:build': { access: 'viewer', input: z.object({ window: ReportWindow }).strict(), output: z.object({ report: CheckpointReport, markdown: z.string() }) },
  /** The reviewable settings in force, the reviewer (never its key) and what waits for a restart. */
  'settings:get': { access: 'trader', input: Empty, output: SettingsState },
  /** Through the gate: built-in rules, then the reviewer when configured; the record says what happened. */
  'settings:propose': { access: 'trader', input: SettingsChange, output: ChangeRecord },
  /** A second person confirms a held change (not its author); the rules run again first. */
  'settings:confirm': { access: 'trader', input: z.object({ id: z.number().int().positive(), confirmer: z.string().trim().min(1).max(200) }).strict(), output: ChangeRecord },
  'settings:rejectHeld': { access: 'trader', input: z.object({ id: z.number().int().positive(), confirmer: z.string().trim().min(1).max(200) }).strict(), output: ChangeRecord },
  'settings:history': { access: 'trader', input: z.object({ limit: z.number().int().min(1).max(1000).optional() }).strict(), output: z.object({ records: z.array(ChangeRecord) }) },
  /** Restores the settings as they were after record `id` was applied, through the same gate. */
  'settings:rollback': { access: 'trader',
    input: z.object({ id: z.number().int().positive(), author: z.string().trim().min(1).max(200), reason: z.string().max(2000) }).strict(),
    output: ChangeRecord,
  },
  /** The Notion connection (never the token) and the push figures. */
  'notion:status': { access: 'trader', input: Empty, output: z.object({ status: NotionStatus, figures: PushFigures }) },
  /** Base URL and database id; a token only where it can be stored safely (the desktop app). */
  'notion:configure': { access: 'trader',
    input: z.object({ baseUrl: z.string().max(500).optional(), databaseId: z.string().max(100), token: z.string().min(1).max(500).optional() }).strict(),
    output: z.object({ status: NotionStatus, figures: PushFigures }),
  },
  'outbox:list': { access: 'trader',
    input: z.object({ status: OutboxStatus.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.object({ events: z.array(OutboxEvent), figures: PushFigures }),
  },
  /** A parked event back to pending (attempts reset); INVALID_STATE when it is not parked. */
  'outbox:retry': { access: 'trader', input: z.object({ id: z.string().max(100) }).strict(), output: OutboxEvent },
  'outbox:retryParked': { access: 'trader', input: Empty, output: z.object({ events: z.array(OutboxEvent) }) },
  /** Builds the checkpoint report for a window and commits it to the Notion outbox. */
  'reports:push': { access: 'trader', input: z.object({ window: ReportWindow }).strict(), output: OutboxEvent },
  /** The headless host's tokens (ids, roles, ages; never a secret) and whether this console serves them. */
  'access:status': { access: 'trader', input: Empty, output: AccessStatus },
  /** Issues a new token for a role; the old one stops working at once. The secret is in this reply only. */
  'access:rotate': { access: 'trader', input: z.object({ role: Role }).strict(), output: z.object({ token: AccessToken, secret: z.string() }) },
  /** The audit trail, newest first (at most `limit`, default 100), and how many rows match in all. */
  'audit:list': { access: 'trader', input: AuditFilter, output: z.object({ entries: z.array(AuditEntry), total: z.number().int().nonnegative() }) },
  /** The matching rows (the newest `limit`, or all) oldest first, as CSV or JSON text to save. */
  'audit:export': { access: 'trader', input: AuditFilter.extend({ format: AuditFormat }).strict(), output: z.object({ text: z.string(), rows: z.number().int().nonnegative() }) },
} as const satisfies Record<InvokeChannel, { access: Role; input: z.ZodType; output: z.ZodType }>;

export const eventContract = {
  'connection:changed': ConnectionInfo,
  'symbols:changed': z.object({ symbols: z.array(SymbolSpec) }),
  'quotes:changed': z.object({ quotes: z.array(Quote) }),
  'orders:changed': OrdersChanged,
  'account:changed': AccountChanged,
  /** New retry-log entries and entries whose outcome changed, upserted by id, newest last. */
  'retries:changed': z.object({ entries: z.array(RetryEntry) }),
  'checks:changed': DuplicateSummary,
  /** The live health figures, about once a second whatever the request rate. */
  'health:changed': HealthNow,
  /** Alert events that fired or resolved since the last message. */
  'alerts:changed': z.object({ events: z.array(AlertEvent) }),
  /** A change was recorded (applied, refused, held, confirmed …), with the settings then in force. */
  'settings:changed': z.object({ record: ChangeRecord, state: SettingsState }),
  /** Outbox events that changed (upsert by id) and the figures after them; batched at 10 Hz. */
  'outbox:changed': z.object({ events: z.array(OutboxEvent), figures: PushFigures }),
} as const satisfies Record<EventChannel, z.ZodType>;

export type InvokeInput<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['input']>;
export type InvokeOutput<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['output']>;
export type EventPayload<C extends EventChannel> = z.infer<(typeof eventContract)[C]>;

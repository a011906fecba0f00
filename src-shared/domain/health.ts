// The console's health as support staff see it: live figures (sent about once a second), latency
// history, and the release targets they are judged against. Pure zod; no I/O.
import { z } from 'zod';
import { ConsoleOrderStatus } from './order';
import { PushFigures } from './outbox';

const Ms = z.number().finite().nonnegative();
const Count = z.number().int().nonnegative();
/** A share in [0, 1]; null when nothing was observed. */
const Share = z.number().finite().min(0).max(1).nullable();

export const LatencySummary = z.object({
  p50: Ms,
  p90: Ms,
  p99: Ms,
  p99_9: Ms,
  max: Ms,
  /** Requests that ended in the window, timeouts and errors included (they are in the percentiles). */
  count: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
});
export type LatencySummary = z.infer<typeof LatencySummary>;

export const OpLatencySummary = LatencySummary.extend({ op: z.string() });
export type OpLatencySummary = z.infer<typeof OpLatencySummary>;

/** The window the "now" figures cover (latency, throughput, event-loop delay). */
export const RECENT_WINDOW_MS = 10_000;

/**
 * Why the console refused a message from the hub, a reply or an event: the closed set its counters,
 * its log lines and the Prometheus label `reason` use. docs/connection.md says what each one means.
 */
export const HUB_REJECT_REASONS = [
  'bad_frames',
  'oversized',
  'not_json',
  'wrong_protocol',
  'bad_envelope',
  'unknown_id',
  'late_reply',
  'duplicate_reply',
  'bad_result',
  'unknown_topic',
  'bad_event',
] as const;
export const HubRejectReason = z.enum(HUB_REJECT_REASONS);
export type HubRejectReason = z.infer<typeof HubRejectReason>;
/** Hub messages refused, by reason; a reason never seen may be absent. */
export const HubRejectCounts = z.partialRecord(HubRejectReason, Count);
export type HubRejectCounts = z.infer<typeof HubRejectCounts>;

export const HealthNow = z.object({
  at: z.number().int(),
  hub: z.object({
    state: z.enum(['connecting', 'up', 'degraded', 'down', 'reconnecting']),
    /** Since the last heartbeat (or any sign of life) from the hub; null before the first. */
    heartbeatAgeMs: Ms.nullable(),
    /** How long the current outage has lasted; null while the hub is usable. */
    downForMs: Ms.nullable(),
  }),
  availability: z.object({ '1h': Share, '24h': Share, '7d': Share }),
  throughput: z.object({ requestsPerSec: Ms, ordersPerSec: Ms }),
  /** All hub requests of the last RECENT_WINDOW_MS, and since start. */
  latency: z.object({ recent: LatencySummary, sinceStart: LatencySummary }),
  /** Per operation, since start. */
  byOp: z.array(OpLatencySummary),
  counters: z.object({
    requests: z.number().int().nonnegative(),
    /** Failed attempts by error code (TIMEOUT, HUB_UNAVAILABLE …), since start. */
    errorsByCode: z.record(z.string(), z.number().int().nonnegative()),
    retries: z.number().int().nonnegative(),
    giveUps: z.number().int().nonnegative(),
    ordersByState: z.record(ConsoleOrderStatus, z.number().int().nonnegative()),
    duplicatesAbsorbed: z.number().int().nonnegative(),
    repeatsStopped: z.number().int().nonnegative(),
    holds: z.number().int().nonnegative(),
    /** Hub replies and events refused at the console's boundary, by reason, since start. */
    rejectedHubMessages: HubRejectCounts,
  }),
  /** Hub-side duplicates ÷ hub orders at the last verify; null before one ran. */
  duplicateRate: Share,
  unknownOrders: z.object({ count: z.number().int().nonnegative(), oldestAgeMs: Ms.nullable() }),
  /** Event-loop delay of the main process over the recent window, in ms. */
  eventLoopDelay: z.object({ p50: Ms, p99: Ms, max: Ms }),
  /** Notion: events pushed ÷ events finished (pushed or parked); null before any finished. */
  pushSuccessRate: Share,
  /** The Notion outbox: attempts, parked, depth, oldest pending age …; null when there is no bridge. */
  push: PushFigures.nullable(),
  alertsFiring: z.number().int().nonnegative(),
});
export type HealthNow = z.infer<typeof HealthNow>;

export const HistoryWindow = z.enum(['5m', '1h', '24h', '7d']);
export type HistoryWindow = z.infer<typeof HistoryWindow>;

/** One chart point: all hub requests of one bucket (`bucketMs` wide, starting at `at`). */
export const HealthPoint = z.object({
  at: z.number().int(),
  p50: Ms,
  p99: Ms,
  max: Ms,
  requests: z.number().int().nonnegative(),
  timeouts: z.number().int().nonnegative(),
  orders: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
});
export type HealthPoint = z.infer<typeof HealthPoint>;

export const HealthHistory = z.object({
  window: HistoryWindow,
  from: z.number().int(),
  to: z.number().int(),
  bucketMs: z.number().int().positive(),
  points: z.array(HealthPoint),
  /** The latency distribution over the window: requests per bucket of [fromMs, toMs). */
  distribution: z.array(z.object({ fromMs: Ms, toMs: Ms, count: z.number().int().nonnegative() })),
  /** The latency targets drawn as lines on the chart (from the alert rules' thresholds). */
  targets: z.object({ p50Ms: Ms, p99Ms: Ms }),
});
export type HealthHistory = z.infer<typeof HealthHistory>;

// The settings that go through the review gate (hub address, deadlines, retries, duplicate window,
// alert thresholds), a proposed change, the gate's findings and the change history. Pure zod: the
// schemas check shape and type only; what is allowed is decided by src-main/settings/gate-rules.ts.
import { z } from 'zod';
import { ALERT_RULES, AlertRuleId } from './alerts';

const Count = z.number().int().nonnegative();

export const ReviewableSettings = z
  .object({
    /** The hub's request endpoint, tcp://HOST:PORT; null: the embedded simulated hub. */
    hubAddress: z.string().max(300).nullable(),
    /** Per-attempt request timeout; null: follow the hub (its requestTimeoutMs plus a grace). */
    requestTimeoutMs: Count.nullable(),
    /** Retries of an idempotent call; never more than the hub's maxRetries. */
    maxRetries: Count,
    /** Cap of the backoff between retries; never more than the hub's maxBackoffMs. */
    maxBackoffMs: Count,
    /** Which operations the connection layer may retry: only idempotent ones, never placeOrder. */
    retryOps: z.array(z.string().max(64)).max(64),
    /** Pre-trade duplicate check window; 0 turns the check off. */
    duplicateWindowMs: Count,
    alertThresholds: z.partialRecord(AlertRuleId, z.number().finite()),
  })
  .strict();
export type ReviewableSettings = z.infer<typeof ReviewableSettings>;
export type SettingKey = keyof ReviewableSettings;

export const SETTING_KEYS = ['hubAddress', 'requestTimeoutMs', 'maxRetries', 'maxBackoffMs', 'retryOps', 'duplicateWindowMs', 'alertThresholds'] as const satisfies readonly SettingKey[];

export const SettingsChange = z
  .object({
    /** Only the settings to change; alertThresholds are merged per rule into the current ones. */
    changes: ReviewableSettings.partial().strict(),
    /** Why; may be empty, but some changes (turning the duplicate check off) need one. */
    reason: z.string().max(2000),
    author: z.string().trim().min(1, 'author is required').max(200),
  })
  .strict();
export type SettingsChange = z.infer<typeof SettingsChange>;

export const FindingSeverity = z.enum(['refuse', 'hold', 'warn', 'info']);
export type FindingSeverity = z.infer<typeof FindingSeverity>;

export const GateFinding = z.object({
  source: z.enum(['rule', 'reviewer']),
  /** A stable id of the rule (e.g. 'timeout-below-hub'), for the UI to branch on. */
  rule: z.string(),
  severity: FindingSeverity,
  message: z.string(),
});
export type GateFinding = z.infer<typeof GateFinding>;

export const ReviewerVerdict = z
  .object({
    model: z.string(),
    verdict: z.enum(['approve', 'reject', 'unsure']),
    /** The reviewer's reasons, or its raw reply when that did not parse. */
    text: z.string(),
    latencyMs: z.number().nonnegative(),
  })
  .nullable();
export type ReviewerVerdict = z.infer<typeof ReviewerVerdict>;

export const ChangeStatus = z.enum(['applied', 'refused', 'held', 'confirmed', 'rejected-by-confirmer']);
export type ChangeStatus = z.infer<typeof ChangeStatus>;

export const ChangeRecord = z.object({
  id: z.number().int().positive(),
  at: z.number().int(),
  author: z.string(),
  reason: z.string(),
  /** The settings that actually differ from `before` (what was proposed, minus what was already so). */
  changes: ReviewableSettings.partial(),
  /** All settings before and after; for a confirmed change, as they were when it was confirmed. */
  before: ReviewableSettings,
  after: ReviewableSettings,
  findings: z.array(GateFinding),
  reviewer: ReviewerVerdict,
  status: ChangeStatus,
  /** Who confirmed or rejected a held change, and when. */
  confirmedBy: z.string().nullable(),
  confirmedAt: z.number().int().nullable(),
  /** For a rollback: the record whose resulting settings (`after`) it restores. */
  rollbackOf: z.number().int().positive().nullable(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;

/** What the UI may know of the reviewer: never the key. */
export const ReviewerConfig = z.object({
  baseUrl: z.string(),
  model: z.string(),
  apiKeySet: z.boolean(),
});
export type ReviewerConfig = z.infer<typeof ReviewerConfig>;

/** Every alert rule's threshold: the given ones, the rule's default for the rest. */
export function completeThresholds(given: ReviewableSettings['alertThresholds']): ReviewableSettings['alertThresholds'] {
  return Object.fromEntries(ALERT_RULES.map((def) => [def.id, given[def.id] ?? def.defaultThreshold]));
}

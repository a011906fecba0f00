// Alert rules (the release's targets plus two of the console's own), their editable thresholds,
// and the firing -> resolved events they produce; the checkpoint report built from the same
// targets. Pure zod and constants; no I/O.
import { z } from 'zod';

export const AlertRuleId = z.enum(['duplicate-rate', 'p99', 'p50', 'push-success', 'throughput', 'availability', 'hub-down', 'unknown-order']);
export type AlertRuleId = z.infer<typeof AlertRuleId>;

export interface AlertRuleDef {
  id: AlertRuleId;
  label: string;
  /** Fires when the measured value is above (or below) the threshold. */
  fires: 'above' | 'below';
  unit: 'ms' | 's' | '%' | '/s';
  defaultThreshold: number;
  /** Allowed thresholds: a value outside is refused with a clear error. */
  min: number;
  max: number;
  enabledByDefault: boolean;
  /** What is measured, in words, for the UI and the report. */
  measures: string;
  /** The breach must last this long before the alert fires (noisy figures; 0: at once). */
  forMs: number;
  /** Back within the threshold this long before it resolves, so an edge case does not flap. */
  clearMs: number;
}

/**
 * The release's target table (duplicate rate 0 %, P99 < 5 s, P50 < 500 ms, push success > 99 %,
 * throughput > 100/s, availability > 99 %) and the console's own two. Throughput is off by default:
 * an idle console is not failing, it has no demand (see docs/health.md).
 */
export const ALERT_RULES: readonly AlertRuleDef[] = [
  { id: 'duplicate-rate', label: 'Duplicate rate', fires: 'above', unit: '%', defaultThreshold: 0, min: 0, max: 100, enabledByDefault: true, measures: 'clientOrderIds executed more than once at the hub, at the last verify', forMs: 0, clearMs: 0 },
  { id: 'p99', label: 'P99 latency', fires: 'above', unit: 'ms', defaultThreshold: 5000, min: 0.01, max: 600_000, enabledByDefault: true, measures: 'p99 of all hub requests over the last 10 s, timeouts included', forMs: 3000, clearMs: 10000 },
  { id: 'p50', label: 'P50 latency', fires: 'above', unit: 'ms', defaultThreshold: 500, min: 0.01, max: 600_000, enabledByDefault: true, measures: 'p50 of all hub requests over the last 10 s, timeouts included', forMs: 3000, clearMs: 10000 },
  { id: 'push-success', label: 'Push success', fires: 'below', unit: '%', defaultThreshold: 99, min: 0, max: 100, enabledByDefault: true, measures: 'Notion pushes that succeeded', forMs: 0, clearMs: 60000 },
  { id: 'throughput', label: 'Throughput', fires: 'below', unit: '/s', defaultThreshold: 100, min: 0, max: 1_000_000, enabledByDefault: false, measures: 'hub requests per second over the last 10 s', forMs: 30000, clearMs: 30000 },
  { id: 'availability', label: 'Availability (1 h)', fires: 'below', unit: '%', defaultThreshold: 99, min: 0, max: 100, enabledByDefault: true, measures: 'time the hub was usable over the last hour', forMs: 0, clearMs: 60000 },
  { id: 'hub-down', label: 'Hub down', fires: 'above', unit: 's', defaultThreshold: 10, min: 1, max: 86_400, enabledByDefault: true, measures: 'how long the current hub outage has lasted', forMs: 0, clearMs: 0 },
  { id: 'unknown-order', label: 'Order unknown', fires: 'above', unit: 's', defaultThreshold: 30, min: 1, max: 86_400, enabledByDefault: true, measures: 'age of the oldest order whose fate is unknown', forMs: 0, clearMs: 0 },
];

export function alertRuleDef(id: AlertRuleId): AlertRuleDef {
  const def = ALERT_RULES.find((rule) => rule.id === id);
  if (!def) throw new Error(`no alert rule ${id}`);
  return def;
}

export const AlertRule = z.object({
  id: AlertRuleId,
  enabled: z.boolean(),
  threshold: z.number().finite(),
});
export type AlertRule = z.infer<typeof AlertRule>;

export const AlertEvent = z.object({
  id: z.number().int().positive(),
  rule: AlertRuleId,
  firedAt: z.number().int(),
  /** null while it is firing. */
  resolvedAt: z.number().int().nullable(),
  /** The measured value when it fired (in the rule's unit) and the threshold it crossed. */
  value: z.number().finite(),
  threshold: z.number().finite(),
  message: z.string(),
});
export type AlertEvent = z.infer<typeof AlertEvent>;

export const ReportWindow = z.enum(['1h', '4h', '12h', '24h', '7d']);
export type ReportWindow = z.infer<typeof ReportWindow>;

export const REPORT_WINDOW_MS: Record<ReportWindow, number> = {
  '1h': 3_600_000,
  '4h': 4 * 3_600_000,
  '12h': 12 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 24 * 3_600_000,
};

export const ReportRow = z.object({
  target: AlertRuleId,
  label: z.string(),
  /** The target in words, e.g. "< 5000 ms". */
  goal: z.string(),
  /** The measured value in the rule's unit; null when there was nothing to measure. */
  measured: z.number().finite().nullable(),
  /** The measured value in words, with its unit and what it rests on. */
  detail: z.string(),
  status: z.enum(['pass', 'fail', 'no-data']),
});
export type ReportRow = z.infer<typeof ReportRow>;

export const CheckpointReport = z.object({
  window: ReportWindow,
  from: z.number().int(),
  to: z.number().int(),
  generatedAt: z.number().int(),
  /** pass when no row failed; rows with no data do not pass or fail it. */
  verdict: z.enum(['pass', 'fail']),
  rows: z.array(ReportRow),
  latency: z.object({
    p50: z.number().nonnegative(),
    p90: z.number().nonnegative(),
    p99: z.number().nonnegative(),
    p99_9: z.number().nonnegative(),
    max: z.number().nonnegative(),
    requests: z.number().int().nonnegative(),
    timeouts: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
  }),
  alerts: z.array(AlertEvent),
});
export type CheckpointReport = z.infer<typeof CheckpointReport>;

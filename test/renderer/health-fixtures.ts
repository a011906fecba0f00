// Builders for the health, alerts and reports tests: the renderer's live figures (over the shared
// builder in test/support/health-fixture.ts), history, alert events and rules, and checkpoint reports.
import type { AlertEvent, AlertRule, CheckpointReport } from '../../src-shared/domain/alerts';
import type { HealthHistory, HealthNow, HealthPoint, LatencySummary } from '../../src-shared/domain/health';
import { healthNow as buildHealthNow, latencySummary } from '../support/health-fixture';
import type { DeepPartial } from '../support/health-fixture';

/** 100 requests from 2 ms (P50) to 40 ms (max), with `patch` applied. */
export function latency(patch: Partial<LatencySummary> = {}): LatencySummary {
  return latencySummary({ p50: 2, p90: 5, p99: 12, p99_9: 30, max: 40, ...patch });
}

/** Quiet figures (recent P99 12 ms, no duplicate or push figures yet) with `patch` deep-merged in. */
export function healthNow(patch: DeepPartial<HealthNow> = {}): HealthNow {
  return buildHealthNow(
    {
      at: 10_000,
      hub: { heartbeatAgeMs: 800 },
      availability: { '1h': 0.9995, '24h': null, '7d': null },
      throughput: { requestsPerSec: 10, ordersPerSec: 0.5 },
      latency: { recent: latency(), sinceStart: latency({ count: 5_000 }) },
      counters: { requests: 5_000, retries: 3 },
      duplicateRate: null,
      eventLoopDelay: { p50: 1, p99: 3, max: 9 },
      pushSuccessRate: null,
    },
    patch,
  );
}

export function point(at: number, patch: Partial<HealthPoint> = {}): HealthPoint {
  return { at, p50: 2, p99: 10, max: 20, requests: 50, timeouts: 0, orders: 5, retries: 1, ...patch };
}

export function history(patch: Partial<HealthHistory> = {}): HealthHistory {
  return {
    window: '5m',
    from: 0,
    to: 300_000,
    bucketMs: 5_000,
    points: [point(0), point(5_000)],
    distribution: [
      { fromMs: 0, toMs: 5, count: 80 },
      { fromMs: 5, toMs: 50, count: 20 },
    ],
    targets: { p50Ms: 500, p99Ms: 5_000 },
    ...patch,
  };
}

export function alertEvent(id: number, patch: Partial<AlertEvent> = {}): AlertEvent {
  return {
    id,
    rule: 'p99',
    firedAt: 1_000 * id,
    resolvedAt: 1_000 * id + 500,
    value: 6_200,
    threshold: 5_000,
    message: 'p99 6200 ms over 5000 ms',
    ...patch,
  };
}

export function rule(id: AlertRule['id'], threshold: number, enabled = true): AlertRule {
  return { id, threshold, enabled };
}

export const RULES: AlertRule[] = [rule('p99', 5_000), rule('p50', 500), rule('throughput', 100, false), rule('availability', 99)];

export function report(patch: Partial<CheckpointReport> = {}): CheckpointReport {
  return {
    window: '1h',
    from: Date.UTC(2025, 2, 1, 13, 2, 11),
    to: Date.UTC(2025, 2, 1, 14, 2, 11),
    generatedAt: Date.UTC(2025, 2, 1, 14, 2, 11, 42),
    verdict: 'pass',
    rows: [{ target: 'p99', label: 'P99 latency', goal: '< 5000 ms', measured: 12, detail: '12 ms over 100 requests', status: 'pass' }],
    latency: { p50: 2, p90: 5, p99: 12, p99_9: 30, max: 40, requests: 1_234, timeouts: 2, errors: 0 },
    alerts: [],
    ...patch,
  };
}

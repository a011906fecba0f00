// Gathers a checkpoint's figures from the data dir: latency from the stored HdrHistograms merged
// over the window (1-second points up to an hour, 1-minute points beyond, plus the seconds since the
// last stored minute), availability and outages from the state log, the last verify, the alerts.
import type { AlertEvent, AlertRule, CheckpointReport, ReportWindow } from '../../src-shared/domain/alerts';
import { REPORT_WINDOW_MS } from '../../src-shared/domain/alerts';
import { availability, longestOutage } from '../metrics/availability';
import { decodeHistogram, newLatencyHistogram } from '../metrics/latency-figures';
import type { AllPoint, MetricsHistory } from '../metrics/metrics-history';
import { summarize } from '../metrics/request-window';
import { forEachSliced } from '../metrics/time-slice';
import { buildCheckpoint } from './checkpoint';

export interface ReportSources {
  history: MetricsHistory;
  alerts: { rules(): AlertRule[]; between(from: number, to: number): AlertEvent[] };
  /** Notion push success over the window; null while there is no bridge. */
  pushSuccess?: (from: number, to: number) => number | null;
}

/** The stored intervals covering [from, to): 1-minute points, then 1-second ones after the last minute. */
function pointsFor(history: MetricsHistory, from: number, to: number): AllPoint[] {
  if (to - from <= 3_600_000) return history.allPoints('1s', from, to);
  const minutes = history.allPoints('1m', from, to);
  const cut = minutes.length ? (minutes[minutes.length - 1] as AllPoint).at + 60_000 : from;
  return [...minutes, ...history.allPoints('1s', Math.max(cut, to - 3_600_000), to)];
}

/** Decodes in slices (see time-slice.ts): a 7-day report never blocks main for long. */
export async function collectCheckpoint(sources: ReportSources, window: ReportWindow, now: number): Promise<CheckpointReport> {
  const to = now;
  const from = to - REPORT_WINDOW_MS[window];
  const merged = newLatencyHistogram();
  const totals = { count: 0, timeouts: 0, errors: 0 };
  const perMinute = new Map<number, number>();
  await forEachSliced(pointsFor(sources.history, from, to), (point) => {
    merged.add(decodeHistogram(point.histogram));
    totals.count += point.count;
    totals.timeouts += point.timeouts;
    totals.errors += point.errors;
    const minute = Math.floor(point.at / 60_000);
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + point.count);
  });
  const { p50, p90, p99, p99_9, max, count, timeouts, errors } = summarize(merged, totals);
  const states = sources.history.states(from);
  const verify = sources.history.lastVerify(to, from);
  return buildCheckpoint({
    window,
    from,
    to,
    generatedAt: now,
    rules: sources.alerts.rules(),
    latency: { p50, p90, p99, p99_9, max, requests: count, timeouts, errors },
    availability: availability(states, from, to),
    longestOutageMs: longestOutage(states, from, to),
    verify: verify && verify.error === null ? verify : null,
    pushSuccess: sources.pushSuccess?.(from, to) ?? null,
    peakRequestsPerSec: Math.round((Math.max(0, ...perMinute.values()) / 60) * 10) / 10,
    alerts: sources.alerts.between(from, to),
  });
}

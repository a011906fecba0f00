// The Health charts' data: history points turned into per-second and per-minute rates, latency
// lines with gaps where nothing was measured, the distribution's bar labels, the log axis, the
// time ticks and how often each window refreshes. Pure.
import type { HealthHistory, HistoryWindow } from '../../../src-shared/domain/health';

export const CHART_WINDOWS: readonly { readonly window: HistoryWindow; readonly label: string }[] = [
  { window: '5m', label: '5 min' },
  { window: '1h', label: '1 h' },
  { window: '24h', label: '24 h' },
  { window: '7d', label: '7 d' },
];

/** Short windows move by the second; long ones change little within a minute. */
export function refreshEveryMs(window: HistoryWindow): number {
  return window === '5m' || window === '1h' ? 5_000 : 60_000;
}

/** The log axis's floor: sub-0.1 ms figures are drawn at it (a log axis cannot show 0). */
export const LOG_FLOOR_MS = 0.1;

export interface LatencyPoint {
  readonly at: number;
  /** null where no request ended in the bucket: drawn as a gap, not as 0 ms. */
  readonly p50: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export function latencyPoints(history: Pick<HealthHistory, 'points'>): LatencyPoint[] {
  const floor = (ms: number) => Math.max(ms, LOG_FLOOR_MS);
  return history.points.map((point) =>
    point.requests === 0
      ? { at: point.at, p50: null, p99: null, max: null }
      : { at: point.at, p50: floor(point.p50), p99: floor(point.p99), max: floor(point.max) },
  );
}

export interface ThroughputPoint {
  readonly at: number;
  readonly requests: number;
  readonly orders: number;
}

/** Counts per bucket as rates per second. */
export function throughputPoints(history: Pick<HealthHistory, 'points' | 'bucketMs'>): ThroughputPoint[] {
  const seconds = history.bucketMs / 1000;
  return history.points.map((point) => ({ at: point.at, requests: point.requests / seconds, orders: point.orders / seconds }));
}

export interface RetryPoint {
  readonly at: number;
  readonly retries: number;
}

/** Retries per bucket scaled to a minute, whatever the bucket's width. */
export function retryPoints(history: Pick<HealthHistory, 'points' | 'bucketMs'>): RetryPoint[] {
  const perMinute = 60_000 / history.bucketMs;
  return history.points.map((point) => ({ at: point.at, retries: point.retries * perMinute }));
}

/** A distribution bucket by its upper edge: "≤ 5 ms", "≤ 2.5 s". */
export function distributionLabel(toMs: number): string {
  return toMs < 1000 ? `≤ ${Number(toMs.toFixed(1))} ms` : `≤ ${Number((toMs / 1000).toFixed(1))} s`;
}

export interface DistributionBar {
  readonly label: string;
  readonly count: number;
}

export function distributionBars(history: Pick<HealthHistory, 'distribution'>): DistributionBar[] {
  return history.distribution.map((bucket) => ({ label: distributionLabel(bucket.toMs), count: bucket.count }));
}

/**
 * The log axis's range: whole decades around the figures and the target lines, so the targets
 * stay on the chart even while latency is far below them.
 */
export function logDomain(values: readonly (number | null)[]): [number, number] {
  const shown = values.filter((value): value is number => value !== null && value > 0);
  if (shown.length === 0) return [1, 1000];
  const low = Math.max(LOG_FLOOR_MS, 10 ** Math.floor(Math.log10(Math.min(...shown))));
  let high = 10 ** Math.ceil(Math.log10(Math.max(...shown)));
  if (high <= low) high = low * 10;
  return [low, high];
}

/** A tick at each decade of the domain: 0.1, 1, 10, 100 … */
export function decadeTicks([low, high]: readonly [number, number]): number[] {
  const ticks: number[] = [];
  for (let exponent = Math.round(Math.log10(low)); 10 ** exponent <= high * 1.0001; exponent++) ticks.push(Number((10 ** exponent).toPrecision(1)));
  return ticks;
}

/** A latency axis label: 0.1 ms … 100 ms, then 1 s, 10 s. */
export function axisMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const TICK_STEPS = [10 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, 24 * HOUR];

/**
 * Time axis ticks on round steps (every minute, every 10 min, every 6 h …), at most `most` of
 * them. Steps of an hour and more fall on the local clock's round hours.
 */
export function timeTicks(from: number, to: number, most = 7): number[] {
  const span = to - from;
  if (span <= 0) return [];
  const step = TICK_STEPS.find((candidate) => span / candidate <= most) ?? 24 * HOUR;
  // Round steps in local time: shift by the zone's offset (taken at `from`) before rounding.
  const offset = step >= HOUR ? -new Date(from).getTimezoneOffset() * MINUTE : 0;
  const ticks: number[] = [];
  for (let at = Math.ceil((from + offset) / step) * step - offset; at <= to; at += step) ticks.push(at);
  return ticks;
}

/** Whether a history has anything to draw. */
export function hasRequests(history: Pick<HealthHistory, 'points'>): boolean {
  return history.points.some((point) => point.requests > 0);
}

const pad = (value: number) => String(value).padStart(2, '0');
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** A time axis tick in local time, as precise as the window needs: 14:02:10, 14:02, Mon 14:00. */
export function timeTick(window: HistoryWindow, at: number): string {
  const d = new Date(at);
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (window === '5m') return `${hm}:${pad(d.getSeconds())}`;
  if (window === '7d') return `${WEEKDAYS[d.getDay()] ?? ''} ${hm}`;
  return hm;
}

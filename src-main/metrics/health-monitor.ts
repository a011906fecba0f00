// The live health figures (HealthNow) from every part that knows one: the hub connection and the
// messages it refused, latency recorder, orders, duplicate checks, retry log and alerts. Counts failed
// attempts by error code and samples the main process's event-loop delay. Reads only; no timers.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { IntervalHistogram } from 'node:perf_hooks';
import type { DuplicateSummary } from '../../src-shared/domain/checks';
import { RECENT_WINDOW_MS } from '../../src-shared/domain/health';
import type { HealthNow, HubRejectCounts } from '../../src-shared/domain/health';
import type { PushFigures } from '../../src-shared/domain/outbox';
import { ConsoleOrderStatus } from '../../src-shared/domain/order';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { ConnectionInfo } from '../../src-shared/ipc/contract';
import type { AttemptFinished } from '../hub/hub-client';
import type { MetricsRecorder } from './metrics-recorder';

export interface HealthSources {
  connection: () => ConnectionInfo;
  metrics: MetricsRecorder;
  orders: () => readonly ConsoleOrder[];
  checks: () => DuplicateSummary;
  /** This console's retries and give-ups since a time. */
  retries: (since: number) => { retries: number; giveUps: number };
  alertsFiring: () => number;
  /** The Notion outbox's figures; null while there is no bridge. */
  push: () => PushFigures | null;
  /** Hub replies and events refused at the boundary, by reason (the hub client's stats().rejected). */
  rejectedHubMessages: () => HubRejectCounts;
  now?: () => number;
}

const NS_PER_MS = 1e6;
/** The sampling timer's period: Node's histogram records the whole gap, so this is taken off. */
const LOOP_RESOLUTION_MS = 10;

export class HealthMonitor {
  private readonly errorsByCode: Record<string, number> = {};
  private readonly startedAt: number;
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private loopResetAt: number;
  private lastLoop = { p50: 0, p99: 0, max: 0 };
  private readonly now: () => number;
  /** The stored verify's rate, and which of this run's verifies (by time) it was read after. */
  private stored: { key: number | null; rate: number | null } | undefined;

  constructor(private readonly sources: HealthSources) {
    this.now = sources.now ?? Date.now;
    this.startedAt = this.now();
    this.loopResetAt = this.startedAt;
    this.loop.enable();
  }

  recordAttempt(attempt: AttemptFinished): void {
    if (attempt.outcome === 'ok') return;
    const code = attempt.code ?? (attempt.outcome === 'timeout' ? 'TIMEOUT' : 'UNKNOWN');
    this.errorsByCode[code] = (this.errorsByCode[code] ?? 0) + 1;
  }

  current(): HealthNow {
    const now = this.now();
    const connection = this.sources.connection();
    const metrics = this.sources.metrics;
    const recent = metrics.recent();
    const sinceStart = metrics.sinceStart();
    const orders = this.sources.orders();
    const ordersByState = Object.fromEntries(ConsoleOrderStatus.options.map((status) => [status, 0])) as Record<ConsoleOrderStatus, number>;
    let oldestUnknown: number | null = null;
    for (const order of orders) {
      ordersByState[order.status] += 1;
      if (order.status === 'unknown') oldestUnknown = Math.min(oldestUnknown ?? order.updatedAt, order.updatedAt);
    }
    const checks = this.sources.checks();
    const push = this.sources.push();
    const outage = connection.outage;
    const usable = connection.state === 'up' || connection.state === 'degraded';
    return {
      at: now,
      hub: {
        state: connection.state,
        heartbeatAgeMs: connection.lastHeartbeatAt === null ? null : Math.max(0, now - connection.lastHeartbeatAt),
        downForMs: !usable && outage && outage.endedAt === null ? Math.max(0, now - outage.startedAt) : null,
      },
      availability: metrics.availability(),
      throughput: { requestsPerSec: recent.requestsPerSec, ordersPerSec: recent.ordersPerSec },
      latency: { recent: recent.latency, sinceStart },
      byOp: metrics.cumulative().map((op) => ({
        op: op.op,
        p50: op.latency.p50,
        p90: op.latency.p90,
        p99: op.latency.p99,
        p99_9: op.latency.p99_9,
        max: op.latency.max,
        count: op.count,
        timeouts: op.timeouts,
        errors: op.errors,
      })),
      counters: {
        requests: sinceStart.count,
        errorsByCode: { ...this.errorsByCode },
        ...this.sources.retries(this.startedAt),
        ordersByState,
        duplicatesAbsorbed: checks.duplicatesAbsorbedByHub,
        repeatsStopped: checks.repeatSubmissionsStopped,
        holds: checks.holds,
        rejectedHubMessages: { ...this.sources.rejectedHubMessages() },
      },
      duplicateRate: this.duplicateRate(checks, now),
      unknownOrders: { count: ordersByState.unknown, oldestAgeMs: oldestUnknown === null ? null : Math.max(0, now - oldestUnknown) },
      eventLoopDelay: this.loopDelay(now),
      pushSuccessRate: push?.deliveryRate ?? null,
      push,
      alertsFiring: this.sources.alertsFiring(),
    };
  }

  /**
   * At the last verify: this run's when it succeeded, else the last one stored. The stored one is
   * read again only when this run's verify changes, not every second.
   */
  private duplicateRate(checks: DuplicateSummary, now: number): number | null {
    const last = checks.lastVerify;
    if (last && last.error === null) return rateOf({ hubOrders: last.hubOrders, duplicates: last.hubDuplicates.length, error: null });
    const key = last?.at ?? null;
    if (!this.stored || this.stored.key !== key) {
      const stored = this.sources.metrics.store.lastVerify(now);
      this.stored = { key, rate: rateOf(stored && { hubOrders: stored.hubOrders, duplicates: stored.hubDuplicates, error: stored.error }) };
    }
    return this.stored.rate;
  }

  /** Over the recent window: the running sample, or the last full one while a new one is young. */
  private loopDelay(now: number): { p50: number; p99: number; max: number } {
    const ms = (ns: number): number => Math.max(0, Math.round((ns / NS_PER_MS - LOOP_RESOLUTION_MS) * 100) / 100);
    const sample = this.loop.count > 0 ? { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) } : this.lastLoop;
    if (now - this.loopResetAt >= RECENT_WINDOW_MS) {
      this.lastLoop = sample;
      this.loop.reset();
      this.loopResetAt = now;
    }
    return now - this.loopResetAt < 2_000 ? this.lastLoop : sample;
  }

  dispose(): void {
    this.loop.disable();
  }
}

/** Hub-side duplicates ÷ hub orders at a verify; null when it could not run. */
function rateOf(verify: { hubOrders: number; duplicates: number; error: string | null } | null): number | null {
  if (!verify || verify.error !== null) return null;
  return verify.hubOrders === 0 ? 0 : verify.duplicates / verify.hubOrders;
}

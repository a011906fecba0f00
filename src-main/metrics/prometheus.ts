// The console's Prometheus metrics (prom-client) in a registry of its own: hub request latency as
// histograms, counters of attempts, errors and retries, and gauges read from HealthNow at scrape
// time. No HTTP here (see metrics-server.ts); names and meanings are in docs/metrics.md.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HUB_REJECT_REASONS, HealthNow } from '../../src-shared/domain/health';
import type { HubRejectCounts } from '../../src-shared/domain/health';
import { ConsoleOrderStatus } from '../../src-shared/domain/order';
import type { RetryEntry } from '../../src-shared/domain/retry';
import type { Disposable, Event } from '../../src-shared/util/emitter';
import type { AttemptFinished } from '../hub/hub-client';

/** Seconds; from a fast local reply (0.5 ms) to the longest timeout a hub call may wait (60 s). */
export const HUB_REQUEST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] as const;

const HUB_STATES = HealthNow.shape.hub.shape.state.options;
const AVAILABILITY_WINDOWS = ['1h', '24h', '7d'] as const;

/**
 * prom-client's default collectors export these three gauges with a `_total` suffix, which
 * Prometheus reserves for counters (promtool flags them). Each is the sum over the `type` label of
 * the same name without `_total`, so nothing is lost by leaving them out.
 */
const MISNAMED_DEFAULT_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export interface PromMetricsSources {
  /** The live figures; called once per scrape. */
  health: () => HealthNow;
  /** Constant labels on every series, e.g. `{ console: 'desk-1' }`, so a fleet can be told apart. */
  labels?: Record<string, string>;
}

export class PromMetrics {
  private readonly registry = new Registry();
  private readonly subscriptions: Disposable[] = [];
  private readonly duration: Histogram<'op' | 'outcome'>;
  private readonly requests: Counter<'op' | 'outcome'>;
  private readonly errors: Counter<'op' | 'code'>;
  private readonly retries: Counter<'op' | 'kind'>;
  private readonly rejected: Counter<'reason'>;
  /** The since-start totals already added to `rejected`, by reason. */
  private readonly rejectedSeen: HubRejectCounts = {};
  private readonly gauges: ReturnType<typeof createGauges>;

  constructor(private readonly sources: PromMetricsSources) {
    const registers = [this.registry];
    if (sources.labels) this.registry.setDefaultLabels(sources.labels);
    this.duration = new Histogram({
      name: 'hubdesk_hub_request_duration_seconds',
      help: 'Duration of each hub request attempt, timeouts included with their full wait.',
      labelNames: ['op', 'outcome'],
      buckets: [...HUB_REQUEST_BUCKETS],
      registers,
    });
    this.requests = new Counter({
      name: 'hubdesk_hub_requests_total',
      help: 'Hub request attempts that ended, by operation and outcome (ok, timeout, error).',
      labelNames: ['op', 'outcome'],
      registers,
    });
    this.errors = new Counter({
      name: 'hubdesk_hub_request_errors_total',
      help: 'Hub request attempts that did not succeed, by operation and error code (TIMEOUT included).',
      labelNames: ['op', 'code'],
      registers,
    });
    this.retries = new Counter({
      name: 'hubdesk_retries_total',
      help: 'Retry-log entries: retries of idempotent hub calls (kind=retry) and give-ups (kind=give-up).',
      labelNames: ['op', 'kind'],
      registers,
    });
    this.rejected = new Counter({
      name: 'hubdesk_hub_rejected_messages_total',
      help: 'Hub replies and events the console refused at its boundary, by reason (docs/connection.md).',
      labelNames: ['reason'],
      registers,
    });
    // Every reason from the start, at 0: a rate over a series that appears only later misses its first count.
    for (const reason of HUB_REJECT_REASONS) this.rejected.inc({ reason }, 0);
    this.gauges = createGauges(this.registry);
    collectDefaultMetrics({ register: this.registry });
    for (const name of MISNAMED_DEFAULT_GAUGES) this.registry.removeSingleMetric(name);
  }

  /** The Content-Type of `metrics()`: Prometheus text format 0.0.4. */
  get contentType(): string {
    return this.registry.contentType;
  }

  recordAttempt(attempt: AttemptFinished): void {
    const { op, outcome } = attempt;
    this.requests.inc({ op, outcome });
    if (outcome !== 'ok') this.errors.inc({ op, code: attempt.code ?? outcome.toUpperCase() });
    // A NaN or negative duration is a clock bug upstream; the attempt still counts above.
    if (Number.isFinite(attempt.ms)) this.duration.observe({ op, outcome }, Math.max(0, attempt.ms) / 1000);
  }

  /** Call once per retry-log entry, when it is first seen. */
  recordRetry(entry: RetryEntry): void {
    this.retries.inc({ op: entry.op, kind: entry.kind });
  }

  /** Records every attempt the event reports until dispose(). */
  observeAttempts(attempts: Event<AttemptFinished>): Disposable {
    const subscription = attempts((attempt) => this.recordAttempt(attempt));
    this.subscriptions.push(subscription);
    return subscription;
  }

  /** The exposition text. Rejects when health() throws (the server answers 500). */
  async metrics(): Promise<string> {
    // One snapshot per scrape, so every gauge in a scrape describes the same instant.
    const health = this.sources.health();
    updateGauges(this.gauges, health);
    this.takeRejected(health.counters.rejectedHubMessages);
    return this.registry.metrics();
  }

  /** The health figures hold since-start totals; the counter grows by what is new since the last scrape. */
  private takeRejected(counts: HubRejectCounts): void {
    for (const reason of HUB_REJECT_REASONS) {
      const total = counts[reason] ?? 0;
      const added = total - (this.rejectedSeen[reason] ?? 0);
      if (added <= 0) continue;
      this.rejected.inc({ reason }, added);
      this.rejectedSeen[reason] = total;
    }
  }

  dispose(): void {
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    this.registry.clear();
  }
}

function createGauges(registry: Registry) {
  const gauge = <L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> =>
    new Gauge({ name, help, labelNames, registers: [registry] });
  return {
    up: gauge('hubdesk_hub_up', 'Whether the hub is usable: 1 when its state is up or degraded, else 0.'),
    state: gauge('hubdesk_hub_state', 'The hub connection state: 1 for the current state, 0 for the others.', ['state']),
    heartbeatAge: gauge('hubdesk_hub_heartbeat_age_seconds', 'Time since the last sign of life from the hub; absent before the first.'),
    availability: gauge('hubdesk_hub_availability_ratio', 'Share of the window the hub was usable; absent while a window has no data.', ['window']),
    orders: gauge('hubdesk_orders', 'Orders in the console ledger by console status.', ['state']),
    unknownOrders: gauge('hubdesk_unknown_orders', 'Orders whose outcome at the hub is unknown.'),
    unknownOldestAge: gauge('hubdesk_unknown_order_oldest_age_seconds', 'Age of the oldest unknown order; 0 when there is none.'),
    alertsFiring: gauge('hubdesk_alerts_firing', 'Alert rules currently firing.'),
    duplicateRate: gauge('hubdesk_duplicate_rate_ratio', 'Hub-side duplicates per hub order at the last verify; absent before one ran.'),
    pushSuccess: gauge('hubdesk_push_success_ratio', 'Share of Notion pushes that succeeded; absent until one was made.'),
  };
}

function updateGauges(gauges: ReturnType<typeof createGauges>, now: HealthNow): void {
  const { state } = now.hub;
  gauges.up.set(state === 'up' || state === 'degraded' ? 1 : 0);
  for (const each of HUB_STATES) gauges.state.set({ state: each }, each === state ? 1 : 0);
  setOrOmit(gauges.heartbeatAge, now.hub.heartbeatAgeMs === null ? null : now.hub.heartbeatAgeMs / 1000);
  gauges.availability.reset();
  for (const window of AVAILABILITY_WINDOWS) {
    const ratio = now.availability[window];
    if (ratio !== null) gauges.availability.set({ window }, ratio);
  }
  for (const each of ConsoleOrderStatus.options) gauges.orders.set({ state: each }, now.counters.ordersByState[each]);
  gauges.unknownOrders.set(now.unknownOrders.count);
  gauges.unknownOldestAge.set((now.unknownOrders.oldestAgeMs ?? 0) / 1000);
  gauges.alertsFiring.set(now.alertsFiring);
  setOrOmit(gauges.duplicateRate, now.duplicateRate);
  setOrOmit(gauges.pushSuccess, now.pushSuccessRate);
}

/** An unlabelled gauge with no figure yet is left out of the scrape rather than reported as 0. */
function setOrOmit(gauge: Gauge, value: number | null): void {
  if (value === null) gauge.remove();
  else gauge.set(value);
}

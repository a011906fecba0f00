// Health as one service: once a second it takes the live figures, evaluates the alert rules on
// them and publishes both (so the renderer gets about one message a second whatever the request
// rate); it answers chart, alert and checkpoint-report requests and keeps verify results on disk.
import type { Logger } from 'pino';
import type { AlertEvent, AlertRule, CheckpointReport, ReportWindow } from '../../src-shared/domain/alerts';
import type { VerifyResult } from '../../src-shared/domain/checks';
import type { HealthHistory, HealthNow, HistoryWindow } from '../../src-shared/domain/health';
import { AlertEngine } from '../alerts/alert-engine';
import type { AttemptFinished } from '../hub/hub-client';
import type { AlertRuleUpdate } from '../alerts/alert-engine';
import type { EventPublisher } from '../ipc/event-publisher';
import { HealthHistoryBuilder } from '../metrics/health-history';
import { HealthMonitor } from '../metrics/health-monitor';
import type { HealthSources } from '../metrics/health-monitor';
import { collectCheckpoint } from '../reports/report-data';
import { renderCheckpointMarkdown } from '../reports/checkpoint';

export const HEALTH_INTERVAL_MS = 1000;

export interface HealthServiceOptions extends Omit<HealthSources, 'alertsFiring'> {
  dataDir: string;
  logger: Logger;
  events: EventPublisher;
  retriesPerBucket: (from: number, to: number, bucketMs: number) => Map<number, number>;
  /** Notion delivery over a report's window; null when nothing was pushed or parked in it. */
  pushDelivery?: (from: number, to: number) => number | null;
}

export class HealthService {
  readonly alerts: AlertEngine;
  private readonly monitor: HealthMonitor;
  private readonly history: HealthHistoryBuilder;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private last: HealthNow | undefined;

  constructor(private readonly options: HealthServiceOptions) {
    this.now = options.now ?? Date.now;
    this.alerts = new AlertEngine({ dataDir: options.dataDir, logger: options.logger.child({ part: 'alerts' }), now: this.now });
    this.monitor = new HealthMonitor({ ...options, alertsFiring: () => this.alerts.firingCount() });
    this.history = new HealthHistoryBuilder(options.metrics.store, options.retriesPerBucket);
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), HEALTH_INTERVAL_MS);
    this.timer.unref();
  }

  recordAttempt(attempt: AttemptFinished): void {
    this.monitor.recordAttempt(attempt);
  }

  /** Figures, alert evaluation, publication: one step of the loop. */
  tick(): HealthNow {
    const figures = this.monitor.current();
    const changed = this.alerts.evaluate(figures);
    const health = { ...figures, alertsFiring: this.alerts.firingCount() };
    this.last = health;
    this.options.events.alerts(changed);
    this.options.events.health(health);
    return health;
  }

  current(): HealthNow {
    return this.last ?? this.tick();
  }

  chart(window: HistoryWindow): Promise<HealthHistory> {
    const rules = this.alerts.rules();
    const threshold = (id: AlertRule['id']): number => rules.find((rule) => rule.id === id)?.threshold ?? 0;
    return this.history.build(window, this.now(), { p50Ms: threshold('p50'), p99Ms: threshold('p99') });
  }

  setRule(change: AlertRuleUpdate): AlertRule {
    return this.alerts.setRule(change);
  }

  list(limit?: number): AlertEvent[] {
    return this.alerts.list(limit);
  }

  /** Keeps a verify's outcome on disk: the duplicate rate of a checkpoint report comes from it. */
  recordVerify(result: VerifyResult): void {
    try {
      this.options.metrics.store.appendVerify({ at: result.at, pass: result.pass, hubOrders: result.hubOrders, hubDuplicates: result.hubDuplicates.length, error: result.error });
    } catch (error) {
      this.options.logger.error({ err: error }, 'storing a verify result failed');
    }
  }

  async report(window: ReportWindow): Promise<{ report: CheckpointReport; markdown: string }> {
    const report = await collectCheckpoint({ history: this.options.metrics.store, alerts: this.alerts, pushSuccess: this.options.pushDelivery }, window, this.now());
    return { report, markdown: renderCheckpointMarkdown(report) };
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.monitor.dispose();
    this.alerts.dispose();
  }
}

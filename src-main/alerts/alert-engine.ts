// Runs the alert rules over each health snapshot, keeps rules and alert history in the data dir and
// announces what changed. The decisions are alert-rules.ts's; this shell only stores and tells.
import type { Logger } from 'pino';
import type { AlertEvent, AlertRule, AlertRuleId } from '../../src-shared/domain/alerts';
import type { HealthNow } from '../../src-shared/domain/health';
import { CodedError } from '../../src-shared/ipc/errors';
import { Emitter } from '../../src-shared/util/emitter';
import type { Event } from '../../src-shared/util/emitter';
import { evaluateAlerts, validateRuleChange } from './alert-rules';
import type { AlertStreak } from './alert-rules';
import { AlertStore } from './alert-store';

export interface AlertEngineOptions {
  dataDir: string;
  logger: Logger;
  now?: () => number;
}

export interface AlertRuleUpdate {
  id: AlertRuleId;
  threshold?: number;
  enabled?: boolean;
}

export class AlertEngine {
  private readonly store: AlertStore;
  private readonly logger: Logger;
  private readonly now: () => number;
  private readonly changeEmitter = new Emitter<AlertEvent[]>();

  /** Fired ones (resolvedAt null) and resolved ones (resolvedAt set), when an evaluation changed any. */
  readonly onDidChange: Event<AlertEvent[]> = this.changeEmitter.event;

  /** Alerts still firing from the previous run stay open: they resolve after the rule's clearMs of good figures. */
  constructor(options: AlertEngineOptions) {
    this.store = new AlertStore(options.dataDir);
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
  }

  /** How long each rule has been breaching or clear: in memory (a restart starts them afresh). */
  private streaks = new Map<AlertRuleId, AlertStreak>();

  /** The alerts this snapshot fired or resolved. Storage errors are logged, never thrown: health goes on. */

  evaluate(health: HealthNow): AlertEvent[] {
    let rules: AlertRule[];
    let open: AlertEvent[];
    try {
      rules = this.store.rules();
      open = this.store.open();
    } catch (error) {
      this.logger.error({ err: error }, 'alerts: could not read rules and firing alerts; this evaluation is skipped');
      return [];
    }
    const now = this.now();
    const decided = evaluateAlerts({ rules, health, open: new Map(open.map((event) => [event.rule, event])), streaks: this.streaks, now });
    this.streaks = decided.streaks;
    const changed: AlertEvent[] = [];
    for (const { event, at } of decided.resolve) {
      try {
        if (!this.store.resolve(event.id, at)) continue;
        changed.push({ ...event, resolvedAt: at });
        this.logger.info({ alert: event.id, rule: event.rule }, `alert resolved: ${event.message}`);
      } catch (error) {
        this.logger.error({ err: error, alert: event.id, rule: event.rule }, 'alerts: could not record a resolved alert');
      }
    }
    for (const fire of decided.fire) {
      try {
        changed.push(this.store.insertFired({ ...fire, firedAt: now }));
        this.logger.warn({ rule: fire.rule, value: fire.value, threshold: fire.threshold }, `alert fired: ${fire.message}`);
      } catch (error) {
        this.logger.error({ err: error, rule: fire.rule }, `alerts: could not record a fired alert (${fire.message})`);
      }
    }
    if (changed.length > 0) this.changeEmitter.fire(changed);
    return changed;
  }

  rules(): AlertRule[] {
    return this.store.rules();
  }

  /** Validates, saves and returns the rule; BAD_INPUT (and nothing saved) for a refused change. */
  setRule(change: AlertRuleUpdate): AlertRule {
    const current = this.store.rules().find((rule) => rule.id === change.id);
    if (!current) throw new CodedError('BAD_INPUT', `There is no alert rule ${String(change.id)}`, { fields: { id: 'unknown alert rule' } });
    const next = validateRuleChange(current, change);
    this.store.saveRule(next);
    this.logger.info({ rule: next.id, enabled: next.enabled, threshold: next.threshold }, 'alert rule changed');
    return next;
  }

  /** Firing alerts first, then the newest. */
  list(limit = 200): AlertEvent[] {
    return this.store.list(limit);
  }

  /** Alerts that were firing at any time in [from, to]. */
  between(from: number, to: number): AlertEvent[] {
    return this.store.between(from, to);
  }

  firingCount(): number {
    return this.store.open().length;
  }

  dispose(): void {
    this.changeEmitter.dispose();
    this.store.close();
  }
}

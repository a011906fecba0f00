// The settings gate in the running console: the reviewer (when configured), putting an applied
// change in force (alert thresholds and the duplicate window at once; the rest written to
// config.json for the next start), and an alert-threshold edit routed through the same gate.
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AlertRule, AlertRuleId } from '../../src-shared/domain/alerts';
import type { ChangeRecord, ReviewableSettings, SettingKey } from '../../src-shared/domain/settings';
import type { HubInfo } from '../../src-shared/ipc/contract';
import { CodedError } from '../../src-shared/ipc/errors';
import type { AlertEngine } from '../alerts/alert-engine';
import { ChatReviewer } from '../settings/reviewer';
import { CONFIG_FILE_KEYS, settingsFromRunning, writeSettingsToConfig } from '../settings/settings-apply';
import { SettingsGate } from '../settings/settings-gate';

export interface SettingsServiceOptions {
  dataDir: string;
  /** The config file the console reads at start (where restart-only settings are written). */
  configPath?: string;
  logger: Logger;
  hubInfo: () => HubInfo | null;
  alerts: AlertEngine;
  running: { hubAddress?: string | undefined; requestTimeoutMs?: number | undefined; duplicateWindowMs: number; maxRetries?: number | undefined; maxBackoffMs?: number | undefined; retryOps?: readonly string[] | undefined };
  reviewer?: { baseUrl: string; model: string; apiKey?: string | undefined; timeoutMs?: number | undefined } | undefined;
  /** Called when the duplicate window changes (it applies at once). */
  setDuplicateWindow: (ms: number) => void;
}

export class SettingsService {
  readonly gate: SettingsGate;
  /** Settings applied since start that take effect only at the next start. */
  private readonly pending = new Set<SettingKey>();

  constructor(private readonly options: SettingsServiceOptions) {
    const configPath = options.configPath ?? join(options.dataDir, 'config.json');
    const reviewer = options.reviewer
      ? new ChatReviewer({ ...options.reviewer, ...(options.reviewer.timeoutMs ? { timeoutMs: options.reviewer.timeoutMs } : {}), logger: options.logger.child({ part: 'reviewer' }) })
      : null;
    this.gate = new SettingsGate({
      dataDir: options.dataDir,
      logger: options.logger,
      hubInfo: options.hubInfo,
      reviewer,
      initial: settingsFromRunning(options.running, options.alerts.rules()),
      apply: (after, before) => this.apply(configPath, after, before),
    });
    this.gate.onDidChange(({ plan }) => plan?.atRestart.forEach((key) => this.pending.add(key)));
  }

  pendingRestart(): SettingKey[] {
    return [...this.pending];
  }

  /**
   * An alert threshold edited in the Alerts view goes through the gate like any other setting;
   * switching a rule on or off is not a reviewable setting and applies at once.
   */
  async setAlertRule(change: { id: AlertRuleId; threshold?: number | undefined; enabled?: boolean | undefined; author?: string | undefined }): Promise<AlertRule> {
    if (change.threshold !== undefined) {
      const record = await this.gate.propose({ changes: { alertThresholds: { [change.id]: change.threshold } }, reason: '', author: change.author ?? 'Alerts view' });
      refuseUnlessApplied(record);
    }
    return change.enabled === undefined ? this.rule(change.id) : this.options.alerts.setRule({ id: change.id, enabled: change.enabled });
  }

  private rule(id: AlertRuleId): AlertRule {
    return this.options.alerts.rules().find((rule) => rule.id === id) as AlertRule;
  }

  private apply(configPath: string, after: ReviewableSettings, before: ReviewableSettings): void {
    for (const [id, threshold] of Object.entries(after.alertThresholds) as [AlertRuleId, number][]) {
      if (before.alertThresholds[id] !== threshold || this.rule(id).threshold !== threshold) this.options.alerts.setRule({ id, threshold });
    }
    if (after.duplicateWindowMs !== before.duplicateWindowMs) this.options.setDuplicateWindow(after.duplicateWindowMs);
    // Only what this change changed: writing every key would pin defaults (say maxRetries 10) that
    // a hub with lower limits would then refuse at the next start.
    const changed = CONFIG_FILE_KEYS.filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
    if (changed.length > 0) writeSettingsToConfig(configPath, after, changed);
  }
}

/** A refused or held change as a coded error: the caller changed nothing (yet). */
export function refuseUnlessApplied(record: ChangeRecord): void {
  if (record.status === 'applied' || record.status === 'confirmed') return;
  const reasons = record.findings.filter((f) => f.severity === 'refuse' || f.severity === 'hold').map((f) => f.message);
  if (record.status === 'held') throw new CodedError('CHANGE_HELD', `held for a second person's confirmation (change #${record.id}): ${reasons.join('; ') || 'the reviewer was unsure or unreachable'}`);
  throw new CodedError('CHANGE_REFUSED', reasons.join('; ') || `change #${record.id} was ${record.status}`);
}

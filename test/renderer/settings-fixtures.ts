// Builders for the settings tests: the reviewable settings in force, the state settings:get
// answers, and change records as main's gate would record them.
import { IDEMPOTENT_OPERATIONS } from '../../src-shared/domain/retry';
import type { ChangeRecord, ReviewableSettings } from '../../src-shared/domain/settings';
import type { SettingsState } from '../../src-shared/ipc/contract';

/** Follow the hub, protocol-default limits, a 3 s duplicate window. */
export function settings(patch: Partial<ReviewableSettings> = {}): ReviewableSettings {
  return {
    hubAddress: null,
    requestTimeoutMs: null,
    maxRetries: 10,
    maxBackoffMs: 2_000,
    retryOps: [...IDEMPOTENT_OPERATIONS],
    duplicateWindowMs: 3_000,
    alertThresholds: { p99: 5_000, p50: 500, throughput: 100, availability: 99 },
    ...patch,
  };
}

export function settingsState(patch: Partial<SettingsState> = {}): SettingsState {
  return { settings: settings(), reviewer: null, pendingRestart: [], ...patch };
}

/** An applied change of the duplicate window from 3000 to 9000 ms by alice, with `patch` applied. */
export function changeRecord(id: number, patch: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    id,
    at: 1_000 * id,
    author: 'alice',
    reason: 'fewer false holds',
    changes: { duplicateWindowMs: 9_000 },
    before: settings(),
    after: settings({ duplicateWindowMs: 9_000 }),
    findings: [{ source: 'rule', rule: 'applies', severity: 'info', message: 'applies duplicateWindowMs: now' }],
    reviewer: null,
    status: 'applied',
    confirmedBy: null,
    confirmedAt: null,
    rollbackOf: null,
    ...patch,
  };
}

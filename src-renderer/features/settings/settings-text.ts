// The Settings view's words and its form maths: what the form sends for what was typed (only what
// differs from the settings in force), how a change, a finding, a verdict and a failed decision
// read, and which decision a history row offers. Pure; branches on codes, never on message text.
import { IDEMPOTENT_OPERATIONS } from '../../../src-shared/domain/retry';
import { SETTING_KEYS } from '../../../src-shared/domain/settings';
import type { ChangeRecord, ChangeStatus, GateFinding, ReviewableSettings, ReviewerConfig, ReviewerVerdict, SettingKey } from '../../../src-shared/domain/settings';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { DASH, formatMs } from '../../components/format';
import { samePerson } from '../../stores/settings';
import type { SettingsAction } from '../../stores/settings';

export type CountField = 'requestTimeoutMs' | 'maxRetries' | 'maxBackoffMs' | 'duplicateWindowMs';
export type TextField = 'hubAddress' | CountField;
export type FormField = TextField | 'retryOps';

/** What the form holds: only the fields touched; the others show (and follow) the settings in force. */
export interface SettingsDraft {
  readonly hubAddress?: string;
  readonly requestTimeoutMs?: string;
  readonly maxRetries?: string;
  readonly maxBackoffMs?: string;
  readonly duplicateWindowMs?: string;
  readonly retryOps?: readonly string[];
}

export const untouchedDraft: SettingsDraft = {};

export interface TextFieldDef {
  readonly field: TextField;
  readonly label: string;
  readonly hint: string;
}

/** The form's text and number fields, in order; the labels are the controls' accessible names. */
export const TEXT_FIELDS: readonly TextFieldDef[] = [
  { field: 'hubAddress', label: 'Hub address', hint: 'tcp://HOST:PORT; empty: the embedded hub' },
  { field: 'requestTimeoutMs', label: 'Request timeout (ms)', hint: "Per attempt; empty: follow the hub's timeout" },
  { field: 'maxRetries', label: 'Max retries', hint: "Of an idempotent call; at most the hub's" },
  { field: 'maxBackoffMs', label: 'Max backoff (ms)', hint: "Longest wait between retries; at most the hub's" },
  { field: 'duplicateWindowMs', label: 'Duplicate window (ms)', hint: 'Pre-trade duplicate check; 0 turns it off (give a reason)' },
];

/** A text field's value in force, as the form shows it. */
export function fieldText(settings: ReviewableSettings, field: TextField): string {
  const value = settings[field];
  return value === null ? '' : String(value);
}

export function shownText(settings: ReviewableSettings, draft: SettingsDraft, field: TextField): string {
  return draft[field] ?? fieldText(settings, field);
}

export function shownOps(settings: ReviewableSettings, draft: SettingsDraft): readonly string[] {
  return draft.retryOps ?? settings.retryOps;
}

/** The ops with `op` switched on or off: idempotent ones in their listed order, unknown ones kept after. */
export function toggleOp(ops: readonly string[], op: string, on: boolean): string[] {
  const chosen = new Set(ops);
  if (on) chosen.add(op);
  else chosen.delete(op);
  const known: readonly string[] = IDEMPOTENT_OPERATIONS;
  return [...known.filter((name) => chosen.has(name)), ...[...chosen].filter((name) => !known.includes(name))];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** A whole number of 0 or more as typed: null when empty, 'invalid' when not one. */
export function parseCount(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d+$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : 'invalid';
}

export interface DraftChanges {
  /** Only the settings whose typed value differs from the one in force. */
  readonly changes: Partial<ReviewableSettings>;
  /** Fields whose text is not a value at all; the gate judges the rest. */
  readonly errors: Partial<Record<FormField, string>>;
}

/** What "Propose change" would send for the draft. */
export function draftChanges(settings: ReviewableSettings, draft: SettingsDraft): DraftChanges {
  const changes: Partial<ReviewableSettings> = {};
  const errors: Partial<Record<FormField, string>> = {};
  if (draft.hubAddress !== undefined) {
    const address = draft.hubAddress.trim() === '' ? null : draft.hubAddress.trim();
    if (address !== settings.hubAddress) changes.hubAddress = address;
  }
  if (draft.requestTimeoutMs !== undefined) {
    const timeout = parseCount(draft.requestTimeoutMs);
    if (timeout === 'invalid') errors.requestTimeoutMs = 'Enter whole milliseconds, or leave it empty to follow the hub.';
    else if (timeout !== settings.requestTimeoutMs) changes.requestTimeoutMs = timeout;
  }
  for (const field of ['maxRetries', 'maxBackoffMs', 'duplicateWindowMs'] as const) {
    const text = draft[field];
    if (text === undefined) continue;
    const value = parseCount(text);
    if (value === null || value === 'invalid') errors[field] = 'Enter a whole number, 0 or more.';
    else if (value !== settings[field]) changes[field] = value;
  }
  if (draft.retryOps !== undefined && !sameSet(draft.retryOps, settings.retryOps)) changes.retryOps = [...draft.retryOps];
  return { changes, errors };
}

/** Whether two sets of settings are the same, comparing retryOps as sets and thresholds per rule. */
export function sameSettings(a: ReviewableSettings, b: ReviewableSettings): boolean {
  const rules = new Set([...Object.keys(a.alertThresholds), ...Object.keys(b.alertThresholds)]) as Set<keyof ReviewableSettings['alertThresholds']>;
  return (
    a.hubAddress === b.hubAddress &&
    a.requestTimeoutMs === b.requestTimeoutMs &&
    a.maxRetries === b.maxRetries &&
    a.maxBackoffMs === b.maxBackoffMs &&
    a.duplicateWindowMs === b.duplicateWindowMs &&
    sameSet(a.retryOps, b.retryOps) &&
    [...rules].every((rule) => a.alertThresholds[rule] === b.alertThresholds[rule])
  );
}

/** One setting's value in words: null hub address is the embedded hub, a null timeout follows the hub. */
export function settingValueText(key: Exclude<SettingKey, 'alertThresholds'>, value: string | number | readonly string[] | null | undefined): string {
  if (value === undefined) return DASH;
  if (value === null) return key === 'hubAddress' ? 'embedded hub' : key === 'requestTimeoutMs' ? 'follow hub' : DASH;
  if (typeof value === 'object') return value.length === 0 ? 'none' : value.join(', ');
  return String(value);
}

/** What a record changes, one line per setting (per rule for thresholds): "duplicateWindowMs 3000 → 9000". */
export function changeLines(record: Pick<ChangeRecord, 'changes' | 'before'>): string[] {
  const lines: string[] = [];
  for (const key of SETTING_KEYS) {
    if (key === 'alertThresholds') {
      for (const [rule, value] of Object.entries(record.changes.alertThresholds ?? {})) {
        const before = record.before.alertThresholds[rule as keyof ReviewableSettings['alertThresholds']];
        lines.push(`alertThresholds.${rule} ${before ?? DASH} → ${value}`);
      }
    } else if (key === 'retryOps') {
      const after = record.changes.retryOps;
      if (!after) continue;
      const removed = record.before.retryOps.filter((op) => !after.includes(op)).map((op) => `−${op}`);
      const added = after.filter((op) => !record.before.retryOps.includes(op)).map((op) => `+${op}`);
      const diff = [...removed, ...added];
      lines.push(`retryOps ${diff.length > 0 ? diff.join(' ') : `${settingValueText(key, record.before.retryOps)} → ${settingValueText(key, after)}`}`);
    } else if (key in record.changes) {
      lines.push(`${key} ${settingValueText(key, record.before[key])} → ${settingValueText(key, record.changes[key])}`);
    }
  }
  return lines.length > 0 ? lines : ['no change'];
}

const STATUS_TEXT: Record<ChangeStatus, string> = {
  applied: 'Applied',
  refused: 'Refused',
  held: 'Held for confirmation',
  confirmed: 'Confirmed',
  'rejected-by-confirmer': 'Rejected by confirmer',
};

export function changeStatusText(status: ChangeStatus): string {
  return STATUS_TEXT[status];
}

/** "refuse: …", with the reviewer named when the finding is its own. */
export function findingText(finding: Pick<GateFinding, 'source' | 'severity' | 'message'>): string {
  return `${finding.source === 'reviewer' ? 'reviewer ' : ''}${finding.severity}: ${finding.message}`;
}

/** The reviewer's verdict in a table cell: "approve (gpt-4o-mini, 812 ms)"; a dash without one. */
export function verdictText(verdict: ReviewerVerdict): string {
  return verdict ? `${verdict.verdict} (${verdict.model}, ${formatMs(verdict.latencyMs)})` : DASH;
}

export function reviewerLine(config: Pick<ReviewerConfig, 'model' | 'baseUrl'> | null): string {
  return config ? `Reviewer: ${config.model} at ${config.baseUrl}` : 'Reviewer: not configured (built-in rules only)';
}

/** null when nothing waits for a restart. */
export function pendingRestartText(keys: readonly SettingKey[]): string | null {
  return keys.length > 0 ? `applies at next start: ${keys.join(', ')}` : null;
}

export function rollbackText(record: Pick<ChangeRecord, 'rollbackOf'>): string | null {
  return record.rollbackOf === null ? null : `rollback of #${record.rollbackOf}`;
}

const NOT_DONE: Record<SettingsAction, string> = {
  propose: 'Not proposed',
  confirm: 'Not confirmed',
  rejectHeld: 'Not rejected',
  rollback: 'Not rolled back',
};

/** A decision main did not take (no record), as the Gate result shows it. */
export function describeSettingsError(action: SettingsAction, error: ErrorData): string {
  const verb = NOT_DONE[action];
  switch (error.code) {
    case 'BAD_INPUT': {
      const fields = Object.entries(error.fields ?? {}).map(([field, message]) => `${field}: ${message}`);
      return fields.length > 0 ? `${verb}: ${error.message} (${fields.join('; ')})` : `${verb}: ${error.message}`;
    }
    case 'NOT_CONNECTED':
      return `${verb}: no answer from the console. Try again once it is reachable.`;
    case 'TIMEOUT':
      return `${verb}: no answer from the console in time. The change history shows whether it was recorded.`;
    case 'INVALID_STATE':
    case 'NOT_FOUND':
      return `${verb}: ${error.message}`;
    default:
      return `${verb} (${error.code}): ${error.message}`;
  }
}

/**
 * What a history row offers: a held change another person's to confirm or reject (its author may
 * only withdraw it), an applied one to roll back to, unless its settings are the ones in force.
 */
export type RowAction = 'decide' | 'withdraw' | 'rollback' | 'in-force' | 'none';

export function rowAction(record: Pick<ChangeRecord, 'status' | 'author' | 'after'>, author: string | null, current: ReviewableSettings | null): RowAction {
  if (record.status === 'held') return author !== null && samePerson(record.author, author) ? 'withdraw' : 'decide';
  if (record.status !== 'applied' && record.status !== 'confirmed') return 'none';
  return current && sameSettings(record.after, current) ? 'in-force' : 'rollback';
}

export function describeLoadError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'The settings could not be loaded: no answer from the console. Retrying…';
    default:
      return `The settings could not be loaded (${error.code}): ${error.message}. Retrying…`;
  }
}

/** Why the decision buttons are off, or null when they are on. */
export function blockedText(author: string | null): string | null {
  return author === null ? 'Enter your name above to propose, confirm or roll back.' : null;
}

/** The Gate result while a decision is on its way (a reviewer may take a few seconds). */
export function pendingText(action: SettingsAction, id: number | null): string {
  switch (action) {
    case 'propose':
      return 'Reviewing the change…';
    case 'confirm':
      return `Confirming #${id ?? '?'}: the rules run again first…`;
    case 'rejectHeld':
      return `Rejecting #${id ?? '?'}…`;
    case 'rollback':
      return `Rolling back to #${id ?? '?'}: the change goes through the gate…`;
  }
}

/** What a decision means for the desk, under its status word. */
export function statusNote(status: ChangeStatus): string {
  switch (status) {
    case 'applied':
    case 'confirmed':
      return 'In force now (restart-only settings at the next start).';
    case 'refused':
      return 'Nothing changed.';
    case 'held':
      return 'Nothing changed yet: another person confirms or rejects it in the change history.';
    case 'rejected-by-confirmer':
      return 'Nothing changed: the held change was rejected.';
  }
}

// The Settings view's words and form maths: what Propose change sends for what was typed (only what
// differs), how changes, findings and verdicts read, how a failed decision reads, and which
// decision a history row offers.
import { describe, expect, it } from 'vitest';
import {
  changeLines,
  changeStatusText,
  describeSettingsError,
  draftChanges,
  findingText,
  parseCount,
  pendingRestartText,
  reviewerLine,
  rowAction,
  sameSettings,
  settingValueText,
  toggleOp,
  untouchedDraft,
  verdictText,
} from '../../src-renderer/features/settings/settings-text';
import type { SettingsDraft } from '../../src-renderer/features/settings/settings-text';
import { IDEMPOTENT_OPERATIONS } from '../../src-shared/domain/retry';
import type { ChangeRecord, ReviewableSettings } from '../../src-shared/domain/settings';
import type { ErrorData } from '../../src-shared/ipc/errors';
import { changeRecord, settings } from './settings-fixtures';

const ALL_OPS = [...IDEMPOTENT_OPERATIONS];
const WITHOUT_CANCEL = ALL_OPS.filter((op) => op !== 'cancelOrder');

describe('parseCount', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['0', 0],
    [' 8000 ', 8_000],
    ['1.5', 'invalid'],
    ['-1', 'invalid'],
    ['1e3', 'invalid'],
    ['abc', 'invalid'],
    ['99999999999999999999', 'invalid'],
  ])('%j → %j', (text, expected) => {
    expect(parseCount(text)).toEqual(expected);
  });
});

describe('draftChanges', () => {
  const inForce = settings({ requestTimeoutMs: 6_000 });
  it.each<[string, ReviewableSettings, SettingsDraft, Partial<ReviewableSettings>, Record<string, string>]>([
    ['nothing touched', inForce, untouchedDraft, {}, {}],
    ['the same values typed again', inForce, { duplicateWindowMs: '3000', requestTimeoutMs: '6000', hubAddress: '' }, {}, {}],
    ['a new duplicate window', inForce, { duplicateWindowMs: '8000' }, { duplicateWindowMs: 8_000 }, {}],
    ['the duplicate check turned off', inForce, { duplicateWindowMs: '0' }, { duplicateWindowMs: 0 }, {}],
    ['a timeout', settings(), { requestTimeoutMs: '1000' }, { requestTimeoutMs: 1_000 }, {}],
    ['an emptied timeout follows the hub', inForce, { requestTimeoutMs: '' }, { requestTimeoutMs: null }, {}],
    ['a hub address, trimmed', inForce, { hubAddress: ' tcp://10.0.0.5:5555 ' }, { hubAddress: 'tcp://10.0.0.5:5555' }, {}],
    ['an emptied hub address is the embedded hub', settings({ hubAddress: 'tcp://h:1' }), { hubAddress: '  ' }, { hubAddress: null }, {}],
    ['retries and backoff', inForce, { maxRetries: '3', maxBackoffMs: '1000' }, { maxRetries: 3, maxBackoffMs: 1_000 }, {}],
    ['an op switched off', inForce, { retryOps: WITHOUT_CANCEL }, { retryOps: WITHOUT_CANCEL }, {}],
    ['the same ops in another order', inForce, { retryOps: [...ALL_OPS].reverse() }, {}, {}],
    ['an empty count', inForce, { maxRetries: '' }, {}, { maxRetries: 'Enter a whole number, 0 or more.' }],
    ['a fraction', inForce, { duplicateWindowMs: '2.5', maxRetries: '4' }, { maxRetries: 4 }, { duplicateWindowMs: 'Enter a whole number, 0 or more.' }],
    ['a timeout that is no number', inForce, { requestTimeoutMs: '5s' }, {}, { requestTimeoutMs: 'Enter whole milliseconds, or leave it empty to follow the hub.' }],
  ])('%s', (_name, current, draft, changes, errors) => {
    expect(draftChanges(current, draft)).toEqual({ changes, errors });
  });
});

describe('toggleOp', () => {
  it.each([
    ['switch one off', ALL_OPS, 'cancelOrder', false, WITHOUT_CANCEL],
    ['switch it on again, back in its place', ['hello', 'orders'], 'ping', true, ['hello', 'ping', 'orders']],
    ['an op main knows and this build does not is kept', ['hello', 'legacyOp'], 'ping', true, ['hello', 'ping', 'legacyOp']],
    ['switching on what is on changes nothing', ['hello'], 'hello', true, ['hello']],
  ])('%s', (_name, ops, op, on, expected) => {
    expect(toggleOp(ops, op, on)).toEqual(expected);
  });
});

describe('changeLines', () => {
  it.each<[string, Pick<ChangeRecord, 'changes' | 'before'>, string[]]>([
    ['a duplicate window', { changes: { duplicateWindowMs: 9_000 }, before: settings() }, ['duplicateWindowMs 3000 → 9000']],
    ['a timeout set', { changes: { requestTimeoutMs: 1_000 }, before: settings() }, ['requestTimeoutMs follow hub → 1000']],
    ['a timeout cleared', { changes: { requestTimeoutMs: null }, before: settings({ requestTimeoutMs: 6_000 }) }, ['requestTimeoutMs 6000 → follow hub']],
    ['a hub address', { changes: { hubAddress: 'tcp://h:5555' }, before: settings() }, ['hubAddress embedded hub → tcp://h:5555']],
    ['retried ops', { changes: { retryOps: [...WITHOUT_CANCEL, 'placeOrder'] }, before: settings() }, ['retryOps −cancelOrder +placeOrder']],
    ['a threshold', { changes: { alertThresholds: { p99: 3_000 } }, before: settings() }, ['alertThresholds.p99 5000 → 3000']],
    [
      'several, in the settings order',
      { changes: { duplicateWindowMs: 0, maxRetries: 3 }, before: settings() },
      ['maxRetries 10 → 3', 'duplicateWindowMs 3000 → 0'],
    ],
    ['nothing (a refused empty change)', { changes: {}, before: settings() }, ['no change']],
  ])('%s', (_name, record, expected) => {
    expect(changeLines(record)).toEqual(expected);
  });
});

describe('words', () => {
  it.each([
    ['applied', 'Applied'],
    ['refused', 'Refused'],
    ['held', 'Held for confirmation'],
    ['confirmed', 'Confirmed'],
    ['rejected-by-confirmer', 'Rejected by confirmer'],
  ] as const)('status %s reads %s', (status, text) => {
    expect(changeStatusText(status)).toBe(text);
  });

  it.each([
    [{ source: 'rule', severity: 'refuse', message: 'below the hub' }, 'refuse: below the hub'],
    [{ source: 'reviewer', severity: 'hold', message: 'unsure' }, 'reviewer hold: unsure'],
  ] as const)('finding %#', (finding, text) => {
    expect(findingText(finding)).toBe(text);
  });

  it.each([
    [null, '—'],
    [{ model: 'gpt-4o-mini', verdict: 'approve', text: 'fine', latencyMs: 812.4 }, 'approve (gpt-4o-mini, 812 ms)'],
  ] as const)('verdict %#', (verdict, text) => {
    expect(verdictText(verdict)).toBe(text);
  });

  it.each([
    [null, 'Reviewer: not configured (built-in rules only)'],
    [{ model: 'qwen2.5', baseUrl: 'http://127.0.0.1:11434/v1' }, 'Reviewer: qwen2.5 at http://127.0.0.1:11434/v1'],
  ])('reviewer line %#', (config, text) => {
    expect(reviewerLine(config)).toBe(text);
  });

  it.each([
    [[], null],
    [['requestTimeoutMs', 'retryOps'], 'applies at next start: requestTimeoutMs, retryOps'],
  ] as const)('pending restart %#', (keys, text) => {
    expect(pendingRestartText(keys)).toBe(text);
  });

  it.each([
    ['hubAddress', null, 'embedded hub'],
    ['requestTimeoutMs', null, 'follow hub'],
    ['retryOps', [], 'none'],
    ['retryOps', ['hello', 'ping'], 'hello, ping'],
    ['maxRetries', 0, '0'],
  ] as const)('%s %j reads %s', (key, value, text) => {
    expect(settingValueText(key, value)).toBe(text);
  });
});

describe('describeSettingsError', () => {
  it.each<[Parameters<typeof describeSettingsError>[0], ErrorData, string]>([
    ['propose', { code: 'BAD_INPUT', message: 'invalid change', fields: { author: 'author is required' } }, 'Not proposed: invalid change (author: author is required)'],
    ['propose', { code: 'BAD_INPUT', message: 'invalid change' }, 'Not proposed: invalid change'],
    ['confirm', { code: 'INVALID_STATE', message: 'you cannot confirm your own change' }, 'Not confirmed: you cannot confirm your own change'],
    ['rejectHeld', { code: 'NOT_FOUND', message: 'no change #9' }, 'Not rejected: no change #9'],
    ['rollback', { code: 'NOT_CONNECTED', message: 'Not sent: socket closed.' }, 'Not rolled back: no answer from the console. Try again once it is reachable.'],
    ['propose', { code: 'TIMEOUT', message: 'No reply' }, 'Not proposed: no answer from the console in time. The change history shows whether it was recorded.'],
    ['propose', { code: 'INTERNAL', message: 'apply failed' }, 'Not proposed (INTERNAL): apply failed'],
  ])('%s %#', (action, error, text) => {
    expect(describeSettingsError(action, error)).toBe(text);
  });
});

describe('rowAction', () => {
  const inForce = settings({ duplicateWindowMs: 9_000 });
  it.each<[string, Partial<ChangeRecord>, string | null, ReturnType<typeof rowAction>]>([
    ["someone else's held change", { status: 'held' }, 'bob', 'decide'],
    ['a held change while no name is set', { status: 'held' }, null, 'decide'],
    ['your own held change (any case)', { status: 'held' }, ' Alice ', 'withdraw'],
    ['an applied change whose settings are in force', { status: 'applied' }, 'bob', 'in-force'],
    ['an older applied change', { status: 'applied', after: settings() }, 'bob', 'rollback'],
    ['a confirmed change', { status: 'confirmed', after: settings({ maxRetries: 3 }) }, 'bob', 'rollback'],
    ['a refused change', { status: 'refused' }, 'bob', 'none'],
    ['a rejected change', { status: 'rejected-by-confirmer' }, 'bob', 'none'],
  ])('%s: %s', (_name, patch, author, expected) => {
    expect(rowAction(changeRecord(1, patch), author, inForce)).toBe(expected);
  });
});

describe('sameSettings', () => {
  it.each<[string, ReviewableSettings, boolean]>([
    ['equal', settings(), true],
    ['ops in another order', settings({ retryOps: [...ALL_OPS].reverse() }), true],
    ['a threshold differs', settings({ alertThresholds: { ...settings().alertThresholds, p99: 1 } }), false],
    ['a threshold missing', settings({ alertThresholds: { p99: 5_000 } }), false],
    ['the timeout differs', settings({ requestTimeoutMs: 5_000 }), false],
  ])('%s', (_name, other, expected) => {
    expect(sameSettings(settings(), other)).toBe(expected);
  });
});

// Order commands and status words: which status offers which command, the buttons' exact names,
// and how each outcome reads — by error code, never by message text.
import { describe, expect, it } from 'vitest';
import { statusLabel, showsReason } from '../../src-renderer/components/order-status';
import { ACTION_LABEL, actionsFor, describeActionDone, describeActionError } from '../../src-renderer/features/trade/order-actions';
import { ConsoleOrderStatus } from '../../src-shared/domain/order';
import { order } from './fixtures';

describe('actionsFor', () => {
  const expected: Record<ConsoleOrderStatus, string[]> = {
    held: ['Send anyway', 'Drop'],
    dropped: [],
    pending: [],
    sent: [],
    working: ['Cancel'],
    filled: [],
    canceled: [],
    rejected: [],
    unknown: [],
    not_received: ['Resubmit'],
  };

  it.each(ConsoleOrderStatus.options)('%s offers its commands and no others', (status) => {
    expect(actionsFor(status).map((action) => ACTION_LABEL[action])).toEqual(expected[status]);
  });

  it('offers Resolve… only on an unknown order handed to a person, and nothing else on it', () => {
    expect(actionsFor('unknown', true).map((action) => ACTION_LABEL[action])).toEqual(['Resolve…']);
    for (const status of ConsoleOrderStatus.options.filter((s) => s !== 'unknown')) {
      expect(actionsFor(status, true)).toEqual(actionsFor(status));
    }
  });
});

describe('status words', () => {
  it('reads not_received as words and every other status as itself', () => {
    expect(statusLabel('not_received')).toBe('not received');
    for (const status of ConsoleOrderStatus.options.filter((s) => s !== 'not_received')) expect(statusLabel(status)).toBe(status);
  });

  it('shows the reason of held, rejected, unknown and not-received orders only', () => {
    expect(ConsoleOrderStatus.options.filter(showsReason)).toEqual(['held', 'rejected', 'unknown', 'not_received']);
  });
});

describe('describeActionError', () => {
  it.each([
    { action: 'cancel', code: 'ORDER_UNKNOWN', text: 'Cancel of c-1: no answer, outcome unknown — watch its status.' },
    { action: 'cancel', code: 'NOT_CONNECTED', text: 'Cancel of c-1 not sent: no connection.' },
    { action: 'cancel', code: 'NOT_FOUND', text: 'Cancel of c-1: the hub does not know this order.' },
    { action: 'confirmHeld', code: 'ORDER_UNKNOWN', text: 'Sending held order c-1: no answer, outcome unknown — watch its status.' },
    { action: 'dropHeld', code: 'TIMEOUT', text: 'Dropping held order c-1: no answer — watch its status.' },
    { action: 'resubmit', code: 'HUB_TIMEOUT', text: 'Resubmitting c-1: no answer, outcome unknown — watch its status.' },
    { action: 'resubmit', code: 'RECONCILING', text: 'The console is reconciling orders with the hub; try again in a moment.' },
    { action: 'confirmHeld', code: 'INVALID_STATE', text: "Sending held order c-1: not possible in the order's current state. same text" },
    { action: 'dropHeld', code: 'INTERNAL', text: 'Dropping held order c-1 failed (INTERNAL): same text' },
  ] as const)('$action with $code', ({ action, code, text }) => {
    expect(describeActionError(action, { code, message: 'same text' }, 'c-1')).toBe(text);
  });
});

describe('describeActionDone', () => {
  it('confirms each command with the order as main now reports it', () => {
    expect(describeActionDone('confirmHeld', order('h-1', { status: 'filled' }))).toBe('Sent anyway. Buy 0.1 EURUSD market: filled (h-1).');
    expect(describeActionDone('dropHeld', order('h-1', { status: 'dropped' }))).toBe('Dropped h-1: it was never sent.');
    expect(describeActionDone('resubmit', order('n-1', { status: 'sent' }))).toBe('Resubmitted n-1: sent.');
    expect(describeActionDone('cancel', order('w-1', { status: 'canceled' }))).toBe('Cancel of w-1: canceled.');
  });
});

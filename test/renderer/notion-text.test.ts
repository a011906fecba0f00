// The Notion view's words and checks: ids and labels, the connection line, the push figures, the
// outbox cells and count, the connection form's draft, and how refusals and failures read.
import { describe, expect, it } from 'vitest';
import {
  attemptsText,
  checkDraft,
  checkErrorLines,
  configureErrorLines,
  connectionText,
  countText,
  describeOutboxError,
  describeRetryError,
  draftFromStatus,
  emptyText,
  figureItems,
  filterTotal,
  isOutboxStatus,
  kindText,
  lastErrorText,
  oldestPendingAge,
  pageText,
  queuedText,
  refusedFields,
  retryLabel,
  shortId,
  tokenSourceText,
} from '../../src-renderer/features/notion/notion-text';
import type { ErrorData } from '../../src-shared/ipc/errors';
import { notionStatus, pushFigures } from './notion-fixtures';

const ID = '1a2b3c4d-5e6f-4000-8000-000000000000';

describe('ids and labels', () => {
  it.each([
    [ID, '1a2b3c4d'],
    ['abc', 'abc'],
  ])('shortens %s to %s', (id, expected) => {
    expect(shortId(id)).toBe(expected);
  });

  it('names a parked row\'s button and a queued report after the event', () => {
    expect(retryLabel(ID)).toBe('Retry 1a2b3c4d');
    expect(queuedText({ id: ID })).toBe('Queued for Notion (event 1a2b3c4d)');
  });

  it.each([
    ['alert.fired', 'alert fired'],
    ['alert.resolved', 'alert resolved'],
    ['report', 'report'],
    ['incident', 'incident'],
  ] as const)('reads kind %s as %s', (kind, expected) => {
    expect(kindText(kind)).toBe(expected);
  });

  it.each([
    ['pending', true],
    ['pushed', true],
    ['parked', true],
    ['', false],
    ['PARKED', false],
  ])('takes %j as a status filter: %s', (value, expected) => {
    expect(isOutboxStatus(value)).toBe(expected);
  });
});

describe('the connection line', () => {
  it.each([
    [notionStatus(), 'Connected to 0123456789abcdef0123456789abcdef at http://127.0.0.1:4010 (token from NOTION_TOKEN)'],
    [
      notionStatus({ tokenSource: 'safeStorage', baseUrl: 'https://api.notion.com' }),
      'Connected to 0123456789abcdef0123456789abcdef at https://api.notion.com (token from the OS keychain)',
    ],
    [notionStatus({ configured: false, databaseId: null, tokenSource: 'none' }), 'Not configured: events wait in the outbox'],
  ])('reads %o as %s', (status, expected) => {
    expect(connectionText(status)).toBe(expected);
  });

  it.each([
    ['env', 'token from NOTION_TOKEN'],
    ['safeStorage', 'token from the OS keychain'],
    ['none', 'no token'],
  ] as const)('says where a %s token comes from', (source, expected) => {
    expect(tokenSourceText(source)).toBe(expected);
  });

  it('adds the last error only when there is one', () => {
    expect(lastErrorText({ lastError: null })).toBeNull();
    expect(lastErrorText({ lastError: 'Notion 500 internal_server_error' })).toBe('Last error: Notion 500 internal_server_error');
  });
});

describe('push figures', () => {
  it.each([
    [{ oldestPendingAgeMs: null }, 0, 10_000, null],
    [{ oldestPendingAgeMs: 4_000 }, 1_000, 3_500, 6_500],
    // A clock that went back does not make the event younger than main said.
    [{ oldestPendingAgeMs: 4_000 }, 5_000, 1_000, 4_000],
  ])('ages %o received at %d to now %d: %s', (figures, at, now, expected) => {
    expect(oldestPendingAge(figures, at, now)).toBe(expected);
  });

  it('lists every figure in reading order, with its meaning', () => {
    expect(figureItems(pushFigures(), 65_000)).toEqual([
      { label: 'Delivery rate', value: '90.00 %', detail: '9 pushed of 10 finished' },
      { label: 'Attempt success rate', value: '75.00 %', detail: '9 of 12 attempts' },
      { label: 'Attempts', value: '12', detail: '3 failed' },
      { label: 'Pushed', value: '9', detail: 'one page each' },
      { label: 'Parked', value: '1', detail: 'waiting for a retry by hand' },
      { label: 'Outbox depth', value: '2', detail: 'pending' },
      { label: 'Oldest pending', value: '1 min 5 s', detail: 'since it entered the outbox' },
      { label: 'Found by look-up', value: '1', detail: 'pages a lost reply had created' },
    ]);
  });

  it('shows a dash for rates and ages not known yet', () => {
    const empty = pushFigures({ attempts: 0, successes: 0, failures: 0, foundByQuery: 0, pushed: 0, parked: 0, depth: 0, oldestPendingAgeMs: null, deliveryRate: null, attemptSuccessRate: null });
    const values = Object.fromEntries(figureItems(empty, null).map((item) => [item.label, `${item.value} | ${item.detail}`]));
    expect(values).toMatchObject({
      'Delivery rate': '— | 0 pushed of 0 finished',
      'Attempt success rate': '— | 0 of 0 attempts',
      Parked: '0 | none to retry',
      'Oldest pending': '— | none pending',
    });
  });
});

describe('outbox cells and count', () => {
  it.each([
    [{ attempts: 0, uncertain: false, status: 'pending' }, '0'],
    [{ attempts: 3, uncertain: true, status: 'pending' }, '3 · uncertain'],
    [{ attempts: 50, uncertain: true, status: 'parked' }, '50 · uncertain'],
    [{ attempts: 2, uncertain: true, status: 'pushed' }, '2'],
  ] as const)('reads attempts %o as %s', (event, expected) => {
    expect(attemptsText(event)).toBe(expected);
  });

  it.each([
    [null, '—'],
    ['59c8f2a1-0000-4000-8000-000000000000', '59c8f2a1'],
  ])('shows page %s as %s', (pageId, expected) => {
    expect(pageText(pageId)).toBe(expected);
  });

  it.each([
    [null, 12],
    ['pending', 2],
    ['pushed', 9],
    ['parked', 1],
  ] as const)('counts the %s filter as %d from the figures', (filter, expected) => {
    expect(filterTotal(pushFigures(), filter)).toBe(expected);
  });

  it.each([
    [pushFigures(), null, 12, '12 events'],
    [pushFigures({ pushed: 1_500 }), null, 200, '1,503 events (showing 200)'],
    [pushFigures(), 'parked', 1, '1 event'],
    // Figures that lag the rows never show fewer events than are on screen.
    [pushFigures({ depth: 0 }), 'pending', 2, '2 events'],
    [null, null, 3, '3 events'],
  ] as const)('counts %o with filter %s and %d rows as %s', (figures, filter, shown, expected) => {
    expect(countText(figures, filter, shown)).toBe(expected);
  });

  it.each([
    [null, false, 'The outbox is empty'],
    ['parked', false, 'No parked events'],
    [null, true, 'Loading…'],
  ] as const)('an empty table with filter %s (loading %s) says %s', (filter, loading, expected) => {
    expect(emptyText(filter, loading)).toBe(expected);
  });
});

describe('the connection form', () => {
  it.each([
    [null, { baseUrl: '', databaseId: '', token: '' }],
    [notionStatus(), { baseUrl: 'http://127.0.0.1:4010', databaseId: '0123456789abcdef0123456789abcdef', token: '' }],
    [notionStatus({ baseUrl: 'https://api.notion.com' }), { baseUrl: '', databaseId: '0123456789abcdef0123456789abcdef', token: '' }],
  ])('starts from status %o as %o', (status, expected) => {
    expect(draftFromStatus(status)).toEqual(expected);
  });

  const DB = '0123456789abcdef0123456789abcdef';
  it.each([
    [{ baseUrl: '', databaseId: DB, token: '' }, { databaseId: DB }],
    [{ baseUrl: ' http://127.0.0.1:4010 ', databaseId: ` ${DB} `, token: ' secret_x ' }, { baseUrl: 'http://127.0.0.1:4010', databaseId: DB, token: 'secret_x' }],
    [{ baseUrl: 'https://api.notion.com', databaseId: '01234567-89ab-cdef-0123-456789abcdef', token: '' }, { baseUrl: 'https://api.notion.com', databaseId: '01234567-89ab-cdef-0123-456789abcdef' }],
  ])('sends draft %o as %o', (draft, input) => {
    expect(checkDraft(draft)).toEqual({ ok: true, input });
  });

  it.each([
    [{ baseUrl: '', databaseId: '', token: '' }, { databaseId: 'required' }],
    [{ baseUrl: '', databaseId: 'not-an-id', token: '' }, { databaseId: 'must be a Notion id (32 hex digits)' }],
    [{ baseUrl: 'http://notion.example.com', databaseId: DB, token: '' }, { baseUrl: 'must be an https:// URL (or http:// to 127.0.0.1/localhost)' }],
    [{ baseUrl: 'api.notion.com', databaseId: 'x', token: '' }, { baseUrl: 'must be an https:// URL (or http:// to 127.0.0.1/localhost)', databaseId: 'must be a Notion id (32 hex digits)' }],
  ])('refuses draft %o with %o', (draft, errors) => {
    expect(checkDraft(draft)).toEqual({ ok: false, errors });
  });

  it('says what the form\'s own check stopped', () => {
    expect(checkErrorLines({ databaseId: 'required' })).toEqual(['The connection was not sent: fix the marked fields.', 'Database id: required']);
  });

  const tokenRefused: ErrorData = {
    code: 'BAD_INPUT',
    message: 'this console reads the Notion token from NOTION_TOKEN in its environment only; restart it with the token set',
    fields: { token: 'set NOTION_TOKEN instead' },
  };

  it.each([
    [tokenRefused, { token: 'set NOTION_TOKEN instead' }],
    [{ code: 'BAD_INPUT', message: 'x', fields: { databaseId: 'bad', dataSourceId: 'odd' } }, { databaseId: 'bad' }],
    [{ code: 'INTERNAL', message: 'x', fields: { token: 'ignored' } }, {}],
  ] as const)('puts main\'s field messages of %o on the fields: %o', (error, expected) => {
    expect(refusedFields(error)).toEqual(expected);
  });

  it('keeps no field errors when nothing was refused', () => {
    expect(refusedFields(null)).toEqual({});
  });

  it.each([
    [tokenRefused, [`The connection was not saved: ${tokenRefused.message}`, 'Token: set NOTION_TOKEN instead']],
    [{ code: 'BAD_INPUT', message: 'refused', fields: { dataSourceId: 'odd' } }, ['The connection was not saved: refused', 'dataSourceId: odd']],
    [{ code: 'TIMEOUT', message: 'no reply' }, ['The connection may not have been saved: no answer from the console. Check the status line once it is reachable.']],
    [{ code: 'INTERNAL', message: 'disk full' }, ['The connection was not saved (INTERNAL): disk full']],
  ] as const)('reads a refused save %o as %o', (error, expected) => {
    expect(configureErrorLines(error)).toEqual(expected);
  });
});

describe('failures', () => {
  it.each([
    ['INVALID_STATE', 'That event is no longer parked: there is nothing to retry.'],
    ['NOT_CONNECTED', 'The retry may not have been made: no answer from the console. The table shows what happened once it is reachable.'],
    ['INTERNAL', 'The retry failed (INTERNAL): boom'],
  ] as const)('reads a failed retry (%s)', (code, expected) => {
    expect(describeRetryError({ code, message: 'boom' })).toBe(expected);
  });

  it.each([
    ['TIMEOUT', 'The outbox could not be loaded: no answer from the console. Try again once it is reachable.'],
    ['INTERNAL', 'The outbox could not be loaded (INTERNAL): boom'],
  ] as const)('reads a failed load (%s)', (code, expected) => {
    expect(describeOutboxError({ code, message: 'boom' })).toBe(expected);
  });
});

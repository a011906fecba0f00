// The Duplicate checks view's words: every counter with its label in reading order, attention only
// while there is something to look at, the window in seconds, the verify headline and its lists.
import { describe, expect, it } from 'vitest';
import { counters, describeVerifyError, firstItems, VERIFY_LIST_LIMIT, verifyHeadline, windowText } from '../../src-renderer/features/checks/checks-text';
import { checks } from './fixtures';

describe('counters', () => {
  it('lists every counter of the summary with its label and value, in reading order', () => {
    const items = counters(checks());
    expect(items.map((item) => [item.label, item.value])).toEqual([
      ['Orders sent', 12],
      ['Duplicates absorbed by the hub', 2],
      ['Repeat submissions stopped', 1],
      ['Pre-trade holds', 3],
      ['Holds confirmed', 1],
      ['Holds dropped', 1],
      ['Held now', 1],
      ['Unknown now', 0],
      ['Reconciled', 4],
      ['Not received', 1],
    ]);
    expect(items.filter((item) => item.part).map((item) => item.key)).toEqual(['holdsConfirmed', 'holdsDropped', 'heldNow']);
  });

  it('marks held, unknown and not-received orders for attention only while there are some', () => {
    const tone = (patch: Parameters<typeof checks>[0], key: string) => counters(checks(patch)).find((item) => item.key === key)?.tone;
    expect(tone({ heldNow: 2 }, 'heldNow')).toBe('attention');
    expect(tone({ heldNow: 0 }, 'heldNow')).toBe('neutral');
    expect(tone({ unknownNow: 1 }, 'unknownNow')).toBe('attention');
    expect(tone({ notReceived: 0 }, 'notReceived')).toBe('neutral');
    expect(tone({ duplicatesAbsorbedByHub: 0 }, 'duplicatesAbsorbedByHub')).toBe('guard');
  });
});

describe('windowText', () => {
  it.each([
    [5_000, '5 s'],
    [2_500, '2.5 s'],
    [0, '0 s'],
    [1_234, '1.234 s'],
  ])('%i ms → %s', (ms, text) => {
    expect(windowText(ms)).toBe(text);
  });
});

describe('verify', () => {
  it('heads a result PASS or FAIL', () => {
    expect(verifyHeadline({ pass: true })).toBe('Verify: PASS');
    expect(verifyHeadline({ pass: false })).toBe('Verify: FAIL');
  });

  it(`lists the first ${VERIFY_LIST_LIMIT} and counts the rest`, () => {
    const ids = Array.from({ length: 73 }, (_, i) => `id-${i}`);
    const { shown, more } = firstItems(ids);
    expect(shown).toHaveLength(VERIFY_LIST_LIMIT);
    expect(shown[0]).toBe('id-0');
    expect(more).toBe(23);
    expect(firstItems(['a'])).toEqual({ shown: ['a'], more: 0 });
  });

  it('says why a verify call got no result, by code', () => {
    expect(describeVerifyError({ code: 'NOT_CONNECTED', message: 'link down' })).toBe('Verify could not run: no connection. link down');
    expect(describeVerifyError({ code: 'RECONCILING', message: 'x' })).toMatch(/reconciling orders with the hub/);
    expect(describeVerifyError({ code: 'INTERNAL', message: 'boom' })).toBe('Verify could not run (INTERNAL): boom');
  });
});

// The Duplicate checks view's words and numbers: the counters with their labels and tones, the
// duplicate window, the verify headline and how a failed verify reads. Pure; branches on codes.
import type { DuplicateSummary, VerifyResult } from '../../../src-shared/domain/checks';
import type { ErrorData } from '../../../src-shared/ipc/errors';

/**
 * `neutral`: traffic. `guard`: a duplicate something stopped. `attention`: orders a person should
 * look at now (held, unknown, not received) — only while there are any.
 */
export type CounterTone = 'neutral' | 'guard' | 'attention';

export type CounterKey =
  | 'ordersSent'
  | 'duplicatesAbsorbedByHub'
  | 'repeatSubmissionsStopped'
  | 'holds'
  | 'holdsConfirmed'
  | 'holdsDropped'
  | 'heldNow'
  | 'unknownNow'
  | 'reconciled'
  | 'notReceived';

export interface Counter {
  readonly key: CounterKey;
  readonly label: string;
  readonly value: number;
  readonly tone: CounterTone;
  /** A part of the counter above it (the holds' outcomes): shown indented. */
  readonly part: boolean;
}

const COUNTERS: readonly { key: CounterKey; label: string; tone: CounterTone; part?: true }[] = [
  { key: 'ordersSent', label: 'Orders sent', tone: 'neutral' },
  { key: 'duplicatesAbsorbedByHub', label: 'Duplicates absorbed by the hub', tone: 'guard' },
  { key: 'repeatSubmissionsStopped', label: 'Repeat submissions stopped', tone: 'guard' },
  { key: 'holds', label: 'Pre-trade holds', tone: 'guard' },
  { key: 'holdsConfirmed', label: 'Holds confirmed', tone: 'neutral', part: true },
  { key: 'holdsDropped', label: 'Holds dropped', tone: 'guard', part: true },
  { key: 'heldNow', label: 'Held now', tone: 'attention', part: true },
  { key: 'unknownNow', label: 'Unknown now', tone: 'attention' },
  { key: 'reconciled', label: 'Reconciled', tone: 'neutral' },
  { key: 'notReceived', label: 'Not received', tone: 'attention' },
];

/** The counters in reading order; an attention counter at zero is neutral (nothing to look at). */
export function counters(summary: DuplicateSummary): Counter[] {
  return COUNTERS.map(({ key, label, tone, part }) => {
    const value = summary[key];
    return { key, label, value, tone: tone === 'attention' && value === 0 ? 'neutral' : tone, part: part === true };
  });
}

/** 5000 → "5 s", 2500 → "2.5 s". */
export function windowText(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export function verifyHeadline(result: Pick<VerifyResult, 'pass'>): string {
  return result.pass ? 'Verify: PASS' : 'Verify: FAIL';
}

/** Items listed for a failing verify: enough to start from, few enough to read. */
export const VERIFY_LIST_LIMIT = 50;

export function firstItems<T>(items: readonly T[], limit = VERIFY_LIST_LIMIT): { shown: readonly T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

/** A checks:verify call that got no result (the verify's own failures come back as a result). */
export function describeVerifyError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
      return `Verify could not run: no connection. ${error.message}`;
    case 'TIMEOUT':
    case 'HUB_TIMEOUT':
      return `Verify could not run: no answer in time. ${error.message}`;
    case 'RECONCILING':
      return 'Verify could not run: the console is reconciling orders with the hub; try again in a moment.';
    default:
      return `Verify could not run (${error.code}): ${error.message}`;
  }
}

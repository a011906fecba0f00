// The checks projection: the summary replaces whole, a verify run moves idle → running → done or
// failed, and the result shown is the newer of this window's run and the summary's lastVerify.
import { describe, expect, it } from 'vitest';
import {
  emptyChecks,
  failVerify,
  finishVerify,
  isReconciling,
  replaceSummary,
  shownVerify,
  startVerify,
} from '../../src-renderer/stores/checks';
import type { ChecksState } from '../../src-renderer/stores/checks';
import { checks, verifyResult } from './fixtures';

describe('replaceSummary', () => {
  it('replaces the summary and keeps the verify run', () => {
    const running = startVerify(emptyChecks, 1_000);
    const next = replaceSummary(running, checks({ ordersSent: 40 }));
    expect(next.summary?.ordersSent).toBe(40);
    expect(next.run).toBe(running.run);
    expect(running.summary).toBeNull();
  });
});

describe('verify run', () => {
  it('goes running, then done with the result', () => {
    const running = startVerify(emptyChecks, 1_000);
    expect(running.run).toEqual({ kind: 'running', startedAt: 1_000 });
    const done = finishVerify(running, verifyResult({ pass: false }));
    expect(done.run).toMatchObject({ kind: 'done', result: { pass: false } });
  });

  it('keeps a call that got no result apart from a verify that failed', () => {
    const failed = failVerify(startVerify(emptyChecks, 1), { code: 'TIMEOUT', message: 'no reply' });
    expect(failed.run).toEqual({ kind: 'failed', error: { code: 'TIMEOUT', message: 'no reply' } });
    expect(shownVerify(failed)).toBeNull();
  });
});

describe('shownVerify', () => {
  const own = verifyResult({ at: 2_000, pass: true });
  const withOwn = (state: ChecksState) => finishVerify(state, own);

  it.each([
    { why: 'nothing run, nothing reported', state: emptyChecks, expected: null },
    { why: 'only the summary has one', state: replaceSummary(emptyChecks, checks({ lastVerify: verifyResult({ at: 5 }) })), expected: 5 },
    { why: 'only this window ran one', state: withOwn(emptyChecks), expected: 2_000 },
    {
      why: 'another window verified later',
      state: withOwn(replaceSummary(emptyChecks, checks({ lastVerify: verifyResult({ at: 3_000 }) }))),
      expected: 3_000,
    },
    {
      why: 'the summary still has an older one',
      state: withOwn(replaceSummary(emptyChecks, checks({ lastVerify: verifyResult({ at: 1_000 }) }))),
      expected: 2_000,
    },
  ])('shows the newer result: $why', ({ state, expected }) => {
    expect(shownVerify(state)?.at ?? null).toBe(expected);
  });
});

describe('isReconciling', () => {
  it('is true only while the summary says so; no summary yet is not reconciling', () => {
    expect(isReconciling(emptyChecks)).toBe(false);
    expect(isReconciling(replaceSummary(emptyChecks, checks({ reconciling: true })))).toBe(true);
    expect(isReconciling(replaceSummary(emptyChecks, checks({ reconciling: false })))).toBe(false);
  });
});

// The Reports view's words: the verdict line, row statuses, the latency line, an alert in the
// window, and the export file names.
import { describe, expect, it } from 'vitest';
import {
  alertItemText,
  checkpointFileName,
  describePushError,
  describeReportError,
  isReportWindow,
  latencyText,
  measuredText,
  reportJson,
  rowStatusText,
  verdictText,
} from '../../src-renderer/features/reports/reports-text';
import { alertEvent, report } from './health-fixtures';

describe('verdictText', () => {
  it.each([
    ['1h', 'pass', 'Checkpoint 1 h: PASS'],
    ['24h', 'fail', 'Checkpoint 24 h: FAIL'],
    ['7d', 'pass', 'Checkpoint 7 d: PASS'],
  ] as const)('%s %s reads %s', (window, verdict, expected) => {
    expect(verdictText({ window, verdict })).toBe(expected);
  });
});

describe('cells and lines', () => {
  it.each([
    ['p99', 6.523, '6.5 ms'],
    ['availability', 99.987, '99.99 %'],
    ['hub-down', 0, '0 s'],
    ['throughput', 0.05, '0.05/s'],
    ['push-success', null, '—'],
  ] as const)('shows a measured %s of %s as %s', (target, measured, expected) => {
    expect(measuredText({ target, measured })).toBe(expected);
  });

  it('reads the row statuses as words', () => {
    expect(['pass', 'fail', 'no-data'].map((status) => rowStatusText(status as 'pass'))).toEqual(['pass', 'fail', 'no data']);
  });

  it('sums up the latency, or just the counts when nothing was measured', () => {
    expect(latencyText(report().latency)).toBe('1,234 requests, 2 timeouts · p50 2 ms · p99 12 ms · max 40 ms');
    expect(latencyText({ ...report().latency, requests: 0, timeouts: 0 })).toBe('0 requests, 0 timeouts');
  });

  it('says when an alert fired and resolved, or that it still fires', () => {
    const now = new Date(2025, 2, 3, 18, 0, 0).getTime();
    const firedAt = new Date(2025, 2, 3, 14, 2, 11).getTime();
    expect(alertItemText(alertEvent(1, { firedAt, resolvedAt: firedAt + 49_000 }), now)).toBe(
      'P99 latency: fired 14:02:11, resolved 14:03:00. p99 6200 ms over 5000 ms',
    );
    expect(alertItemText(alertEvent(1, { firedAt, resolvedAt: null }), now)).toMatch(/still firing/);
  });

  it('accepts only the contract\'s windows', () => {
    expect(isReportWindow('12h')).toBe(true);
    expect(isReportWindow('2h')).toBe(false);
  });
});

describe('exports', () => {
  it('names the files after the window and the report\'s time in UTC, without colons', () => {
    expect(checkpointFileName(report(), 'md')).toBe('hubdesk-checkpoint-1h-2025-03-01T14-02-11Z.md');
    expect(checkpointFileName(report({ window: '7d' }), 'json')).toBe('hubdesk-checkpoint-7d-2025-03-01T14-02-11Z.json');
  });

  it('writes the report as pretty JSON that reads back the same', () => {
    const text = reportJson(report());
    expect(text).toContain('\n  "window": "1h",');
    expect(JSON.parse(text)).toEqual(report());
  });

  it('branches a failed build on the code', () => {
    expect(describeReportError({ code: 'NOT_CONNECTED', message: 'x' })).toMatch(/no answer from the console/);
    expect(describeReportError({ code: 'INTERNAL', message: 'boom' })).toBe('The report could not be built (INTERNAL): boom');
  });
});

describe('describePushError', () => {
  it.each([
    ['NOT_CONNECTED', 'The report may not have been queued for Notion: no answer from the console. Check the outbox in the Notion view before pushing again.'],
    ['TIMEOUT', 'The report may not have been queued for Notion: no answer from the console. Check the outbox in the Notion view before pushing again.'],
    ['BAD_INPUT', 'The report was not queued for Notion: the console refused it (boom).'],
    ['INTERNAL', 'The report was not queued for Notion (INTERNAL): boom'],
  ] as const)('reads %s', (code, expected) => {
    expect(describePushError({ code, message: 'boom' })).toBe(expected);
  });
});

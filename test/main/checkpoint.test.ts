// The checkpoint report: one row per target with pass / fail / no data by the alerts' own breach
// rule and the thresholds of the rules given, the verdict (fail iff a row fails), the alerts of the
// window, and the Markdown rendering of all of it.
import { describe, expect, it } from 'vitest';
import { ALERT_RULES, CheckpointReport } from '../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule, AlertRuleId, ReportRow } from '../../src-shared/domain/alerts';
import { buildCheckpoint, renderCheckpointMarkdown } from '../../src-main/reports/checkpoint';
import type { CheckpointInput } from '../../src-main/reports/checkpoint';

const T = Date.UTC(2026, 0, 15, 12, 0, 0);
const DEFAULT_RULES: AlertRule[] = ALERT_RULES.map((def) => ({ id: def.id, enabled: def.enabledByDefault, threshold: def.defaultThreshold }));

/** A window in which every target is met. */
function input(change: Partial<CheckpointInput> = {}): CheckpointInput {
  return {
    window: '1h',
    from: T - 3_600_000,
    to: T,
    generatedAt: T,
    rules: DEFAULT_RULES,
    latency: { p50: 3, p90: 10, p99: 40, p99_9: 100, max: 200, requests: 10_000, timeouts: 0, errors: 0 },
    availability: 1,
    longestOutageMs: 0,
    verify: { at: T - 60_000, hubOrders: 500, hubDuplicates: 0 },
    pushSuccess: 1,
    peakRequestsPerSec: 150,
    alerts: [],
    ...change,
  };
}

const latency = (change: Partial<CheckpointInput['latency']>): Partial<CheckpointInput> => ({ latency: { ...input().latency, ...change } });

function alert(rule: AlertRuleId, change: Partial<AlertEvent> = {}): AlertEvent {
  return { id: 1, rule, firedAt: T - 600_000, resolvedAt: T - 540_000, value: 6000, threshold: 5000, message: 'P99 latency 6000 ms over 5000 ms', ...change };
}

function rowOf(rows: readonly ReportRow[], target: AlertRuleId): ReportRow {
  const row = rows.find((r) => r.target === target);
  if (!row) throw new Error(`no ${target} row`);
  return row;
}

describe('buildCheckpoint', () => {
  it('has one row per target, in the table order, all passing in a good window', () => {
    const report = CheckpointReport.parse(buildCheckpoint(input()));
    expect(report.rows.map((r) => r.target)).toEqual(ALERT_RULES.map((def) => def.id));
    expect(report.rows.map((r) => r.status)).toEqual(ALERT_RULES.map(() => 'pass'));
    expect(report.verdict).toBe('pass');
    expect(report).toMatchObject({ window: '1h', from: T - 3_600_000, to: T, generatedAt: T, alerts: [] });
  });

  it.each<[string, Partial<CheckpointInput>, AlertRuleId, ReportRow['status'], number | null]>([
    ['p99 under the threshold', latency({ p99: 4999 }), 'p99', 'pass', 4999],
    ['p99 at the threshold', latency({ p99: 5000 }), 'p99', 'pass', 5000],
    ['p99 over the threshold', latency({ p99: 5001 }), 'p99', 'fail', 5001],
    ['p50 at the threshold', latency({ p50: 500 }), 'p50', 'pass', 500],
    ['p50 over the threshold', latency({ p50: 500.5 }), 'p50', 'fail', 500.5],
    ['no requests: no p99', latency({ requests: 0, p99: 0 }), 'p99', 'no-data', null],
    ['no requests: no p50', latency({ requests: 0, p50: 0 }), 'p50', 'no-data', null],
    ['no duplicates', {}, 'duplicate-rate', 'pass', 0],
    ['one duplicate in 500 hub orders', { verify: { at: T - 60_000, hubOrders: 500, hubDuplicates: 1 } }, 'duplicate-rate', 'fail', 0.2],
    ['a verify that found no hub orders', { verify: { at: T - 60_000, hubOrders: 0, hubDuplicates: 0 } }, 'duplicate-rate', 'pass', 0],
    ['no verify in the window', { verify: null }, 'duplicate-rate', 'no-data', null],
    ['throughput above the target', { peakRequestsPerSec: 150 }, 'throughput', 'pass', 150],
    ['throughput at the target', { peakRequestsPerSec: 100 }, 'throughput', 'pass', 100],
    ['throughput below the target: demand, not a failure', { peakRequestsPerSec: 99.9 }, 'throughput', 'no-data', 99.9],
    ['no pushes', { pushSuccess: null }, 'push-success', 'no-data', null],
    ['pushes at the target', { pushSuccess: 0.99 }, 'push-success', 'pass', 99],
    ['pushes under the target', { pushSuccess: 0.985 }, 'push-success', 'fail', 98.5],
    ['availability at the target', { availability: 0.99 }, 'availability', 'pass', 99],
    ['availability 98.5 %', { availability: 0.985 }, 'availability', 'fail', 98.5],
    ['availability: the console never ran', { availability: null }, 'availability', 'no-data', null],
    ['no outage', { longestOutageMs: 0 }, 'hub-down', 'pass', 0],
    ['a 10 s outage is at the threshold', { longestOutageMs: 10_000 }, 'hub-down', 'pass', 10],
    ['a 12 s outage', { longestOutageMs: 12_000 }, 'hub-down', 'fail', 12],
    ['outages: nothing observed', { longestOutageMs: null }, 'hub-down', 'no-data', null],
    ['no unknown-order alert', { alerts: [alert('p99')] }, 'unknown-order', 'pass', 0],
    ['an order unknown for 45 s', { alerts: [alert('unknown-order', { value: 45, threshold: 30 })] }, 'unknown-order', 'fail', 45],
  ])('%s', (_name, change, target, status, measured) => {
    const report = CheckpointReport.parse(buildCheckpoint(input(change)));
    const row = rowOf(report.rows, target);
    expect(row.status).toBe(status);
    if (measured === null) expect(row.measured).toBeNull();
    else expect(row.measured).toBeCloseTo(measured, 9);
    // The verdict fails exactly when a row fails; no data neither passes nor fails it.
    expect(report.verdict).toBe(status === 'fail' ? 'fail' : 'pass');
    expect(report.rows.filter((r) => r.target !== target && r.status === 'fail')).toEqual([]);
  });

  it('says why a row has no data', () => {
    const report = buildCheckpoint(input({ peakRequestsPerSec: 12.5, verify: null, pushSuccess: null, availability: null, longestOutageMs: null, latency: { ...input().latency, requests: 0 } }));
    expect(rowOf(report.rows, 'throughput').detail).toMatch(/demand never reached the target/);
    expect(rowOf(report.rows, 'duplicate-rate').detail).toMatch(/no verify/);
    expect(rowOf(report.rows, 'p99').detail).toMatch(/no hub requests/);
    expect(rowOf(report.rows, 'push-success').detail).toMatch(/no Notion pushes/);
    expect(rowOf(report.rows, 'availability').detail).toMatch(/did not run/);
    expect(report.verdict).toBe('pass');
  });

  it('takes thresholds from the rules given: a changed p99 threshold changes the goal and the status', () => {
    const measured = latency({ p99: 2000 });
    const byDefault = rowOf(buildCheckpoint(input(measured)).rows, 'p99');
    expect(byDefault).toMatchObject({ goal: '≤ 5,000 ms', status: 'pass' });

    const strict = DEFAULT_RULES.map((rule) => (rule.id === 'p99' ? { ...rule, threshold: 1000 } : rule));
    const report = buildCheckpoint(input({ ...measured, rules: strict }));
    expect(rowOf(report.rows, 'p99')).toMatchObject({ goal: '≤ 1,000 ms', status: 'fail', measured: 2000 });
    expect(report.verdict).toBe('fail');

    // A rule missing from the list falls back to its default threshold.
    const without = DEFAULT_RULES.filter((rule) => rule.id !== 'availability');
    expect(rowOf(buildCheckpoint(input({ availability: 0.985, rules: without })).rows, 'availability')).toMatchObject({ goal: '≥ 99 %', status: 'fail' });
    const lenient = DEFAULT_RULES.map((rule) => (rule.id === 'availability' ? { ...rule, threshold: 98 } : rule));
    expect(rowOf(buildCheckpoint(input({ availability: 0.985, rules: lenient })).rows, 'availability')).toMatchObject({ goal: '≥ 98 %', status: 'pass' });
  });

  it('states the duplicate-rate goal as 0 % and the latency detail with requests and timeouts', () => {
    const report = buildCheckpoint(input(latency({ p99: 5500, requests: 12_345, timeouts: 7 })));
    expect(rowOf(report.rows, 'duplicate-rate').goal).toBe('0 %');
    expect(rowOf(report.rows, 'p99').detail).toBe('5,500 ms over 12,345 requests (7 timed out, counted)');
  });

  it('lists the alerts of the window, and keeps the latency figures as given', () => {
    const alerts = [alert('p99'), alert('availability', { id: 2, resolvedAt: null, value: 97, threshold: 99, message: 'Availability (1 h) 97 % under 99 %' })];
    const report = buildCheckpoint(input({ alerts }));
    expect(report.alerts).toEqual(alerts);
    expect(report.latency).toEqual(input().latency);
  });
});

describe('renderCheckpointMarkdown', () => {
  const tableLines = (markdown: string): string[] => markdown.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Target') && !line.startsWith('| ---'));

  it('a passing report: PASS heading, one table line per target, no alerts', () => {
    const markdown = renderCheckpointMarkdown(buildCheckpoint(input()));
    expect(markdown.split('\n')[0]).toBe('# hubdesk checkpoint 1h: PASS');
    expect(markdown).toContain('Window 2026-01-15T11:00:00Z to 2026-01-15T12:00:00Z');
    expect(markdown).toContain('| Target | Goal | Measured | Status | Detail |');
    const lines = tableLines(markdown);
    expect(lines).toHaveLength(ALERT_RULES.length);
    // The availability row covers the report's window, so its label drops the rule's "(1 h)".
    const label = (def: (typeof ALERT_RULES)[number]): string => (def.id === 'availability' ? 'Availability' : def.label);
    ALERT_RULES.forEach((def, i) => expect(lines[i]).toMatch(new RegExp(`^\\| ${label(def).replace(/[()]/g, '\\$&')} \\|.*\\| pass \\|`)));
    expect(markdown).toMatch(/## Alerts in the window\n\nNone\./);
  });

  it('a failing report: FAIL heading, the failing row, no-data rows, and each alert', () => {
    const alerts = [alert('p99'), alert('hub-down', { id: 2, resolvedAt: null, value: 12, threshold: 10, message: 'Hub down 12 s over 10 s' })];
    const report = buildCheckpoint(input({ ...latency({ p99: 6000 }), verify: null, alerts }));
    const markdown = renderCheckpointMarkdown(report);
    expect(markdown.split('\n')[0]).toBe('# hubdesk checkpoint 1h: FAIL');
    const lines = tableLines(markdown);
    expect(lines).toHaveLength(ALERT_RULES.length);
    expect(lines.find((line) => line.startsWith('| P99 latency |'))).toMatch(/^\| P99 latency \| ≤ 5,000 ms \| 6,000 ms \| fail \|/);
    expect(lines.find((line) => line.startsWith('| Duplicate rate |'))).toMatch(/\| — \| no data \|/);
    expect(markdown).toContain('- P99 latency: fired 2026-01-15T11:50:00Z, resolved 2026-01-15T11:51:00Z: P99 latency 6000 ms over 5000 ms');
    expect(markdown).toContain('- Hub down: fired 2026-01-15T11:50:00Z, still firing: Hub down 12 s over 10 s');
    expect(markdown).not.toContain('None.');
  });
});

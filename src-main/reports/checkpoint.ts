// The release-style checkpoint for a window: every target of the table, what was measured, pass or
// fail (with the same rule as the alerts), and the alerts that fired; rendered as Markdown too.
// Pure: the figures come in already gathered (report-data.ts reads them from the data dir).
import { alertRuleDef } from '../../src-shared/domain/alerts';
import type { AlertEvent, AlertRule, AlertRuleDef, AlertRuleId, CheckpointReport, ReportRow, ReportWindow } from '../../src-shared/domain/alerts';
import { breaches } from '../alerts/alert-rules';

export interface CheckpointInput {
  window: ReportWindow;
  from: number;
  to: number;
  generatedAt: number;
  rules: readonly AlertRule[];
  latency: CheckpointReport['latency'];
  /** Share of observed time the hub was usable; null when the console never ran in the window. */
  availability: number | null;
  /** Longest hub outage within the window, in ms (0: none); null when nothing was observed. */
  longestOutageMs: number | null;
  /** The last verify against the hub in the window. */
  verify: { at: number; hubOrders: number; hubDuplicates: number } | null;
  pushSuccess: number | null;
  /** The busiest minute's hub requests per second. */
  peakRequestsPerSec: number;
  alerts: readonly AlertEvent[];
}

const UNIT_TEXT: Record<AlertRuleDef['unit'], string> = { ms: ' ms', s: ' s', '%': ' %', '/s': '/s' };

export function formatValue(def: AlertRuleDef, value: number): string {
  const digits = def.unit === '%' ? (Math.abs(value) < 10 && value !== 0 ? 3 : 2) : def.unit === 'ms' ? (value < 10 ? 3 : 0) : 1;
  return `${Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits })}${UNIT_TEXT[def.unit]}`;
}

function goal(def: AlertRuleDef, threshold: number): string {
  if (def.id === 'duplicate-rate' && threshold === 0) return '0 %';
  return `${def.fires === 'above' ? '≤' : '≥'} ${formatValue(def, threshold)}`;
}

export function buildCheckpoint(input: CheckpointInput): CheckpointReport {
  const threshold = (id: AlertRuleId): number => input.rules.find((rule) => rule.id === id)?.threshold ?? alertRuleDef(id).defaultThreshold;
  const fired = (id: AlertRuleId): AlertEvent[] => input.alerts.filter((alert) => alert.rule === id);
  const row = (id: AlertRuleId, measured: number | null, detail: string, noData = false): ReportRow => {
    const def = alertRuleDef(id);
    const limit = threshold(id);
    const status = measured === null || noData ? 'no-data' : breaches(def, measured, limit) ? 'fail' : 'pass';
    // The availability rule watches the last hour; in a report it covers the report's window.
    return { target: id, label: id === 'availability' ? 'Availability' : def.label, goal: goal(def, limit), measured, detail, status };
  };
  const { latency } = input;
  const requests = latency.requests;
  const latencyDetail = (value: number): string =>
    `${formatValue(alertRuleDef('p50'), value)} over ${requests.toLocaleString('en-US')} requests (${latency.timeouts.toLocaleString('en-US')} timed out, counted)`;
  const rows: ReportRow[] = [
    input.verify === null
      ? row('duplicate-rate', null, 'no verify against the hub in this window')
      : (() => {
          const rate = input.verify.hubOrders === 0 ? 0 : (input.verify.hubDuplicates / input.verify.hubOrders) * 100;
          return row('duplicate-rate', rate, `${input.verify.hubDuplicates} duplicated of ${input.verify.hubOrders.toLocaleString('en-US')} hub orders at the verify of ${new Date(input.verify.at).toISOString()}`);
        })(),
    requests === 0 ? row('p99', null, 'no hub requests in this window') : row('p99', latency.p99, latencyDetail(latency.p99)),
    requests === 0 ? row('p50', null, 'no hub requests in this window') : row('p50', latency.p50, latencyDetail(latency.p50)),
    input.pushSuccess === null ? row('push-success', null, 'no Notion pushes (bridge not configured)') : row('push-success', input.pushSuccess * 100, 'of Notion pushes'),
    throughputRow(input.peakRequestsPerSec, threshold('throughput'), row),
    input.availability === null
      ? row('availability', null, 'the console did not run in this window')
      : row('availability', input.availability * 100, 'of the time the console ran, the hub was up or degraded'),
    input.longestOutageMs === null
      ? row('hub-down', null, 'the console did not run in this window')
      : row('hub-down', input.longestOutageMs / 1000, input.longestOutageMs === 0 ? 'no outage' : 'longest outage'),
    unknownRow(fired('unknown-order'), row),
  ];
  return {
    window: input.window,
    from: input.from,
    to: input.to,
    generatedAt: input.generatedAt,
    verdict: rows.some((r) => r.status === 'fail') ? 'fail' : 'pass',
    rows,
    latency,
    alerts: [...input.alerts],
  };
}

type RowMaker = (id: AlertRuleId, measured: number | null, detail: string, noData?: boolean) => ReportRow;

/** Throughput measures demand as much as capacity: below the target it was not shown, not failed. */
function throughputRow(peak: number, target: number, row: RowMaker): ReportRow {
  if (peak >= target) return row('throughput', peak, 'busiest minute of hub requests');
  return row('throughput', peak, `busiest minute; demand never reached the target, so capacity was not shown (npm run stress shows it)`, true);
}

/** The alert engine watches unknown orders every second; the report takes its verdict from there. */
function unknownRow(alerts: readonly AlertEvent[], row: RowMaker): ReportRow {
  if (alerts.length === 0) return row('unknown-order', 0, 'no order stayed unknown past the threshold (no alert fired)');
  const worst = Math.max(...alerts.map((alert) => alert.value));
  return row('unknown-order', worst, `${alerts.length} alert(s); the value is the age when the alert fired`);
}

export function renderCheckpointMarkdown(report: CheckpointReport): string {
  const when = (at: number): string => new Date(at).toISOString().replace('.000Z', 'Z');
  const ms = (value: number): string => formatValue(alertRuleDef('p50'), value);
  const lines = [
    `# hubdesk checkpoint ${report.window}: ${report.verdict.toUpperCase()}`,
    '',
    `Window ${when(report.from)} to ${when(report.to)}, generated ${when(report.generatedAt)}.`,
    '',
    '| Target | Goal | Measured | Status | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...report.rows.map((r) => {
      const measured = r.measured === null ? '—' : formatValue(alertRuleDef(r.target), r.measured);
      return `| ${r.label} | ${r.goal} | ${measured} | ${r.status === 'no-data' ? 'no data' : r.status} | ${r.detail} |`;
    }),
    '',
    `Hub requests: ${report.latency.requests.toLocaleString('en-US')} (timeouts ${report.latency.timeouts.toLocaleString('en-US')}, errors ${report.latency.errors.toLocaleString('en-US')}); ` +
      `p50 ${ms(report.latency.p50)}, p90 ${ms(report.latency.p90)}, p99 ${ms(report.latency.p99)}, p99.9 ${ms(report.latency.p99_9)}, max ${ms(report.latency.max)}.`,
    '',
    '## Alerts in the window',
    '',
    ...(report.alerts.length === 0
      ? ['None.']
      : report.alerts.map((a) => `- ${alertRuleDef(a.rule).label}: fired ${when(a.firedAt)}, ${a.resolvedAt === null ? 'still firing' : `resolved ${when(a.resolvedAt)}`}: ${a.message}`)),
    '',
  ];
  return lines.join('\n');
}

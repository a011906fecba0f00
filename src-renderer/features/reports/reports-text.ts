// The Reports view's words: the window choices, the verdict line, row statuses, the latency line,
// an alert in the window, the export file names and how a failed build reads. Pure.
import { alertRuleDef } from '../../../src-shared/domain/alerts';
import type { AlertEvent, CheckpointReport, ReportRow, ReportWindow } from '../../../src-shared/domain/alerts';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { DASH, fileStamp, formatClock, formatCount, formatMs, formatRuleValue } from '../../components/format';

export const REPORT_WINDOWS: readonly { readonly window: ReportWindow; readonly label: string }[] = [
  { window: '1h', label: '1 h' },
  { window: '4h', label: '4 h' },
  { window: '12h', label: '12 h' },
  { window: '24h', label: '24 h' },
  { window: '7d', label: '7 d' },
];

export function isReportWindow(value: string): value is ReportWindow {
  return REPORT_WINDOWS.some((option) => option.window === value);
}

export function windowLabel(window: ReportWindow): string {
  return REPORT_WINDOWS.find((option) => option.window === window)?.label ?? window;
}

/** "Checkpoint 1 h: PASS". */
export function verdictText(report: Pick<CheckpointReport, 'window' | 'verdict'>): string {
  return `Checkpoint ${windowLabel(report.window)}: ${report.verdict.toUpperCase()}`;
}

/** The measured value in its rule's unit; "—" when there was nothing to measure. */
export function measuredText(row: Pick<ReportRow, 'target' | 'measured'>): string {
  return row.measured === null ? DASH : formatRuleValue(alertRuleDef(row.target), row.measured);
}

export function rowStatusText(status: ReportRow['status']): string {
  return status === 'no-data' ? 'no data' : status;
}

/** "1,234 requests, 2 timeouts · p50 1.2 ms · p99 40 ms · max 320 ms". */
export function latencyText(latency: CheckpointReport['latency']): string {
  const timeouts = `${formatCount(latency.timeouts)} ${latency.timeouts === 1 ? 'timeout' : 'timeouts'}`;
  const requests = `${formatCount(latency.requests)} ${latency.requests === 1 ? 'request' : 'requests'}`;
  if (latency.requests === 0) return `${requests}, ${timeouts}`;
  return `${requests}, ${timeouts} · p50 ${formatMs(latency.p50)} · p99 ${formatMs(latency.p99)} · max ${formatMs(latency.max)}`;
}

/** "P99 latency: fired 14:02:11, resolved 14:03:00. p99 6200 ms > 5000 ms". */
export function alertItemText(event: AlertEvent, now: number): string {
  const resolved = event.resolvedAt === null ? 'still firing' : `resolved ${formatClock(event.resolvedAt, now)}`;
  return `${alertRuleDef(event.rule).label}: fired ${formatClock(event.firedAt, now)}, ${resolved}. ${event.message}`;
}

export function periodText(report: Pick<CheckpointReport, 'from' | 'to'>, now: number): string {
  return `${formatClock(report.from, now)} – ${formatClock(report.to, now)}`;
}

/** hubdesk-checkpoint-1h-2025-03-01T14-02-11Z.md: the report's own time, in UTC. */
export function checkpointFileName(report: Pick<CheckpointReport, 'window' | 'generatedAt'>, extension: 'md' | 'json'): string {
  return `hubdesk-checkpoint-${report.window}-${fileStamp(report.generatedAt)}.${extension}`;
}

export function reportJson(report: CheckpointReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function describeReportError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'The report could not be built: no answer from the console. Try again once it is reachable.';
    case 'BAD_INPUT':
      return `The report could not be built: the console refused the window (${error.message}).`;
    default:
      return `The report could not be built (${error.code}): ${error.message}`;
  }
}

/** A failed Push to Notion: a lost reply may still have queued the report, so it says where to look. */
export function describePushError(error: ErrorData): string {
  switch (error.code) {
    case 'NOT_CONNECTED':
    case 'TIMEOUT':
      return 'The report may not have been queued for Notion: no answer from the console. Check the outbox in the Notion view before pushing again.';
    case 'BAD_INPUT':
      return `The report was not queued for Notion: the console refused it (${error.message}).`;
    default:
      return `The report was not queued for Notion (${error.code}): ${error.message}`;
  }
}

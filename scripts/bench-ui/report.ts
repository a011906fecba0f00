// The bench's output: one JSON object, or the human table (orders, then UI baseline vs under load,
// then opening and hub client notes) on stdout. Formats figures only; measures nothing.
import type { LatencyFigures } from '../../src-main/metrics/latency-figures';
import type { LoadFigures } from './load';
import { sumValues } from './numbers';
import type { UiFigures } from './page-probe';
import type { ProfileFigures } from './profile';

export interface Report {
  load: LoadFigures;
  /** From the click on Health until the settle time later: the view's mount and first chart render. */
  opening: UiFigures;
  baseline: UiFigures;
  ui: UiFigures;
  consoleStderrLines: number;
  /** The console's hub client counters after the load (its /api/health), or null if it did not answer. */
  hubClient: Record<string, number> | null;
  chromium: string;
  /** The renderer bundle measured (out/renderer/assets/index-HASH.js) and when it was built. */
  renderer: string;
  profile?: ProfileFigures;
}

export function printReport(report: Report, json: boolean): void {
  if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else printHuman(report);
}

function printHuman(report: Report): void {
  const { load, baseline, ui } = report;
  const out: string[] = [];
  const failed = sumValues(load.failed);
  const latency = (f: LatencyFigures): string => `p50 ${f.p50} ms  p99 ${f.p99} ms  max ${f.max} ms`;
  out.push(`bench:ui — Health view shown in Chromium ${report.chromium}, orders through the console's WebSocket API`);
  out.push(`renderer ${report.renderer}`);
  out.push('');
  out.push('orders');
  out.push(`  target rate          ${load.targetRate}/s for ${load.seconds} s, open loop over ${load.connections} WebSocket connection(s)`);
  out.push(`  sent                 ${load.sent} (${load.sentPerSecond}/s)${load.skipped > 0 ? `, ${load.skipped} not sent (backlog over bound)` : ''}`);
  out.push(`  placed               ${load.placed}, achieved ${load.placedPerSecond} orders/s (first sent → last reply: ${(load.durationMs / 1000).toFixed(1)} s)`);
  out.push(`  held (duplicate)     ${load.held}`);
  out.push(`  failed               ${failed}${failed > 0 ? ` (${Object.entries(load.failed).map(([code, n]) => `${code} ${n}`).join(', ')})` : ''}`);
  out.push(`  final status         ${Object.entries(load.statuses).map(([status, n]) => `${status} ${n}`).join(', ') || '—'}`);
  for (const [reason, n] of Object.entries(load.reasons)) out.push(`    ${n} × ${reason}`);
  const changes = load.connectionChanges.map((change) => `${change.state} at +${change.atSeconds} s`).join(', ');
  out.push(`  hub connection       ${changes ? `changed during the load: ${changes}` : 'no change during the load'}`);
  out.push(`  order round trip     ${latency(load.roundTripMs)}   (tickets:create → orders:place reply)`);
  out.push(`  orders:place alone   ${latency(load.placeMs)}`);
  out.push(`  from schedule        ${latency(load.fromScheduleMs)}   (due time → reply: includes the bench's own lag)`);
  out.push(`  bench send lag       ${latency(load.sendLagMs)}   (due time → tickets:create sent)`);
  out.push('');
  const rows: [string, (f: UiFigures) => string][] = [
    ['window', (f) => `${(f.durationMs / 1000).toFixed(1)} s`],
    ['frames (fps)', (f) => `${f.frames} (${f.fps}/s)`],
    ['frame interval p50/p99/max', (f) => `${f.frameIntervalMs.p50} / ${f.frameIntervalMs.p99} / ${f.frameIntervalMs.max} ms`],
    ['frames > 50 ms', (f) => String(f.framesOver50Ms)],
    ['long tasks count', (f) => String(f.longTasks.count)],
    ['long tasks total / longest', (f) => `${f.longTasks.totalMs} / ${f.longTasks.longestMs} ms`],
    ['WS messages/s (KiB/s)', (f) => `${f.wsMessagesPerSecond} (${f.wsKilobytesPerSecond})`],
    ['  health:changed/s', (f) => String(f.wsPerChannelPerSecond['health:changed'] ?? 0)],
    ['  orders:changed/s', (f) => String(f.wsPerChannelPerSecond['orders:changed'] ?? 0)],
  ];
  const others = new Set([...Object.keys(baseline.wsPerChannelPerSecond), ...Object.keys(ui.wsPerChannelPerSecond)]);
  for (const kind of others) {
    if (kind !== 'health:changed' && kind !== 'orders:changed') rows.push([`  ${kind}/s`, (f) => String(f.wsPerChannelPerSecond[kind] ?? 0)]);
  }
  rows.push(
    ['by quarter: long-task ms', (f) => f.quarters.longTaskMs.join(' / ')],
    ['by quarter: frames > 50 ms', (f) => f.quarters.framesOver50Ms.join(' / ')],
    ['by quarter: frame p99 ms', (f) => f.quarters.frameP99Ms.join(' / ')],
  );
  rows.push(['DOM nodes at end', (f) => String(f.domNodes)], ['Orders table rows at end', (f) => String(f.ordersTableRows)]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const col = Math.max(24, ...rows.map(([, value]) => value(baseline).length + 2));
  out.push(`${'UI (Health view)'.padEnd(width)}${'baseline, no load'.padEnd(col)}under load`);
  for (const [label, value] of rows) out.push(`${label.padEnd(width)}${value(baseline).padEnd(col)}${value(ui)}`);
  out.push('');
  const { opening } = report;
  out.push(
    `opening the Health view (click → +${(opening.durationMs / 1000).toFixed(1)} s, no load): long tasks ${opening.longTasks.count}, total ${opening.longTasks.totalMs} ms, longest ${opening.longTasks.longestMs} ms; longest frame ${opening.frameIntervalMs.max} ms`,
  );
  const counters = report.hubClient ? Object.entries(report.hubClient).map(([name, n]) => `${name} ${n}`).join(', ') : 'not available';
  out.push(`console's hub client after the load: ${counters}`);
  out.push(`bench sockets got ${load.benchSocketEvents} pushed events during the load; the console wrote ${report.consoleStderrLines} lines on stderr (log level warn)`);
  if (report.profile) {
    out.push('');
    out.push(`page CPU profile during the load (${report.profile.totalMs} ms, saved to ${report.profile.file}): top self time`);
    for (const entry of report.profile.top) out.push(`  ${String(entry.selfMs).padStart(6)} ms ${String(entry.percent).padStart(5)} %  ${entry.fn}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

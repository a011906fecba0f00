// What `npm run bench` reports: the raw floor (closed loop, and open loop through the same runner),
// the console's hub client, their ratios, the targets met or MISSED (said plainly), and the
// machine. Pure: no clocks, no I/O.
import type { LatencyFigures } from '../../metrics/latency-figures';
import { formatMs, formatRows } from '../stress/format';

export interface Machine {
  node: string;
  cpu: string;
  cores: number;
}

export interface OpenLoopRunFigures extends LatencyFigures {
  count: number;
  rate: number;
  durationMs: number;
  throughput: number;
  failures: number;
}

export interface ClientRun extends OpenLoopRunFigures {
  retries: number;
  timeouts: number;
}

export interface Verdict {
  target: string;
  met: boolean;
  detail: string;
}

export interface BenchReport {
  machine: Machine;
  /** The floor proper: closed loop, one request at a time. */
  raw: LatencyFigures & { count: number; warmup: number };
  /** The same bare DEALER through the open-loop runner: what the generator and the platform add. */
  rawOpen: OpenLoopRunFigures;
  client: ClientRun;
  /** client / raw closed loop, 2 decimals. */
  ratio: { p50: number; p99: number };
  verdicts: Verdict[];
}

/** The targets: p50 within 2x the raw floor, p99 under 1 ms. */
export const MAX_P50_RATIO = 2;
export const MAX_P99_MS = 1;

export function ratio(client: number, raw: number): number {
  return raw > 0 ? Math.round((client / raw) * 100) / 100 : 0;
}

export function verdicts(raw: LatencyFigures, client: LatencyFigures & { failures: number }): Verdict[] {
  return [
    {
      target: `p50 within ${MAX_P50_RATIO}x the raw floor`,
      met: raw.p50 > 0 && client.p50 <= MAX_P50_RATIO * raw.p50,
      detail: `${formatMs(client.p50)} = ${ratio(client.p50, raw.p50)}x raw ${formatMs(raw.p50)}`,
    },
    { target: `p99 < ${MAX_P99_MS} ms`, met: client.p99 < MAX_P99_MS, detail: formatMs(client.p99) },
    { target: 'no failed requests', met: client.failures === 0, detail: `${client.failures} failed` },
  ];
}

export function buildBenchReport(machine: Machine, raw: BenchReport['raw'], rawOpen: OpenLoopRunFigures, client: ClientRun): BenchReport {
  return {
    machine,
    raw,
    rawOpen,
    client,
    ratio: { p50: ratio(client.p50, raw.p50), p99: ratio(client.p99, raw.p99) },
    verdicts: verdicts(raw, client),
  };
}

export function verdictLine(verdict: Verdict): string {
  return `target ${verdict.target}: ${verdict.met ? 'MET' : 'MISSED'} (${verdict.detail})`;
}

const COLUMNS = ['p50', 'p90', 'p99', 'p99_9', 'max'] as const;

/** Right-aligned figures under a header, the label column left-aligned. */
export function figuresTable(rows: ReadonlyArray<readonly [string, LatencyFigures]>): string {
  const table = [['ms', 'p50', 'p90', 'p99', 'p99.9', 'max'], ...rows.map(([label, figures]) => [label, ...COLUMNS.map((key) => figures[key].toFixed(3))])];
  const widths = (table[0] ?? []).map((_, column) => Math.max(...table.map((row) => (row[column] ?? '').length)));
  return table.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ')).join('\n');
}

function runLine(run: OpenLoopRunFigures): string {
  return `${run.count} pings at ${run.rate} req/s, ${run.throughput.toFixed(1)} req/s achieved over ${formatMs(run.durationMs)}, ${run.failures} failed`;
}

export function benchTable(report: BenchReport): string {
  const { machine, raw, rawOpen, client } = report;
  return [
    formatRows([
      ['machine', `${machine.cpu}, ${machine.cores} cores, node ${machine.node}`],
      ['hub', 'simulated hub in this process, no faults, quotes frozen'],
      ['raw closed loop', `bare DEALER, send / wait / repeat, ${raw.count} pings after ${raw.warmup} warm-up`],
      ['raw open loop', `bare DEALER through the stress runner: ${runLine(rawOpen)}`],
      ['hub client', `ZmqHubClient through the stress runner: ${runLine(client)}; ${client.retries} retries, ${client.timeouts} timeouts`],
    ]),
    'open loop: latency from each request\'s scheduled time (stalls and queueing count)',
    '',
    figuresTable([
      ['raw closed loop', raw],
      ['raw open loop', rawOpen],
      ['hub client', client],
    ]),
    '',
    `ratio hub client / raw closed loop: p50 ${report.ratio.p50}x, p99 ${report.ratio.p99}x`,
    ...report.verdicts.map(verdictLine),
  ].join('\n');
}

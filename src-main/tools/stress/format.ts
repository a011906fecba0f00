// What a stress run reports, and its two renderings: one JSON object (machine-readable, fixed
// keys) and a table for people. Pure: no clocks, no I/O.

export interface StressReport {
  count: number;
  /** The target rate, requests per second. */
  rate: number;
  concurrency: number;
  /** From the first request's due time to the last request's end. */
  durationMs: number;
  /** Successful requests per second over durationMs. */
  throughput: number;
  /** Latencies in ms, from each request's scheduled time to its end (success or final failure). */
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
  retries: number;
  /** Attempts that timed out (a request retried after a timeout counts once per attempt). */
  timeouts: number;
  /** Requests that finally failed; their time to failure is in the percentiles too. */
  failures: number;
  hub: string;
  dataDir: string;
}

/** The keys of the JSON output, in order. */
export const REPORT_KEYS = [
  'count',
  'rate',
  'concurrency',
  'durationMs',
  'throughput',
  'p50',
  'p90',
  'p99',
  'p99_9',
  'max',
  'retries',
  'timeouts',
  'failures',
  'hub',
  'dataDir',
] as const satisfies ReadonlyArray<keyof StressReport>;

export function reportJson(report: StressReport): string {
  return JSON.stringify(Object.fromEntries(REPORT_KEYS.map((key) => [key, report[key]])));
}

/** ms with 3 decimals (the microsecond), right-aligned by the caller. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(3)} ms`;
}

/** Two columns, the labels padded to one width. */
export function formatRows(rows: ReadonlyArray<readonly [string, string]>): string {
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n');
}

/** Failures by error code, most frequent first: "TIMEOUT 3, NOT_CONNECTED 1". */
export function formatFailureCodes(codes: Readonly<Record<string, number>>): string {
  return Object.entries(codes)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code, n]) => `${code} ${n}`)
    .join(', ');
}

export function reportTable(report: StressReport, failureCodes: Readonly<Record<string, number>> = {}): string {
  const codes = formatFailureCodes(failureCodes);
  const rows: Array<readonly [string, string]> = [
    ['hub', report.hub],
    ['requests', `${report.count} ping`],
    ['rate target', `${report.rate} req/s (open loop, concurrency cap ${report.concurrency})`],
    ['throughput', `${report.throughput.toFixed(1)} req/s achieved`],
    ['duration', formatMs(report.durationMs)],
    ['p50', formatMs(report.p50)],
    ['p90', formatMs(report.p90)],
    ['p99', formatMs(report.p99)],
    ['p99.9', formatMs(report.p99_9)],
    ['max', formatMs(report.max)],
    ['retries', String(report.retries)],
    ['timeouts', `${report.timeouts} attempts`],
    ['failures', codes ? `${report.failures} (${codes})` : String(report.failures)],
    ['retry log', report.dataDir],
  ];
  return [
    'latency = end of request - its scheduled time (retries and queueing included; failures included)',
    formatRows(rows),
  ].join('\n');
}

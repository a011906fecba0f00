// The report tool's command line. Pure: throws a FlagError whose message names the flag.
import { parseArgs } from 'node:util';
import { ReportWindow } from '../../../src-shared/domain/alerts';
import { FlagError } from '../stress/flags';

export interface ReportOptions {
  dataDir: string;
  window: ReportWindow;
  json: boolean;
}

/** Exit codes, as --help documents them. */
export const REPORT_EXIT = { pass: 0, error: 1, badFlags: 2, fail: 3 } as const;

export const REPORT_USAGE = [
  'usage: npm run report -- --data-dir DIR [--window 1h|4h|12h|24h|7d] [--json]',
  '',
  '  The release-style checkpoint of the console whose data dir is DIR, for the last WINDOW',
  '  (default 1h): every target (duplicate rate, p99, p50, push success, throughput, availability,',
  '  hub down, order unknown), the measured value, pass / fail / no data, and the alerts that fired.',
  '  Read-only: it may run while the console runs. The same report as the Reports view.',
  '  --json   the report as one JSON object instead of Markdown',
  'exit codes: 0 the checkpoint passes, 3 it fails (the report is printed all the same),',
  '  1 run error (no metrics in DIR), 2 bad flags',
].join('\n');

export function parseReportArgs(argv: readonly string[]): ReportOptions {
  let values: { 'data-dir'?: string; window?: string; json?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      options: { 'data-dir': { type: 'string' }, window: { type: 'string' }, json: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  if (!values['data-dir']) throw new FlagError('--data-dir is required');
  const window = ReportWindow.safeParse(values.window ?? '1h');
  if (!window.success) throw new FlagError(`--window must be one of ${ReportWindow.options.join(', ')}, got ${JSON.stringify(values.window)}`);
  return { dataDir: values['data-dir'], window: window.data, json: values.json ?? false };
}

// Entry point of `npm run report -- --data-dir DIR --window 24h [--json]`: the checkpoint report of
// a console's data dir as Markdown (or JSON) on stdout, read from the files the console keeps.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ALERT_RULES } from '../../../src-shared/domain/alerts';
import { AlertStore } from '../../alerts/alert-store';
import { OutboxStore } from '../../integrations/notion/outbox-store';
import { MetricsHistory } from '../../metrics/metrics-history';
import { renderCheckpointMarkdown } from '../../reports/checkpoint';
import { collectCheckpoint } from '../../reports/report-data';
import { FlagError } from '../stress/flags';
import { runToolMain } from '../tool-main';
import { parseReportArgs, REPORT_EXIT, REPORT_USAGE } from './flags';
import type { ReportOptions } from './flags';

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${REPORT_USAGE}\n`);
    return REPORT_EXIT.pass;
  }
  let options: ReportOptions;
  try {
    options = parseReportArgs(argv);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`report: ${error.message} (see --help)\n`);
    return REPORT_EXIT.badFlags;
  }
  // Nothing is created where no console ran: a mistyped DIR is an error, not an empty report.
  if (!existsSync(join(options.dataDir, 'metrics.sqlite'))) {
    process.stderr.write(`report: no metrics in ${options.dataDir} (metrics.sqlite is missing: has a console run with this data dir?)\n`);
    return REPORT_EXIT.error;
  }
  const history = new MetricsHistory(options.dataDir);
  const alerts = existsSync(join(options.dataDir, 'alerts.sqlite')) ? new AlertStore(options.dataDir) : undefined;
  const outbox = existsSync(join(options.dataDir, 'outbox.sqlite')) ? new OutboxStore(options.dataDir) : undefined;
  try {
    const report = await collectCheckpoint(
      {
        history,
        ...(outbox ? { pushSuccess: (from: number, to: number) => outbox.deliveryBetween(from, to) } : {}),
        alerts: alerts ?? { rules: () => ALERT_RULES.map((def) => ({ id: def.id, enabled: def.enabledByDefault, threshold: def.defaultThreshold })), between: () => [] },
      },
      options.window,
      Date.now(),
    );
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderCheckpointMarkdown(report));
    return report.verdict === 'pass' ? REPORT_EXIT.pass : REPORT_EXIT.fail;
  } finally {
    alerts?.close();
    outbox?.close();
    history.close();
  }
}

runToolMain('report', () => main(process.argv.slice(2)));

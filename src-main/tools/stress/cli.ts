// Entry point of `npm run stress -- latency|orders …`: flags (bad: one line on stderr, exit 2), the
// run, then the table or one JSON object on stdout. Logs go to <data dir>/logs/stress.log, never stdout.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import { defaultDataDir } from '../../app/data-dir';
import { summaryJson } from '../ledger/summary';
import { FlagError, STRESS_USAGE, parseStressArgs, type LatencyOptions, type OrdersOptions, type StressCommand } from './flags';
import { reportJson, reportTable } from './format';
import { runLatency } from './latency';
import { runOrders } from './orders';
import { ordersTable } from './orders-report';
import { OrdersProgressView } from './orders-progress';
import { ProgressView } from './progress';
import { runNotionStress } from './notion';
import { runToolMain } from '../tool-main';

/** After the run everything is disposed; if a stray handle still holds the process, say so and go. */

function createStressLogger(dataDir: string): Logger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  // Synchronous writes: retries are rare next to requests, and nothing is lost at exit.
  return pino({ level: 'info', base: { app: 'hubdesk-stress' } }, pino.destination({ dest: join(dir, 'stress.log'), sync: true }));
}

async function main(argv: readonly string[]): Promise<number> {
  // `stress notion` pushes events through the Notion outbox: its own flags and report.
  if (argv[0] === 'notion') return runNotionStress(argv.slice(1));
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${STRESS_USAGE}\n`);
    return 0;
  }
  let options: StressCommand;
  try {
    options = parseStressArgs(argv, { dataDir: defaultDataDir() });
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`stress: ${error.message} (see --help)\n`);
    return 2;
  }
  const logger = createStressLogger(options.dataDir);
  return options.command === 'orders' ? orders(options, logger) : latency(options, logger);
}

async function latency(options: LatencyOptions, logger: Logger): Promise<number> {
  const progress = !options.json && process.stderr.isTTY ? new ProgressView(options.count, process.stderr) : undefined;
  let outcome: Awaited<ReturnType<typeof runLatency>>;
  try {
    outcome = await runLatency(options, {
      logger,
      onStart: () => progress?.start(),
      onProgress: (p) => progress?.update(p),
    });
  } finally {
    progress?.stop();
  }
  if (outcome.kind === 'refused') {
    process.stderr.write(`stress: the hub refused this run: ${outcome.refusal}\n`);
    return 2;
  }
  if (outcome.kind === 'silent') {
    process.stderr.write(`stress: ${outcome.message}\n`);
    return 1;
  }
  process.stdout.write(`${options.json ? reportJson(outcome.report) : reportTable(outcome.report, outcome.failureCodes)}\n`);
  logger.info({ report: outcome.report, failureCodes: outcome.failureCodes }, 'stress latency run finished');
  return 0;
}

async function orders(options: OrdersOptions, logger: Logger): Promise<number> {
  const progress = !options.json && process.stderr.isTTY ? new OrdersProgressView(options.count, process.stderr) : undefined;
  let outcome: Awaited<ReturnType<typeof runOrders>>;
  try {
    outcome = await runOrders(options, {
      logger,
      onStart: () => progress?.start(),
      onProgress: (p) => progress?.update(p),
      onPhase: (message) => progress?.phase(message),
    });
  } finally {
    progress?.stop();
  }
  if (outcome.kind === 'refused') {
    process.stderr.write(`stress: the hub refused this run: ${outcome.refusal}\n`);
    return 2;
  }
  if (outcome.kind === 'failed') {
    process.stderr.write(`stress: ${outcome.message}\n`);
    return 1;
  }
  process.stdout.write(`${options.json ? summaryJson(outcome.report.summary) : ordersTable(outcome.report, outcome.facts)}\n`);
  return 0;
}

runToolMain('stress', () => main(process.argv.slice(2)));

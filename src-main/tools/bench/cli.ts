// Entry point of `npm run bench`: one clean simulated hub in this process; the raw ZeroMQ floor closed
// loop, then the bare DEALER and the console's hub client open loop through the stress runner; prints
// figures (a table, or one JSON object with --json). A benchmark: targets are reported, not asserted.
import { cpus } from 'node:os';
import pino from 'pino';
import { version } from '../../../package.json';
import { ZmqHubClient } from '../../hub/zmq-hub-client';
import { startSimHub } from '../../hub/sim/server';
import { latencyFigures, throughputPerSecond } from '../../metrics/latency-figures';
import { FlagError } from '../stress/flags';
import { waitForHello } from '../stress/hello';
import { failureCode } from '../stress/latency';
import { runOpenLoop } from '../stress/open-loop';
import { BENCH_USAGE, parseBenchArgs, type BenchOptions } from './flags';
import { measureRawFloor, openRawPinger } from './raw-floor';
import { benchTable, buildBenchReport, type BenchReport, type ClientRun, type OpenLoopRunFigures } from './report';

const HELLO_WAIT_MS = 10_000;
const CONCURRENCY = 10_000;

/** One open-loop run through the stress runner; the figures of every request, failures included. */
async function openLoop(options: BenchOptions, call: () => Promise<unknown>): Promise<OpenLoopRunFigures> {
  const run = await runOpenLoop({ count: options.count, rate: options.rate, concurrency: CONCURRENCY, call, classify: failureCode });
  return {
    ...latencyFigures(run.histogram),
    count: options.count,
    rate: options.rate,
    durationMs: Math.round(run.durationMs * 1000) / 1000,
    throughput: throughputPerSecond(run.succeeded, run.durationMs),
    failures: run.failures,
  };
}

async function measureRawOpen(endpoint: string, options: BenchOptions): Promise<OpenLoopRunFigures> {
  const pinger = openRawPinger(endpoint);
  try {
    for (let i = 0; i < options.rawWarmup; i += 1) await pinger.ping();
    return await openLoop(options, () => pinger.ping());
  } finally {
    pinger.close();
  }
}

async function measureClient(endpoint: string, options: BenchOptions): Promise<ClientRun> {
  const client = new ZmqHubClient({
    address: endpoint,
    embedded: true,
    clientName: 'hubdesk-bench',
    clientVersion: version,
    initialRequestTimeoutMs: 5000,
    logger: pino({ level: 'silent' }),
  });
  try {
    client.start();
    const hello = await waitForHello(client, endpoint, HELLO_WAIT_MS);
    if (hello.kind !== 'up') throw new Error(hello.kind === 'refused' ? hello.refusal : hello.message);
    // Closed-loop warm-up, like the raw floor's: JIT and sockets settled before anything counts.
    for (let i = 0; i < options.clientWarmup; i += 1) await client.request('ping', {});
    const before = client.stats();
    const run = await openLoop(options, () => client.request('ping', {}));
    const after = client.stats();
    return { ...run, retries: after.retries - before.retries, timeouts: after.timeouts - before.timeouts };
  } finally {
    await client.dispose();
  }
}

async function bench(options: BenchOptions): Promise<BenchReport> {
  const hub = await startSimHub({ port: 0, quoteMs: 0, logLevel: 'silent' });
  try {
    const rawHistogram = await measureRawFloor(hub.requests, { warmup: options.rawWarmup, count: options.rawCount, timeoutMs: 5000 });
    const raw = { ...latencyFigures(rawHistogram), count: options.rawCount, warmup: options.rawWarmup };
    const rawOpen = await measureRawOpen(hub.requests, options);
    const client = await measureClient(hub.requests, options);
    const machine = { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length };
    return buildBenchReport(machine, raw, rawOpen, client);
  } finally {
    await hub.dispose();
  }
}

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof FlagError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${BENCH_USAGE}\n`);
    return 2;
  }
  const report = await bench(options);
  process.stdout.write(`${options.json ? JSON.stringify(report) : benchTable(report)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

// `npm run bench:dialects`: issue 8's figures for each bridge dialect, from the stress tools against
// its emulator. Per dialect: `stress latency` (open loop, timeouts counted) and `stress orders` on a
// clean emulator, then the kill-and-settle run with faults (scenario.ts) checked against the
// emulator's own executions. Phases on stderr; a table (or --json) on stdout. Asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startChild, stopChild } from '../bench-ui/processes';
import { startDialectEmulator, type BridgeDialect } from './emulator';
import { RUN_WAIT_MS, runScenario, type ScenarioFigures } from './scenario';

const USAGE = 'usage: npm run bench:dialects -- [--dialect origin|mql5-json-api|all] [--orders 1000] [--pings 5000] [--rate 200] [--json]';

/** Faults of the kill-and-settle run, per dialect: drops both ways and replies later than the console waits. */
const FAULTS: Readonly<Record<BridgeDialect, readonly string[]>> = {
  origin: ['--seed', '21', '--fault-ops', 'placeOrder', '--drop-request', '0.03', '--drop-reply', '0.03', '--delay-ms', '5600-6500', '--delay-p', '0.03'],
  'mql5-json-api': ['--seed', '21', '--drop-request', '0.01', '--drop-reply', '0.01', '--delay-ms', '10500-11500', '--delay-p', '0.005'],
};

/** Orders in flight: the EA takes one request at a time, so more would only wait in the console's queue. */
const CONCURRENCY: Readonly<Record<BridgeDialect, number>> = { origin: 10, 'mql5-json-api': 2 };

interface DialectFigures {
  dialect: BridgeDialect;
  latency: Record<string, unknown>;
  orders: Record<string, unknown>;
  scenario: ScenarioFigures;
}

function parseOptions(argv: string[]): { dialects: BridgeDialect[]; orders: number; pings: number; rate: number; json: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      dialect: { type: 'string', default: 'all' },
      orders: { type: 'string', default: '1000' },
      pings: { type: 'string', default: '5000' },
      rate: { type: 'string', default: '200' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const dialect = values.dialect;
  if (dialect !== 'all' && dialect !== 'origin' && dialect !== 'mql5-json-api') throw new Error(`--dialect must be origin, mql5-json-api or all, got ${JSON.stringify(dialect)}`);
  const whole = (name: string, text: string): number => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of at least 1, got ${JSON.stringify(text)}`);
    return value;
  };
  return {
    dialects: dialect === 'all' ? ['origin', 'mql5-json-api'] : [dialect],
    orders: whole('orders', values.orders),
    pings: whole('pings', values.pings),
    rate: whole('rate', values.rate),
    json: values.json,
  };
}

/** One stress command against a clean emulator of the dialect; its --json object. */
async function cleanRun(dialect: BridgeDialect, args: string[]): Promise<Record<string, unknown>> {
  const emulator = await startDialectEmulator(dialect, ['--seed', '5']);
  const dataDir = mkdtempSync(join(tmpdir(), `hubdesk-bench-${dialect}-clean-`));
  try {
    const run = startChild(`stress ${args[0] ?? ''}`, ['src-main/tools/stress/cli.ts', ...args, '--hub', emulator.address, '--hub-dialect', dialect, '--data-dir', dataDir, '--json'], RUN_WAIT_MS);
    const line = await run.line;
    await stopChild(run.child);
    return line;
  } finally {
    await emulator.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function table(all: readonly DialectFigures[]): string {
  const cell = (value: unknown): string => (typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : String(value ?? '–'));
  const rows: Array<[string, ...string[]]> = [
    ['', ...all.map((d) => d.dialect)],
    ['stress latency: pings', ...all.map((d) => `${cell(d.latency['count'])} at ${cell(d.latency['rate'])}/s`)],
    ['  p50 / p99 / max ms', ...all.map((d) => `${cell(d.latency['p50'])} / ${cell(d.latency['p99'])} / ${cell(d.latency['max'])}`)],
    ['  timeouts / failures', ...all.map((d) => `${cell(d.latency['timeouts'])} / ${cell(d.latency['failures'])}`)],
    ['stress orders (clean): orders', ...all.map((d) => `${cell(d.orders['count'])}, filled ${cell(d.orders['filled'])}`)],
    ['  place p50 / p99 ms', ...all.map((d) => `${cell(d.orders['p50Ms'])} / ${cell(d.orders['p99Ms'])}`)],
    ['  orders/s; hub duplicates', ...all.map((d) => `${cell(d.orders['ordersPerSec'])}; ${cell(d.orders['hubDuplicates'])}`)],
    ['faults + SIGKILL: killed at', ...all.map((d) => `${d.scenario.killedAt} orders`)],
    ['  rerun: unknown / not received', ...all.map((d) => `${cell(d.scenario.rerun['unknown'])} / ${cell(d.scenario.rerun['notReceived'])}`)],
    ['  rerun place p50 / p99 ms', ...all.map((d) => `${cell(d.scenario.rerun['p50Ms'])} / ${cell(d.scenario.rerun['p99Ms'])}`)],
    ['  handed to a person', ...all.map((d) => String(d.scenario.resolvedByHand))],
    ['  orders / executed at emulator', ...all.map((d) => `${d.scenario.orders} / ${d.scenario.executed}`)],
    ['  executed twice', ...all.map((d) => String(d.scenario.executedTwice.length))],
    ['  left unresolved', ...all.map((d) => String(d.scenario.unresolved.length))],
    ['  ledger ≠ emulator', ...all.map((d) => String(d.scenario.disagreements.length))],
  ];
  const columns = all.length + 1;
  const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  return rows.map((row) => row.map((text, i) => text.padEnd(widths[i] ?? 0)).join('  ').trimEnd()).join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const phase = (text: string): void => void process.stderr.write(`bench:dialects: ${text}\n`);
  const all: DialectFigures[] = [];
  for (const dialect of options.dialects) {
    phase(`${dialect}: stress latency, ${options.pings} pings at ${options.rate}/s (open loop) on a clean emulator…`);
    const latency = await cleanRun(dialect, ['latency', '--count', String(options.pings), '--rate', String(options.rate)]);
    phase(`${dialect}: stress orders, ${options.orders} market orders on a clean emulator…`);
    const orders = await cleanRun(dialect, ['orders', '--count', String(options.orders), '--concurrency', String(CONCURRENCY[dialect])]);
    const scenario = await runScenario({
      dialect,
      faults: FAULTS[dialect],
      burst: options.orders,
      killAt: Math.max(1, Math.floor(options.orders / 3)),
      rerun: Math.max(1, Math.floor(options.orders / 4)),
      concurrency: CONCURRENCY[dialect],
      onPhase: phase,
    });
    all.push({ dialect, latency, orders, scenario });
  }
  process.stdout.write(options.json ? `${JSON.stringify(all)}\n` : `${table(all)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench:dialects: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

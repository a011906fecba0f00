// One dialect's kill-and-settle run, as issue 8 defines "done": `stress orders` (a child process)
// against the dialect's emulator with faults, SIGKILLed mid-burst; the emulator restarted on its
// state file (MT5 keeps positions and history across a bridge restart; the bridge's memory, such as
// origin's req_id cache, is lost); a second run on the same data dir settles what the first left; then the person's step (a console on the data dir resolves every
// order it hands over, from the emulator's executions, as a trader would from the terminal); then
// the whole ledger against the emulator's executions. Reports; asserts nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import { invoke, startToolConsole, waitUntilReady } from '../../src-main/tools/ledger/console-core';
import { countLedgerOrders as ledgerOrders } from '../../src-main/tools/ledger/read-ledger';
import { signalChild, startChild, stopChild } from '../bench-ui/processes';
import type { BridgeDialect, DialectEmulator } from './emulator';
import { startDialectEmulator } from './emulator';

export interface ScenarioOptions {
  dialect: BridgeDialect;
  /** `npm run hub` fault flags for the emulator. */
  faults: readonly string[];
  /** Orders the first run is asked for; it is killed once `killAt` are in its ledger. */
  burst: number;
  killAt: number;
  /** Orders of the second run. */
  rerun: number;
  concurrency: number;
  onPhase?(message: string): void;
}

export interface ScenarioFigures {
  dialect: BridgeDialect;
  /** Orders in the ledger when the first run was killed. */
  killedAt: number;
  /** The second run's JSON summary (`stress orders --json`). */
  rerun: Record<string, unknown>;
  /** Orders the console handed to a person (needsPerson), resolved from the emulator's executions. */
  resolvedByHand: number;
  /** Orders in the ledger at the end, and how many of them the emulator executed. */
  orders: number;
  executed: number;
  /** clientOrderIds the emulator executed more than once. */
  executedTwice: string[];
  /** Orders still pending, sent or unknown at the end. */
  unresolved: string[];
  /** Orders whose final state disagrees with the emulator (filled/working but not executed once, or the reverse). */
  disagreements: string[];
}

const KILL_WAIT_MS = 120_000;
const SETTLE_TIMEOUT_MS = 180_000;
/** The longest one stress run may take before the bench gives up on it. */
export const RUN_WAIT_MS = 900_000;
const POLL_MS = 100;

export async function runScenario(options: ScenarioOptions): Promise<ScenarioFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), `hubdesk-bench-${options.dialect}-`));
  const faults = [...options.faults, '--state-file', join(dataDir, 'emulator.sqlite')];
  let emulator = await startDialectEmulator(options.dialect, faults);
  try {
    // Faults stall a serial EA for 11 s at a time: reconciliation gets a bound to match.
    const common = ['src-main/tools/stress/cli.ts', 'orders', '--hub', emulator.address, '--hub-dialect', options.dialect, '--data-dir', dataDir, '--concurrency', String(options.concurrency), '--settle-timeout-ms', String(SETTLE_TIMEOUT_MS), '--json'];
    options.onPhase?.(`${options.dialect}: first run, to be SIGKILLed once ${options.killAt} orders are in its ledger`);
    const first = startChild('stress orders (to be killed)', [...common, '--count', String(options.burst)]);
    const killBy = Date.now() + KILL_WAIT_MS;
    while (ledgerOrders(dataDir) < options.killAt && Date.now() < killBy && first.child.proc.exitCode === null) await sleep(POLL_MS);
    signalChild(first.child, 'SIGKILL');
    await stopChild(first.child);
    const killedAt = ledgerOrders(dataDir);

    options.onPhase?.(`${options.dialect}: the emulator restarts on its state file`);
    const port = Number(new URL(emulator.address.replace(/^tcp:/, 'http:')).port);
    await emulator.dispose();
    emulator = await startDialectEmulator(options.dialect, faults, port);

    options.onPhase?.(`${options.dialect}: second run on the same data dir (settles the first, then ${options.rerun} more)`);
    const second = startChild('stress orders (rerun)', [...common, '--count', String(options.rerun)], RUN_WAIT_MS);
    const rerun = await second.line;
    await stopChild(second.child);

    options.onPhase?.(`${options.dialect}: the person's step, then the ledger against the emulator`);
    return { dialect: options.dialect, killedAt, rerun, ...(await personStep(emulator, dataDir)) };
  } finally {
    await emulator.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

type Settled = Pick<ScenarioFigures, 'resolvedByHand' | 'orders' | 'executed' | 'executedTwice' | 'unresolved' | 'disagreements'>;

async function personStep(emulator: DialectEmulator, dataDir: string): Promise<Settled> {
  const logger = pino({ level: 'silent' });
  const app = await startToolConsole({ hub: emulator.address, hubDialect: emulator.dialect, dataDir }, logger);
  try {
    const ready = await waitUntilReady(app, { connectTimeoutMs: 20_000 });
    if (ready.kind !== 'ready') throw new Error(`the console on ${dataDir} was not ready: ${ready.kind === 'refused' ? ready.refusal : ready.message}`);
    const executions = await emulator.executions();
    let resolvedByHand = 0;
    for (const order of await orders(app)) {
      if (!order.needsPerson) continue;
      const outcome = (executions.get(order.clientOrderId) ?? 0) > 0 ? 'executed' : 'not_executed';
      const reply = await invoke(app.local, 'orders:resolve', { clientOrderId: order.clientOrderId, outcome, confirm: true });
      if (!reply.ok) throw new Error(`orders:resolve ${order.clientOrderId}: ${reply.error.code} ${reply.error.message}`);
      resolvedByHand += 1;
    }
    const final = await orders(app);
    const after = await emulator.executions();
    const disagreements = final
      .filter((order) => {
        const times = after.get(order.clientOrderId) ?? 0;
        return order.status === 'filled' || order.status === 'working' ? times !== 1 : times !== 0;
      })
      .map((order) => `${order.clientOrderId} ${order.status}, executed ${after.get(order.clientOrderId) ?? 0}×`);
    return {
      resolvedByHand,
      orders: final.length,
      executed: [...after.values()].reduce((sum, n) => sum + n, 0),
      executedTwice: [...after].filter(([, n]) => n > 1).map(([id]) => id),
      unresolved: final.filter((o) => o.status === 'pending' || o.status === 'sent' || o.status === 'unknown').map((o) => o.clientOrderId),
      disagreements,
    };
  } finally {
    await app.dispose();
  }
}

async function orders(app: Awaited<ReturnType<typeof startToolConsole>>): Promise<ConsoleOrder[]> {
  const reply = await invoke(app.local, 'session:snapshot', {});
  if (!reply.ok) throw new Error(`session:snapshot: ${reply.error.message}`);
  return reply.result.orders.orders;
}


function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}


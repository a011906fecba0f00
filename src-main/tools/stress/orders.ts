// `stress orders`: N market orders through the console core, the UI's path (tickets:create, then
// orders:place), at most C in flight; then reconciliation of unknown orders, the verify against the
// hub and the report. Owns the core for the run and disposes it; prints nothing. Everything an order
// is lives in the core's ledger first, so a run killed at any point loses nothing: the next run on
// the same data dir waits for start-up reconciliation to settle it.
import type { Logger } from 'pino';
import type { SymbolSpec } from '../../../src-shared/domain/market';
import type { ConsoleApp } from '../../app/console-app';
import { invoke, settleAll, settleBoundMs, startToolConsole, verifyWithHub, waitUntilReady } from '../ledger/console-core';
import { readLedger } from '../ledger/read-ledger';
import { runClosedLoop } from './closed-loop';
import { latencyFigures, newLatencyHistogram, recordLatencyMs, throughputPerSecond } from '../../metrics/latency-figures';
import type { OrdersOptions } from './flags';
import { buildOrdersReport, isErrorCode, type OrdersReport, type OrdersRunFacts } from './orders-report';
import type { OrdersProgress } from './orders-progress';
import { stressTicket } from './orders-tickets';

export type OrdersOutcome =
  | { kind: 'report'; report: OrdersReport; facts: OrdersRunFacts }
  | { kind: 'refused'; refusal: string }
  | { kind: 'failed'; message: string };

export interface OrdersRunEnv {
  logger: Logger;
  /** Called once the console is ready, just before the first order. */
  onStart?(): void;
  onProgress?(progress: OrdersProgress): void;
  /** What the run waits for outside the placing phase, in words for the terminal. */
  onPhase?(message: string): void;
}

const PROGRESS_EVERY_MS = 100;
/** Pause before asking again when the gateway says it is still reconciling, or the hub is down. */
const RECONCILING_RETRY_MS = 100;
/** Refusals that sent nothing and pass: the run waits them out (bounded) rather than burn its orders. */
const WAIT_AND_PLACE_AGAIN: ReadonlySet<string> = new Set(['RECONCILING', 'NOT_CONNECTED']);

interface PlacePhase {
  ids: Array<string | undefined>;
  replies: Array<string | undefined>;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
}

export async function runOrders(options: OrdersOptions, env: OrdersRunEnv): Promise<OrdersOutcome> {
  const app = await startToolConsole(options, env.logger);
  let phase: PlacePhase;
  let settled: boolean;
  let verify: OrdersRunFacts['verify'];
  try {
    env.onPhase?.(`waiting for the hub at ${options.hub} and start-up reconciliation of ${options.dataDir}…`);
    const ready = await waitUntilReady(app, options);
    if (ready.kind !== 'ready') return ready;
    const snapshot = await invoke(app.local, 'session:snapshot', {});
    if (!snapshot.ok) return { kind: 'failed', message: `session:snapshot failed: ${snapshot.error.message}` };
    env.logger.info({ count: options.count, concurrency: options.concurrency }, 'stress orders: placing');
    env.onStart?.();
    phase = await placeOrders(app, snapshot.result.symbols, options, env);
    env.logger.info({ durationMs: phase.durationMs }, 'stress orders: placed; settling unknown orders');
    const boundMs = options.settleTimeoutMs ?? settleBoundMs(app, false);
    env.onPhase?.(`reconciling unknown orders with the hub (at most ${(boundMs / 1000).toFixed(1)} s)…`);
    settled = await settleAll(app, 'stress end', boundMs);
    env.onPhase?.("verifying the ledger against the hub's order listing…");
    verify = await verifyWithHub(app);
  } finally {
    await app.dispose();
  }
  // Read back after the core has closed its ledger: the report is what the file holds.
  const { records } = readLedger(options.dataDir);
  const facts: OrdersRunFacts = {
    count: options.count,
    concurrency: options.concurrency,
    hub: options.hub,
    dataDir: options.dataDir,
    ids: phase.ids,
    replies: phase.replies,
    records,
    verify,
    p50Ms: phase.p50Ms,
    p99Ms: phase.p99Ms,
    ordersPerSec: throughputPerSecond(options.count, phase.durationMs),
    settled,
  };
  const report = buildOrdersReport(facts);
  env.logger.info({ summary: report.summary, rejectedCodes: report.rejectedCodes, replies: report.replies }, 'stress orders: finished');
  return { kind: 'report', report, facts };
}

async function placeOrders(app: ConsoleApp, symbols: readonly SymbolSpec[], options: OrdersOptions, env: OrdersRunEnv): Promise<PlacePhase> {
  const histogram = newLatencyHistogram();
  const ids: Array<string | undefined> = new Array<string | undefined>(options.count).fill(undefined);
  const replies: Array<string | undefined> = new Array<string | undefined>(options.count).fill(undefined);
  // The gateway refuses orders (RECONCILING, nothing recorded) until start-up reconciliation is done;
  // the run waited for that, but a refusal is still answered by waiting, within the same bound.
  const reconcilingBoundMs = options.settleTimeoutMs ?? settleBoundMs(app, true);
  const started = performance.now();
  const tally = { done: 0, inFlight: 0, unknown: 0, refused: 0 };
  let lastProgressAt = -Infinity;
  const progress = (final: boolean): void => {
    const now = performance.now();
    if (!env.onProgress || (!final && now - lastProgressAt < PROGRESS_EVERY_MS)) return;
    lastProgressAt = now;
    env.onProgress({ ...tally, elapsedMs: now - started });
  };

  const durationMs = await runClosedLoop({
    count: options.count,
    concurrency: options.concurrency,
    task: async (index) => {
      tally.inFlight += 1;
      const ticket = await invoke(app.local, 'tickets:create', {});
      if (!ticket.ok) {
        replies[index] = ticket.error.code;
      } else {
        const { clientOrderId } = ticket.result;
        ids[index] = clientOrderId;
        const order = stressTicket(index, clientOrderId, symbols);
        const sentAt = performance.now();
        let reply = await invoke(app.local, 'orders:place', order);
        // Refused with nothing sent (reconciling, or the hub down): placed again once it may go,
        // as a trader would, within the bound. A retry of a ticket the ledger did record is refused
        // TICKET_USED and changes nothing, so the first outcome stands.
        while (!reply.ok && WAIT_AND_PLACE_AGAIN.has(reply.error.code) && performance.now() - sentAt < reconcilingBoundMs) {
          await new Promise((resolve) => setTimeout(resolve, RECONCILING_RETRY_MS));
          const again = await invoke(app.local, 'orders:place', order);
          if (!again.ok && again.error.code === 'TICKET_USED') break;
          reply = again;
        }
        recordLatencyMs(histogram, performance.now() - sentAt);
        replies[index] = reply.ok ? reply.result.status : reply.error.code;
      }
      const outcome = replies[index] ?? '';
      if (outcome === 'ORDER_UNKNOWN') tally.unknown += 1;
      else if (outcome === 'rejected' || isErrorCode(outcome)) tally.refused += 1;
      tally.inFlight -= 1;
      tally.done += 1;
      progress(tally.done === options.count);
    },
  });
  const figures = latencyFigures(histogram);
  return { ids, replies, p50Ms: figures.p50, p99Ms: figures.p99, durationMs };
}

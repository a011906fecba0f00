// The console core as the orders tools use it: started on a data dir against a hub with the
// pre-trade hold off, then bounded waits until it is ready (hello, symbols, start-up reconciliation
// done) and until unknown orders are settled, and the verify. Talks to the core through its router,
// as the UI does; never touches the ledger or the hub behind the core's back.
import type { Logger } from 'pino';
import type { InvokeChannel } from '../../../src-shared/ipc/channels';
import type { InvokeInput, InvokeOutput } from '../../../src-shared/ipc/contract';
import type { VerifyResult } from '../../../src-shared/domain/checks';
import type { HubDialect } from '../../../src-shared/domain/dialects';
import type { Result } from '../../../src-shared/ipc/errors';
import { startConsoleApp, type ConsoleApp } from '../../app/console-app';
import type { BoundRouter } from '../../ipc/router';
import { DEFAULT_HELLO_TIMEOUT_MS } from '../stress/flags';
import { waitForHello } from '../stress/hello';

const POLL_MS = 50;
/** Beyond the hub's windows: time for the hub to answer every orderStatus a pass asks. */
const SETTLE_SLACK_MS = 5000;
const STARTUP_EXTRA_MS = 25_000;
const UNSETTLED: ReadonlySet<string> = new Set(['pending', 'sent', 'unknown']);

export interface ToolConsoleOptions {
  hub: string;
  /** The hub's wire; absent: hub protocol v1. */
  hubDialect?: HubDialect | undefined;
  dataDir: string;
  requestTimeoutMs?: number | undefined;
}

/** The console core with the pre-trade duplicate hold off (duplicateWindowMs 0): tools repeat on purpose. */
export function startToolConsole(options: ToolConsoleOptions, logger: Logger): Promise<ConsoleApp> {
  return startConsoleApp(
    {
      hubAddress: options.hub,
      ...(options.hubDialect === undefined ? {} : { hubDialect: options.hubDialect }),
      dataDir: options.dataDir,
      port: 0,
      // The timeout asked for also bounds the first hello; otherwise the console's default.
      initialRequestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS,
      ...(options.requestTimeoutMs === undefined ? {} : { requestTimeoutMs: options.requestTimeoutMs }),
      duplicateWindowMs: 0,
      logLevel: 'info',
    },
    logger,
  );
}

/** One typed call through the router, as the renderer makes it. */
export async function invoke<C extends InvokeChannel>(router: BoundRouter, channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
  return (await router.invoke(channel, input)) as Result<InvokeOutput<C>>;
}

async function call<C extends InvokeChannel>(router: BoundRouter, channel: C, input: InvokeInput<C>): Promise<InvokeOutput<C>> {
  const reply = await invoke(router, channel, input);
  if (!reply.ok) throw new Error(`${channel} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.result;
}

/** The default bound on waiting for reconciliation: the hub's window twice, and slack. */
export function settleBoundMs(app: ConsoleApp, startup: boolean): number {
  const attemptMs = app.hub.connection.timing?.attemptTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
  return 2 * attemptMs + SETTLE_SLACK_MS + (startup ? STARTUP_EXTRA_MS : 0);
}

export type ReadyOutcome = { kind: 'ready' } | { kind: 'refused'; refusal: string } | { kind: 'failed'; message: string };

/**
 * Waits until the core takes orders: the hub said hello and is up, its symbols are loaded, and
 * start-up reconciliation of a previous run's orders is done (the gateway refuses orders until then).
 */
export async function waitUntilReady(app: ConsoleApp, bounds: { connectTimeoutMs: number; settleTimeoutMs?: number | undefined }): Promise<ReadyOutcome> {
  const address = app.hub.connection.address;
  const hello = await waitForHello(app.hub, address, bounds.connectTimeoutMs);
  if (hello.kind === 'refused') return hello;
  if (hello.kind === 'silent') return { kind: 'failed', message: hello.message };
  const boundMs = bounds.settleTimeoutMs ?? settleBoundMs(app, true);
  const deadline = Date.now() + boundMs;
  let symbols = false;
  for (;;) {
    const connection = app.hub.connection;
    if (connection.refusal) return { kind: 'refused', refusal: connection.refusal };
    const up = connection.state === 'up' || connection.state === 'degraded';
    symbols ||= (await call(app.local, 'session:snapshot', {})).symbols.length > 0;
    const { reconciling } = await call(app.local, 'checks:summary', {});
    if (up && symbols && !reconciling) return { kind: 'ready' };
    if (Date.now() > deadline) {
      const why = !up
        ? `the hub at ${address} is ${connection.state}`
        : !symbols
          ? "the hub's symbols did not load"
          : `start-up reconciliation has not finished: ${await unsettledCount(app)} order(s) of a previous run are still pending, sent or unknown`;
      return { kind: 'failed', message: `the console was not ready after ${boundMs} ms: ${why}. Nothing new was sent; run again to continue (see --settle-timeout-ms and the log in the data dir).` };
    }
    await sleep(POLL_MS);
  }
}

/**
 * Orders in the core's view still pending, sent or unknown that reconciliation can still settle:
 * one handed to a person (needsPerson: the hub cannot account for it) waits for them, not for us.
 */
export async function unsettledCount(app: ConsoleApp): Promise<number> {
  const snapshot = await call(app.local, 'session:snapshot', {});
  return snapshot.orders.orders.filter((order) => UNSETTLED.has(order.status) && !order.needsPerson).length;
}

/**
 * Runs a reconciliation pass and waits (bounded) until no order is left pending, sent or unknown but
 * those handed to a person: the ones still inside the hub's window are settled by the reconciler's
 * timers when it closes.
 * True when everything settled in time.
 */
export async function settleAll(app: ConsoleApp, reason: string, boundMs: number): Promise<boolean> {
  const deadline = Date.now() + boundMs;
  // A pass asks about orders one by one (each with its retries): never wait past the bound for it.
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([app.reconciler.reconcileAll(reason), new Promise((resolve) => (timer = setTimeout(resolve, boundMs)))]);
  clearTimeout(timer);
  for (;;) {
    if ((await unsettledCount(app)) === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(POLL_MS * 2);
  }
}

/** `Verify against hub`, as the UI runs it: the ledger against the hub's full order listing. */
export function verifyWithHub(app: ConsoleApp): Promise<VerifyResult> {
  return call(app.local, 'checks:verify', {});
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

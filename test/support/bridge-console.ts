// What the console-on-a-bridge tests (origin gateway, MQL5-JSON-API) share: what a test starts,
// disposed after it last first; a console on a bridge, ready or refused at start; and the IPC calls
// they read it through (a new ticket id, the session snapshot, one order).
import pino from 'pino';
import { afterEach } from 'vitest';
import type { HubDialect } from '../../src-shared/domain/dialects';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { ConnectionInfo, HubInfo } from '../../src-shared/ipc/contract';
import type { ConsoleConfig } from '../../src-main/app/config';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { testConfig } from './console-config';
import { startReadyConsole } from './ready-console';
import { sleep, waitFor } from './wait';

export type Track = <T extends { dispose(): Promise<void> }>(item: T) => T;

/** Call at the top of a test file: what the returned `track` is given is disposed after each test. */
export function disposedAfterEach(): Track {
  const running: Array<{ dispose(): Promise<void> }> = [];
  afterEach(async () => {
    for (const item of running.splice(0).reverse()) await item.dispose();
  });
  return (item) => {
    running.push(item);
    return item;
  };
}

/** A console on the bridge at `hubAddress`, connected, reconciled and with its symbols. */
export function readyBridgeConsole(hubAddress: string, hubDialect: HubDialect, track: Track): Promise<ConsoleApp> {
  return startReadyConsole(testConfig({ hubAddress, hubDialect }), track);
}

/**
 * A console whose settings the dialect may refuse, started and never waited on to connect: its
 * refusal once shown, and its connection 1.5 s after that (a refused one stays connecting, unsent).
 */
export async function refusalAtStart(overrides: Partial<ConsoleConfig>, track: Track): Promise<{ refusal: string; later: ConnectionInfo }> {
  const app = track(await startConsoleApp(testConfig(overrides), pino({ level: 'silent' })));
  const refusal = await waitFor(() => app.hub.connection.refusal ?? undefined, 'the refusal');
  await sleep(1500);
  return { refusal, later: app.hub.connection };
}

export async function newTicketId(app: ConsoleApp): Promise<string> {
  const reply = await app.local.invoke('tickets:create', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return (reply.result as { clientOrderId: string }).clientOrderId;
}

export interface SnapshotView {
  connection: { state: string; hub: HubInfo | null };
  orders: { orders: ConsoleOrder[] };
  quotes: Array<{ symbol: string; bid: number; ask: number }>;
  account: { account: unknown; positions: Array<{ symbol: string; volume: number }> };
}

export async function snapshot(app: ConsoleApp): Promise<SnapshotView> {
  const reply = await app.local.invoke('session:snapshot', {});
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result as never;
}

export async function orderOf(app: ConsoleApp, clientOrderId: string): Promise<ConsoleOrder | undefined> {
  return (await snapshot(app)).orders.orders.find((o) => o.clientOrderId === clientOrderId);
}

// The MQL5-JSON-API expert advisor dialect's fixed facts in one place (docs/dialects.md
// "mql5-json-api"): its timing (the README's client timeouts), the authority window, the socket
// block, the symbols it cannot list. Pure data and functions: the timing rules are timing.ts's.
import type { SymbolSpec } from '../../../src-shared/domain/market';
import type { BridgeFacts } from '../bridge-client';
import { SEND_WAIT_MS } from '../timing';

/**
 * The EA has no deadline and no handshake. Its README's example client waits 10 s for a Data
 * reply (RCVTIMEO 10 s; 1 s on System for the "OK"): that is the dialect's request timeout. The
 * README client never retries; the console retries idempotent reads at most 3 times, 1 s apart at
 * most, so a trader is not kept waiting behind a serial queue (our choice, not the EA's).
 */
export const MQL5_TIMING = { requestTimeoutMs: 10_000, maxBackoffMs: 1000, maxRetries: 3 } as const;

/** The EA publishes no heartbeat: the console asks BALANCE this often (skipped while busy). */
export const MQL5_HEARTBEAT_MS = 1000;

/**
 * From a TRADE leaving the console until an order missing from every list may mean "not
 * received": the request timeout twice over (a request read late, behind a slow action, still
 * executes) plus the longest a send may wait for the socket. As ORIGIN_AUTHORITY_WINDOW_MS.
 */
export const MQL5_AUTHORITY_WINDOW_MS = 2 * MQL5_TIMING.requestTimeoutMs + SEND_WAIT_MS;

/** How long a TRADE confirmation waits for the trade event that corroborates it. */
export const MQL5_EVENT_WAIT_MS = 2000;


/** Sent as the action of a fence: the EA answers only 65538 ERR_WRONG_ACTION to it. */
export const MQL5_FENCE_ACTION = 'HUBDESK_FENCE';

/**
 * The EA has no symbol listing: these are the symbols offered for it (MT5 standard FX lots, and
 * the emulator's instruments). The console subscribes to their ticks.
 */
export const MQL5_DEFAULT_SYMBOLS: readonly SymbolSpec[] = Object.freeze([
  { symbol: 'EURUSD', digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
  { symbol: 'GBPUSD', digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
  { symbol: 'USDJPY', digits: 3, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
  { symbol: 'XAUUSD', digits: 2, contractSize: 100, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
]);

export interface Mql5Endpoints {
  readonly system: string;
  readonly data: string;
  readonly live: string;
  readonly events: string;
}

/** The EA's block (JsonAPI.mq5 BindSockets): System on the given port, Data, Live, Streaming after it. */
export function mql5Endpoints(system: string): Mql5Endpoints {
  const url = new URL(system.replace(/^tcp:/, 'http:'));
  const at = (offset: number): string => `tcp://${url.hostname}:${Number(url.port) + offset}`;
  return { system, data: at(1), live: at(2), events: at(3) };
}

/**
 * The EA as bridge-client.ts sees it. The EA says nothing about itself: its hubId is its System
 * endpoint (`mql5@HOST:PORT`), its epoch stays 1.
 */
export const MQL5_BRIDGE: BridgeFacts = {
  dialect: 'mql5-json-api',
  id: 'mql5',
  peer: 'MQL5 EA',
  name: 'MQL5-JSON-API',
  timing: MQL5_TIMING,
  heartbeatMs: MQL5_HEARTBEAT_MS,
  heartbeatAction: 'BALANCE',
  authorityWindowMs: MQL5_AUTHORITY_WINDOW_MS,
  symbols: MQL5_DEFAULT_SYMBOLS,
  // ORDER_CANCEL sent again after a lost answer is not the same request: the EA has no ids.
  neverRetried: ['cancelOrder'],
};

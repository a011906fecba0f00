// The origin gateway dialect's fixed facts in one place (docs/dialects.md, field notes §0): its
// documented timeout and retry limits, the authority window, the events port, and the symbol list
// it cannot tell us. Pure data and functions: the timing rules are timing.ts's, applied to these.
import type { SymbolSpec } from '../../../src-shared/domain/market';
import type { BridgeFacts } from '../bridge-client';
import { SEND_WAIT_MS } from '../timing';

/**
 * The gateway's timing as documented, standing in for v1's hello: "timeout 30s→5s", "max_wait
 * 5s→2s", "10次指数退避" (DEPLOYMENT_COMPLETION_REPORT.md), and zmq_service.py's "Hub request
 * timeout 2.5s-5s": the upper end, so the console never gives up before the gateway.
 */
export const ORIGIN_TIMING = { requestTimeoutMs: 5000, maxBackoffMs: 2000, maxRetries: 10 } as const;

/** The gateway publishes no heartbeat: the console asks HEARTBEAT this often. */
export const ORIGIN_HEARTBEAT_MS = 1000;

/**
 * From an ORDER_SEND leaving the console until an order missing from GET_POSITIONS may mean "not
 * received": the gateway's deadline, then as long again for a terminal that finishes an order after
 * the gateway answered -1 ("status unknown": json_gateway.py does not cancel it), plus the longest
 * a send may wait for the socket. Never shorter than the reconciler's own window for these timings.
 */
export const ORIGIN_AUTHORITY_WINDOW_MS = 2 * ORIGIN_TIMING.requestTimeoutMs + SEND_WAIT_MS;

/** The comment travels as the clientOrderId; MetaTrader 5 keeps at most 31 characters. */
export const ORIGIN_MAX_COMMENT = 31;

/** The magic number hubdesk's orders carry, so a desk can tell them apart in the terminal. */
export const ORIGIN_MAGIC = 8_510_001;

/**
 * The gateway has no symbol listing: these are the symbols offered for it (MT5 standard FX lots,
 * 0.01 to 100 as json_gateway.py checks). Ticks for other symbols are still shown.
 */
export const ORIGIN_DEFAULT_SYMBOLS: readonly SymbolSpec[] = Object.freeze([
  { symbol: 'EURUSD', digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
  { symbol: 'GBPUSD', digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
  { symbol: 'USDJPY', digits: 3, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
  { symbol: 'XAUUSD', digits: 2, contractSize: 100, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 },
]);

/** The ticks' PUB port: zmq_service.py's ZMQ_PORT_DATA is ZMQ_PORT_CMD + 1 (5555 and 5556). */
export function originEventsEndpoint(requests: string): string {
  const url = new URL(requests.replace(/^tcp:/, 'http:'));
  return `tcp://${url.hostname}:${Number(url.port) + 1}`;
}

/**
 * The gateway as bridge-client.ts sees it. The gateway says nothing about itself: its hubId is its
 * endpoint (`origin@HOST:PORT`), and its epoch stays 1 because no answer of the dialect changes when
 * it restarts (its req_id cache empties silently).
 */
export const ORIGIN_BRIDGE: BridgeFacts = {
  dialect: 'origin',
  id: 'origin',
  peer: 'origin gateway',
  name: 'origin gateway',
  timing: ORIGIN_TIMING,
  heartbeatMs: ORIGIN_HEARTBEAT_MS,
  heartbeatAction: 'HEARTBEAT',
  authorityWindowMs: ORIGIN_AUTHORITY_WINDOW_MS,
  symbols: ORIGIN_DEFAULT_SYMBOLS,
  neverRetried: [],
};

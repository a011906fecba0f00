// Builders for the renderer's tests: contract-shaped orders, specs, quotes, connections, retry-log
// entries, duplicate-check summaries, verify results and snapshots.
import type { DuplicateSummary, VerifyResult } from '../../src-shared/domain/checks';
import type { Quote, SymbolSpec } from '../../src-shared/domain/market';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { RetryEntry } from '../../src-shared/domain/retry';
import type { ConnectionInfo, Snapshot } from '../../src-shared/ipc/contract';

export const EURUSD: SymbolSpec = {
  symbol: 'EURUSD',
  digits: 5,
  contractSize: 100_000,
  minVolume: 0.01,
  maxVolume: 100,
  volumeStep: 0.01,
};

export const XAUUSD: SymbolSpec = {
  symbol: 'XAUUSD',
  digits: 2,
  contractSize: 100,
  minVolume: 0.1,
  maxVolume: 50,
  volumeStep: 0.1,
};

export function order(clientOrderId: string, patch: Partial<ConsoleOrder> = {}): ConsoleOrder {
  return {
    clientOrderId,
    symbol: 'EURUSD',
    side: 'buy',
    type: 'market',
    volume: 0.1,
    orderId: null,
    status: 'pending',
    filledVolume: 0,
    avgPrice: null,
    reason: null,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...patch,
  };
}

export function quote(symbol: string, bid: number, ask: number, ts: number): Quote {
  return { symbol, bid, ask, ts };
}

export function connection(patch: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return {
    state: 'up',
    address: 'tcp://127.0.0.1:5555',
    hub: {
      address: 'tcp://127.0.0.1:5555',
      embedded: true,
      hubId: 'sim-1',
      epoch: 3,
      requestTimeoutMs: 2_000,
      maxBackoffMs: 5_000,
      maxRetries: 3,
      heartbeatMs: 1_000,
    },
    timing: {
      attemptTimeoutMs: 2_200,
      configuredTimeoutMs: 2_200,
      maxBackoffMs: 5_000,
      maxRetries: 3,
      overallDeadlineMs: 30_000,
      warning: null,
    },
    lastHeartbeatAt: 5_000,
    since: 4_000,
    outage: null,
    refusal: null,
    ...patch,
  };
}

export function retry(id: number, patch: Partial<RetryEntry> = {}): RetryEntry {
  return {
    id,
    callId: `call-${id}`,
    time: 1_000 + id,
    op: 'quotes',
    requestId: `req-${id}`,
    attempt: 1,
    maxAttempts: 4,
    kind: 'retry',
    delayMs: 250,
    code: 'TIMEOUT',
    message: 'no reply within 2.2 s',
    outcome: 'pending',
    source: 'console',
    ...patch,
  };
}

export function checks(patch: Partial<DuplicateSummary> = {}): DuplicateSummary {
  return {
    ordersSent: 12,
    duplicatesAbsorbedByHub: 2,
    repeatSubmissionsStopped: 1,
    holds: 3,
    holdsConfirmed: 1,
    holdsDropped: 1,
    heldNow: 1,
    unknownNow: 0,
    reconciled: 4,
    notReceived: 1,
    reconciling: false,
    duplicateWindowMs: 5_000,
    lastVerify: null,
    ...patch,
  };
}

export function verifyResult(patch: Partial<VerifyResult> = {}): VerifyResult {
  return {
    at: 50_000,
    pass: true,
    hubOrders: 12,
    ledgerOrders: 12,
    hubDuplicates: [],
    mismatches: [],
    error: null,
    ...patch,
  };
}

export function snapshot(patch: Partial<Snapshot> = {}): Snapshot {
  return {
    connection: connection(),
    checks: checks(),
    symbols: [EURUSD, XAUUSD],
    quotes: [quote('EURUSD', 1.085, 1.0851, 10_000)],
    orders: { seq: 5, orders: [order('a1', { createdAt: 1_000 })] },
    account: {
      account: { currency: 'USD', balance: 10_000, equity: 10_010, margin: 100, freeMargin: 9_910 },
      positions: [],
    },
    principal: { role: 'trader', tokenId: 'desktop' },
    ...patch,
  };
}

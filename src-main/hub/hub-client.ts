// The console's view of a hub, whatever its wire dialect: one interface that the order gateway and
// market data use, so a MetaTrader bridge with another wire format can be added as an adapter.
import type { ConnectionInfo, HubInfo } from '../../src-shared/ipc/contract';
import type { ErrorCode } from '../../src-shared/ipc/errors';
import type { HubRejectReason } from '../../src-shared/domain/health';
import type { Quote } from '../../src-shared/domain/market';
import type { HubOrder } from '../../src-shared/domain/order';
import type { Event } from '../../src-shared/util/emitter';
import type { HubOp, OpArgs, OpResult } from './protocol';

/** Why a request failed. `sent` tells whether any byte of it may have reached the hub. */
export class HubRequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly sent: boolean,
    /** The id of the request that failed, when one was made. */
    readonly requestId?: string,
  ) {
    super(message);
    this.name = 'HubRequestError';
  }
}

/** Counters of the request traffic, kept as it happens. */
export interface HubTrafficCounters {
  requestsSent: number;
  repliesReceived: number;
  timeouts: number;
  /** Idempotent calls retried, and calls given up on after their retries. */
  retries: number;
  giveUps: number;
  /** Request sockets replaced after a timeout or a reconnect. */
  socketsReplaced: number;
}

/** Counters of hub traffic, and of what the console refused or could not match, for support staff. */
export interface HubClientStats extends HubTrafficCounters {
  /** Every reply and event refused at the boundary, by reason (docs/connection.md): counted, never applied. */
  rejected: Record<HubRejectReason, number>;
  /** Of those, replies whose id is not pending (unknown, late, or received twice). */
  unmatchedReplies: number;
  /** Of those, messages that failed a check (frames, size, JSON, envelope, schema, topic). */
  invalidMessages: number;
}

export interface AttemptFinished {
  op: string;
  ms: number;
  outcome: 'ok' | 'timeout' | 'error';
  /** The error code, when it did not succeed. */
  code: string | null;
}

export interface HubClient {
  readonly connection: ConnectionInfo;
  readonly hub: HubInfo | null;
  readonly onDidChangeConnection: Event<ConnectionInfo>;
  /** The hub answered a hello with a different hubId or epoch than before: it restarted. */
  readonly onDidRestartHub: Event<{ previous: HubInfo; current: HubInfo }>;
  /** The hub answered its first hello after a start or a reconnect. */
  readonly onDidConnect: Event<HubInfo>;
  readonly onDidReceiveQuote: Event<Quote>;
  readonly onDidReceiveOrder: Event<HubOrder>;
  /** One attempt of a request ended: its operation, how long it took and how it ended. */
  readonly onDidFinishAttempt: Event<AttemptFinished>;
  stats(): HubClientStats;
  start(): void;
  /** Sends one request once. Rejects with HubRequestError; never retries on its own. */
  request<O extends HubOp>(op: O, args: OpArgs<O>): Promise<OpResult<O>>;
  dispose(): Promise<void>;
}

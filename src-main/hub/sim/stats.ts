// The simulated hub's counters: the protocol's admin.stats fields plus the simulator's extra
// fault and overload counters. Types and a constructor only.
import type { HubStats } from '../protocol';

export interface SimHubStats extends HubStats {
  /** Request frames over MAX_REQUEST_BYTES (also counted in droppedRequests). */
  readonly oversizedRequests: number;
  readonly delayedReplies: number;
  readonly duplicatedReplies: number;
  /** Requests answered HUB_BUSY because the in-process queue was full. */
  readonly busyRequests: number;
  /** Outgoing messages dropped because a send queue was full or an event was oversized. */
  readonly droppedSends: number;
}

type CounterKey = Exclude<keyof SimHubStats, 'hubId' | 'epoch' | 'startedAt'>;
export type Counters = Record<CounterKey, number>;

export function newCounters(): Counters {
  return {
    requests: 0,
    badRequests: 0,
    placeOrders: 0,
    ordersCreated: 0,
    duplicatesAbsorbed: 0,
    droppedRequests: 0,
    droppedReplies: 0,
    hubTimeouts: 0,
    oversizedRequests: 0,
    delayedReplies: 0,
    duplicatedReplies: 0,
    busyRequests: 0,
    droppedSends: 0,
  };
}

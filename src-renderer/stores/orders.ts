// The renderer's projection of the console's orders: keyed by clientOrderId, listed newest first,
// with the seq of the last snapshot or delta applied. Pure updates; api/sync.ts is the only writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { OrdersChanged } from '../../src-shared/ipc/contract';

export interface OrdersState {
  /** A Map, not a plain object: a clientOrderId may legally be `__proto__`. */
  readonly byId: ReadonlyMap<string, ConsoleOrder>;
  /** clientOrderIds, newest first. */
  readonly ids: readonly string[];
  /** null until the first snapshot: every delta is a gap until then. */
  readonly lastSeq: number | null;
}

export const emptyOrders: OrdersState = { byId: new Map(), ids: [], lastSeq: null };

/** `apply`: the next delta. `stale`: already in the projection. `gap`: deltas were missed. */
export type SeqVerdict = 'apply' | 'stale' | 'gap';

export function classifyOrdersSeq(lastSeq: number | null, seq: number): SeqVerdict {
  if (lastSeq === null) return 'gap';
  if (seq === lastSeq + 1) return 'apply';
  return seq <= lastSeq ? 'stale' : 'gap';
}

function newestFirst(byId: ReadonlyMap<string, ConsoleOrder>): string[] {
  return [...byId.values()]
    .sort((a, b) => b.createdAt - a.createdAt || (a.clientOrderId < b.clientOrderId ? 1 : -1))
    .map((order) => order.clientOrderId);
}

/** A snapshot replaces the projection whole. */
export function replaceOrders(snapshot: OrdersChanged): OrdersState {
  const byId = new Map(snapshot.orders.map((order) => [order.clientOrderId, order] as const));
  return { byId, ids: newestFirst(byId), lastSeq: snapshot.seq };
}

/** A delta upserts by clientOrderId; the list is re-sorted only when an order is new. */
export function upsertOrders(state: OrdersState, delta: OrdersChanged): OrdersState {
  const byId = new Map(state.byId);
  let added = false;
  for (const order of delta.orders) {
    if (!byId.has(order.clientOrderId)) added = true;
    byId.set(order.clientOrderId, order);
  }
  return { byId, ids: added ? newestFirst(byId) : state.ids, lastSeq: delta.seq };
}

export function createOrdersStore(): StoreApi<OrdersState> {
  return createStore<OrdersState>()(() => emptyOrders);
}

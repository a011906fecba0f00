// Sends order commands (cancel, send anyway, drop, resubmit, resolve by hand) through the bridge, at most one per
// order at a time — guarded in code, not only by a disabled button — and says which are in flight.
import { useCallback, useRef, useState } from 'react';
import type { ConsoleOrder } from '../../../src-shared/domain/order';
import type { HubdeskBridge } from '../../../src-shared/ipc/bridge-api';
import type { Result } from '../../../src-shared/ipc/errors';
import { useBridge } from '../../app-context';
import type { OrderAction } from './order-actions';

export interface OrderActions {
  /** clientOrderId → the command in flight for it. */
  busy: ReadonlyMap<string, OrderAction>;
  /** main's answer; undefined when a command for this order is already in flight. */
  run: (action: OrderAction, clientOrderId: string, outcome?: ResolveOutcome) => Promise<Result<ConsoleOrder> | undefined>;
}

/** What the trader found in the terminal for an order the hub cannot account for. */
export type ResolveOutcome = 'executed' | 'not_executed';

function invoke(bridge: HubdeskBridge, action: OrderAction, clientOrderId: string, outcome: ResolveOutcome | undefined): Promise<Result<ConsoleOrder>> {
  switch (action) {
    case 'cancel':
      return bridge.invoke('orders:cancel', { clientOrderId });
    case 'confirmHeld':
      return bridge.invoke('orders:confirmHeld', { clientOrderId });
    case 'dropHeld':
      return bridge.invoke('orders:dropHeld', { clientOrderId });
    case 'resubmit':
      // The trader confirmed in the Resubmit dialog: the same clientOrderId goes out again.
      return bridge.invoke('orders:resubmit', { clientOrderId, confirm: true });
    case 'resolve':
      // The trader chose the outcome in the Resolve dialog; without one nothing is asked.
      if (!outcome) return Promise.resolve({ ok: false, error: { code: 'BAD_INPUT', message: 'Choose executed or not executed.' } });
      return bridge.invoke('orders:resolve', { clientOrderId, outcome, confirm: true });
  }
}

export function useOrderActions(): OrderActions {
  const bridge = useBridge();
  const inFlight = useRef(new Map<string, OrderAction>());
  const [busy, setBusy] = useState<ReadonlyMap<string, OrderAction>>(() => new Map());

  const run = useCallback(
    async (action: OrderAction, clientOrderId: string, outcome?: ResolveOutcome) => {
      if (inFlight.current.has(clientOrderId)) return undefined;
      inFlight.current.set(clientOrderId, action);
      setBusy(new Map(inFlight.current));
      try {
        return await invoke(bridge, action, clientOrderId, outcome);
      } finally {
        inFlight.current.delete(clientOrderId);
        setBusy(new Map(inFlight.current));
      }
    },
    [bridge],
  );

  return { busy, run };
}

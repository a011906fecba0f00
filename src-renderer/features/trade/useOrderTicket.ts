// The life of one ticket id: asked of main on mount and after every submission, spent the moment
// an order leaves, and never sent twice — guarded here in code, not only by a disabled button.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ConsoleOrder, OrderTicket } from '../../../src-shared/domain/order';
import type { Result } from '../../../src-shared/ipc/errors';
import { useBridge } from '../../app-context';

export type TicketId =
  | { state: 'creating' }
  | { state: 'ready'; clientOrderId: string }
  | { state: 'failed'; message: string };

export interface OrderTicketControl {
  ticket: TicketId;
  /** True from the click until main has answered. */
  submitting: boolean;
  /** Sends the order once; undefined when a send is already in flight or the id was spent. */
  place: (order: OrderTicket) => Promise<Result<ConsoleOrder> | undefined>;
  /** Asks main for a fresh ticket id, e.g. after tickets:create failed. */
  renew: () => void;
}

export function useOrderTicket(): OrderTicketControl {
  const bridge = useBridge();
  const [ticket, setTicket] = useState<TicketId>({ state: 'creating' });
  const [submitting, setSubmitting] = useState(false);
  const inFlight = useRef(false);
  const spent = useRef(new Set<string>());
  // Only the latest tickets:create may land: an older reply (StrictMode's double mount, a renew
  // racing a submit) would otherwise replace a newer id.
  const latestRequest = useRef(0);

  const requestTicket = useCallback(async () => {
    const request = ++latestRequest.current;
    const reply = await bridge.invoke('tickets:create', {});
    if (request !== latestRequest.current) return;
    setTicket(
      reply.ok
        ? { state: 'ready', clientOrderId: reply.result.clientOrderId }
        : { state: 'failed', message: `No ticket id: ${reply.error.message}` },
    );
  }, [bridge]);

  // On unmount, a reply still on its way must not land on an unmounted ticket.
  const forgetPendingRequest = useCallback(() => {
    latestRequest.current++;
  }, []);

  useEffect(() => {
    void requestTicket();
    return forgetPendingRequest;
  }, [requestTicket, forgetPendingRequest]);

  const renew = useCallback(() => {
    setTicket({ state: 'creating' });
    void requestTicket();
  }, [requestTicket]);

  const place = useCallback(
    async (order: OrderTicket) => {
      if (inFlight.current || spent.current.has(order.clientOrderId)) return undefined;
      inFlight.current = true;
      spent.current.add(order.clientOrderId);
      setSubmitting(true);
      setTicket({ state: 'creating' });
      try {
        return await bridge.invoke('orders:place', order);
      } finally {
        inFlight.current = false;
        setSubmitting(false);
        void requestTicket();
      }
    },
    [bridge, requestTicket],
  );

  return { ticket, submitting, place, renew };
}

// The ticket's alert for an order a pre-trade duplicate check holds: main's reason, and Send anyway
// or Drop. If the order is settled elsewhere (the Orders table, another window), it says so instead.
import { useId } from 'react';
import { useOrders } from '../../app-context';
import { statusLabel } from '../../components/order-status';
import { ACTION_LABEL, describeActionDone, describeActionError } from './order-actions';
import { useOrderActions } from './useOrderActions';

export interface HeldOutcome {
  kind: 'ok' | 'error';
  message: string;
}

export interface HeldOrderAlertProps {
  clientOrderId: string;
  message: string;
  /** Main answered Send anyway or Drop: the ticket shows this instead of the alert. */
  onSettled: (outcome: HeldOutcome) => void;
}

type Decision = 'confirmHeld' | 'dropHeld';
const DECISIONS: readonly Decision[] = ['confirmHeld', 'dropHeld'];

export function HeldOrderAlert({ clientOrderId, message, onSettled }: HeldOrderAlertProps) {
  const { busy, run } = useOrderActions();
  const status = useOrders((state) => state.byId.get(clientOrderId)?.status);
  const orderTextId = useId();
  const inFlight = busy.get(clientOrderId);
  // Unknown (no orders:changed yet) counts as still held: main will refuse a stale decision.
  const settledElsewhere = status !== undefined && status !== 'held' && inFlight === undefined;

  const decide = async (action: Decision) => {
    const result = await run(action, clientOrderId);
    if (!result) return;
    onSettled(
      result.ok
        ? { kind: 'ok', message: describeActionDone(action, result.result) }
        : { kind: 'error', message: describeActionError(action, result.error, clientOrderId) },
    );
  };

  return (
    <div role="alert" className="feedback feedback-held">
      <p>{message}</p>
      {settledElsewhere ? (
        <p className="muted">{`Order ${clientOrderId} is now ${statusLabel(status)}.`}</p>
      ) : (
        <div className="feedback-actions">
          <span id={orderTextId} className="visually-hidden">{`Held order ${clientOrderId}`}</span>
          {DECISIONS.map((action) => (
            <button
              key={action}
              type="button"
              className={action === 'confirmHeld' ? 'btn btn-small btn-confirm' : 'btn btn-small'}
              aria-describedby={orderTextId}
              aria-busy={inFlight === action || undefined}
              disabled={inFlight !== undefined}
              onClick={() => void decide(action)}
            >
              {ACTION_LABEL[action]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

// Asks the trader to confirm resubmitting an order the hub never received: an in-page modal (a
// native <dialog>, so the same in Electron and a browser; no window.confirm), Cancel focused first.
import { useEffect, useId, useRef, useState } from 'react';
import type { ConsoleOrder } from '../../../src-shared/domain/order';
import type { Result } from '../../../src-shared/ipc/errors';
import { formatPrice, formatVolume } from '../../components/format';
import { statusLabel } from '../../components/order-status';
import { describeActionError } from './order-actions';

export interface ResubmitDialogProps {
  order: ConsoleOrder;
  digits: number | undefined;
  /** The resubmission is in flight. */
  busy: boolean;
  /** Sends it; undefined when a command for this order is already in flight. */
  onResubmit: () => Promise<Result<ConsoleOrder> | undefined>;
  onClose: () => void;
}

function orderText(order: ConsoleOrder, digits: number | undefined): string {
  const side = order.side === 'buy' ? 'Buy' : 'Sell';
  const at = order.price !== undefined ? ` at ${formatPrice(order.price, digits)}` : '';
  return `${side} ${formatVolume(order.volume)} ${order.symbol} ${order.type}${at}`;
}

export function ResubmitDialog({ order, digits, busy, onResubmit, onClose }: ResubmitDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const [error, setError] = useState<string | null>(null);
  const id = order.clientOrderId;
  // The order may move on while the dialog is open (another window resubmitted it, say).
  const resubmittable = order.status === 'not_received';

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // Cancel first: Enter or a stray click must not send an order.
    cancelRef.current?.focus();
    return () => dialog.close();
  }, []);

  const resubmit = async () => {
    setError(null);
    const result = await onResubmit();
    if (!result) return;
    if (result.ok) onClose();
    else setError(describeActionError('resubmit', result.error, id));
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      // Escape closes the dialog natively; keep React's state in step. A close event from a
      // dialog that is open again (StrictMode re-runs the effect) is stale and ignored.
      onClose={() => {
        if (!dialogRef.current?.open) onClose();
      }}
    >
      <h2 id={titleId} className="dialog-title">
        Resubmit order
      </h2>
      <div id={bodyId} className="dialog-body">
        <p>
          The hub found no trace of order <span className="mono">{id}</span>: it never received it, so nothing was executed.
        </p>
        <p>
          Resubmitting sends the <strong>same</strong> client order id, <span className="mono">{id}</span>, again — so if the
          first one did reach the hub after all, the hub recognises it rather than executing it twice.
        </p>
        <p className="dialog-order">{orderText(order, digits)}</p>
      </div>
      {!resubmittable ? (
        <p className="dialog-note">{`This order is now ${statusLabel(order.status)}: there is nothing to resubmit.`}</p>
      ) : null}
      {error ? (
        <p role="alert" className="feedback feedback-error">
          {error}
        </p>
      ) : null}
      <p role="status" className="muted">
        {busy ? 'Resubmitting…' : ''}
      </p>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn btn-confirm"
          aria-busy={busy || undefined}
          disabled={busy || !resubmittable}
          onClick={() => void resubmit()}
        >
          Resubmit
        </button>
      </div>
    </dialog>
  );
}

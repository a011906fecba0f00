// The in-page modal that asks a trader to confirm a step on one order (resubmit it, resolve it by
// hand): a native <dialog> (the same in Electron and a browser; no window.confirm), Cancel focused
// first so Enter or a stray click does nothing, the order in one line, main's refusal and progress.
import { useEffect, useId, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { ErrorData, Result } from '../../src-shared/ipc/errors';
import { formatPrice, formatVolume } from './format';

/** "Buy 0.2 EURUSD market", with the price of a priced order. */
export function orderLine(order: ConsoleOrder, digits: number | undefined): string {
  const side = order.side === 'buy' ? 'Buy' : 'Sell';
  const at = order.price !== undefined ? ` at ${formatPrice(order.price, digits)}` : '';
  return `${side} ${formatVolume(order.volume)} ${order.symbol} ${order.type}${at}`;
}

/**
 * A dialog's step sent to main: closes the dialog when main accepts it, keeps main's refusal (in
 * words from `describe`) for the dialog to show. A step already in flight (undefined) does nothing.
 */
export function useDialogStep<A extends unknown[]>(
  send: (...args: A) => Promise<Result<ConsoleOrder> | undefined>,
  describe: (error: ErrorData) => string,
  onClose: () => void,
): { error: string | null; run: (...args: A) => Promise<void> } {
  const [error, setError] = useState<string | null>(null);
  const run = async (...args: A): Promise<void> => {
    setError(null);
    const result = await send(...args);
    if (!result) return;
    if (result.ok) onClose();
    else setError(describe(result.error));
  };
  return { error, run };
}

export interface OrderDialogProps {
  title: string;
  order: ConsoleOrder;
  digits: number | undefined;
  /** What the step does, above the order's line. */
  children: ReactNode;
  /** Why the step is no longer possible (the order moved on while the dialog was open). */
  note: string | null;
  error: string | null;
  /** While main is working on it, in words. */
  progress: string;
  /** The step's buttons, after Cancel. */
  actions: ReactNode;
  onClose: () => void;
}

export function OrderDialog({ title, order, digits, children, note, error, progress, actions, onClose }: OrderDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    cancelRef.current?.focus();
    return () => dialog.close();
  }, []);

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
        {title}
      </h2>
      <div id={bodyId} className="dialog-body">
        {children}
        <p className="dialog-order">{orderLine(order, digits)}</p>
      </div>
      {note ? <p className="dialog-note">{note}</p> : null}
      {error ? (
        <p role="alert" className="feedback feedback-error">
          {error}
        </p>
      ) : null}
      <p role="status" className="muted">
        {progress}
      </p>
      <div className="dialog-actions">
        <button ref={cancelRef} type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        {actions}
      </div>
    </dialog>
  );
}

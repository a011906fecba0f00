// Asks the trader to confirm resubmitting an order the hub never received (OrderDialog). On a
// bridge that does not deduplicate (docs/guarantees.md) it says that a repeat would execute twice.
import { DIALECT_GUARANTEES } from '../../../src-shared/domain/dialects';
import type { ConsoleOrder } from '../../../src-shared/domain/order';
import type { Result } from '../../../src-shared/ipc/errors';
import { useConnection } from '../../app-context';
import { OrderDialog, useDialogStep } from '../../components/OrderDialog';
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

export function ResubmitDialog({ order, digits, busy, onResubmit, onClose }: ResubmitDialogProps) {
  const id = order.clientOrderId;
  // The order may move on while the dialog is open (another window resubmitted it, say).
  const resubmittable = order.status === 'not_received';
  // Only hub protocol v1 deduplicates by clientOrderId; the bridges do not (docs/guarantees.md).
  const deduplicates = useConnection((state) => DIALECT_GUARANTEES[state.info?.hub?.dialect ?? 'v1'].deduplicates);

  const { error, run: resubmit } = useDialogStep(onResubmit, (failure) => describeActionError('resubmit', failure, id), onClose);

  return (
    <OrderDialog
      title="Resubmit order"
      order={order}
      digits={digits}
      note={resubmittable ? null : `This order is now ${statusLabel(order.status)}: there is nothing to resubmit.`}
      error={error}
      progress={busy ? 'Resubmitting…' : ''}
      onClose={onClose}
      actions={
        <button
          type="button"
          className="btn btn-confirm"
          aria-busy={busy || undefined}
          disabled={busy || !resubmittable}
          onClick={() => void resubmit()}
        >
          Resubmit
        </button>
      }
    >
      <p>
        The hub found no trace of order <span className="mono">{id}</span>: it never received it, so nothing was executed.
      </p>
      {deduplicates ? (
        <p>
          Resubmitting sends the <strong>same</strong> client order id, <span className="mono">{id}</span>, again — so if the
          first one did reach the hub after all, the hub recognises it rather than executing it twice.
        </p>
      ) : (
        <p>
          Resubmitting sends the <strong>same</strong> client order id, <span className="mono">{id}</span>, again. This bridge does
          not recognise a repeat: if the first one did reach the terminal after all, it executes twice.
        </p>
      )}
    </OrderDialog>
  );
}

// Asks the trader what the terminal shows for an order the hub cannot account for (its dialect
// cannot prove the order absent, or the hub lost it): executed, or not executed (OrderDialog).
// The choice is main's to check and to record in the audit trail.
import type { ConsoleOrder } from '../../../src-shared/domain/order';
import type { Result } from '../../../src-shared/ipc/errors';
import { OrderDialog, useDialogStep } from '../../components/OrderDialog';
import { statusLabel } from '../../components/order-status';
import { describeActionError } from './order-actions';
import type { ResolveOutcome } from './useOrderActions';

export interface ResolveDialogProps {
  order: ConsoleOrder;
  digits: number | undefined;
  busy: boolean;
  onResolve: (outcome: ResolveOutcome) => Promise<Result<ConsoleOrder> | undefined>;
  onClose: () => void;
}

export function ResolveDialog({ order, digits, busy, onResolve, onClose }: ResolveDialogProps) {
  const open = order.status === 'unknown' && order.needsPerson === true;
  const { error, run: resolve } = useDialogStep(onResolve, (failure) => describeActionError('resolve', failure, order.clientOrderId), onClose);

  return (
    <OrderDialog
      title="Resolve order by hand"
      order={order}
      digits={digits}
      note={open ? null : `This order is now ${statusLabel(order.status)}: there is nothing to resolve.`}
      error={error}
      progress={busy ? 'Recording…' : ''}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="btn" disabled={busy || !open} onClick={() => void resolve('not_executed')}>
            Not executed
          </button>
          <button type="button" className="btn btn-confirm" disabled={busy || !open} onClick={() => void resolve('executed')}>
            Executed
          </button>
        </>
      }
    >
      <p>
        The hub cannot say what became of order <span className="mono">{order.clientOrderId}</span>, and the console will not guess or resend it.
      </p>
      <p>
        Look for comment <span className="mono">{order.clientOrderId}</span> in the terminal&apos;s trade history, then say what you found. Your answer is
        recorded in the audit trail.
      </p>
    </OrderDialog>
  );
}

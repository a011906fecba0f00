// One row of the Orders table: the order as main reports it, its reason when it has one worth
// reading, and the commands its status offers. Memoized: it re-renders only when its props change.
import { memo } from 'react';
import type { ConsoleOrder } from '../../../src-shared/domain/order';
import { formatPrice, formatTime, formatTimestamp, formatVolume } from '../../components/format';
import { showsReason } from '../../components/order-status';
import { StatusBadge } from '../../components/StatusBadge';
import { ACTION_LABEL, actionsFor } from './order-actions';
import type { OrderAction } from './order-actions';

function priceText(order: ConsoleOrder, digits: number | undefined): string {
  if (order.price !== undefined) return formatPrice(order.price, digits);
  return order.avgPrice !== null ? formatPrice(order.avgPrice, digits) : 'market';
}

function volumeText(order: ConsoleOrder): string {
  const partial = order.filledVolume > 0 && order.filledVolume < order.volume;
  return partial ? `${formatVolume(order.filledVolume)}/${formatVolume(order.volume)}` : formatVolume(order.volume);
}

export interface OrderRowProps {
  order: ConsoleOrder;
  digits: number | undefined;
  /** The command in flight for this order, if any: every button waits for it. */
  busy: OrderAction | undefined;
  /** Stable across renders, so rows are not all re-rendered when one order changes. */
  onAction: (action: OrderAction, clientOrderId: string) => void;
}

export const OrderRow = memo(function OrderRow({ order, digits, busy, onAction }: OrderRowProps) {
  const idCell = `order-${order.clientOrderId}`;
  const reason = showsReason(order.status) ? order.reason : null;
  const actions = actionsFor(order.status, order.needsPerson === true);
  return (
    <tr className={`order-${order.status}`} title={reason ?? undefined}>
      <td id={idCell} className="mono">
        {order.clientOrderId}
      </td>
      <td>{order.symbol}</td>
      <td className={`side-${order.side}`}>{order.side}</td>
      <td>{order.type}</td>
      <td className="num">{volumeText(order)}</td>
      <td className="num">{priceText(order, digits)}</td>
      <td>
        <StatusBadge status={order.status} />
        {reason ? <span className="reason">{reason}</span> : null}
      </td>
      <td className="num muted" title={formatTimestamp(order.createdAt)}>
        {formatTime(order.createdAt)}
      </td>
      <td className="row-actions">
        {actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'confirmHeld' ? 'btn btn-small btn-confirm' : 'btn btn-small'}
            aria-describedby={idCell}
            aria-busy={busy === action || undefined}
            disabled={busy !== undefined}
            onClick={() => onAction(action, order.clientOrderId)}
          >
            {ACTION_LABEL[action]}
          </button>
        ))}
      </td>
    </tr>
  );
});

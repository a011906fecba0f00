// The session's orders, newest first, as main reports them; working orders can be cancelled here.
// Rows re-render only when their order changed: the store keeps unchanged orders by reference.
import { memo, useCallback, useRef, useState } from 'react';
import type { ConsoleOrder } from '../../../src-shared/domain/order';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { useBridge, useMarket, useOrders } from '../../app-context';
import { formatPrice, formatTime, formatTimestamp, formatVolume } from '../../components/format';
import { Panel } from '../../components/Panel';
import { StatusBadge } from '../../components/StatusBadge';

/** How a failed orders:cancel is shown; branches on the code, never on the text. */
export function describeCancelError(error: ErrorData, clientOrderId: string): string {
  switch (error.code) {
    case 'ORDER_UNKNOWN':
    case 'TIMEOUT':
    case 'HUB_TIMEOUT':
      return `Cancel of ${clientOrderId}: no answer, outcome unknown — watch its status.`;
    case 'NOT_CONNECTED':
      return `Cancel of ${clientOrderId} not sent: no connection.`;
    case 'NOT_FOUND':
      return `Cancel of ${clientOrderId}: the hub does not know this order.`;
    default:
      return `Cancel of ${clientOrderId} failed (${error.code}): ${error.message}`;
  }
}

function priceText(order: ConsoleOrder, digits: number | undefined): string {
  if (order.price !== undefined) return formatPrice(order.price, digits);
  return order.avgPrice !== null ? formatPrice(order.avgPrice, digits) : 'market';
}

function volumeText(order: ConsoleOrder): string {
  const partial = order.filledVolume > 0 && order.filledVolume < order.volume;
  return partial ? `${formatVolume(order.filledVolume)}/${formatVolume(order.volume)}` : formatVolume(order.volume);
}

interface RowProps {
  order: ConsoleOrder;
  digits: number | undefined;
  canceling: boolean;
  onCancel: (clientOrderId: string) => void;
}

const OrderRow = memo(function OrderRow({ order, digits, canceling, onCancel }: RowProps) {
  const idCell = `order-${order.clientOrderId}`;
  const showReason = (order.status === 'rejected' || order.status === 'unknown') && order.reason;
  return (
    <tr className={`order-${order.status}`} title={showReason ? order.reason ?? undefined : undefined}>
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
        {showReason ? <span className="reason">{order.reason}</span> : null}
      </td>
      <td className="num muted" title={formatTimestamp(order.createdAt)}>
        {formatTime(order.createdAt)}
      </td>
      <td>
        {order.status === 'working' ? (
          <button
            type="button"
            className="btn btn-small"
            aria-describedby={idCell}
            disabled={canceling}
            onClick={() => onCancel(order.clientOrderId)}
          >
            Cancel
          </button>
        ) : null}
      </td>
    </tr>
  );
});

export function OrdersTable() {
  const bridge = useBridge();
  const ids = useOrders((state) => state.ids);
  const byId = useOrders((state) => state.byId);
  const specs = useMarket((state) => state.specs);
  const [canceling, setCanceling] = useState<ReadonlySet<string>>(() => new Set());
  const [problem, setProblem] = useState<string | null>(null);
  // The disabled button is not enough: two clicks can land before it re-renders.
  const inFlight = useRef(new Set<string>());

  // Stable, so the memoized rows do not all re-render when one order changes.
  const onCancel = useCallback(
    (clientOrderId: string) => {
      if (inFlight.current.has(clientOrderId)) return;
      inFlight.current.add(clientOrderId);
      setCanceling(new Set(inFlight.current));
      void bridge.invoke('orders:cancel', { clientOrderId }).then((result) => {
        inFlight.current.delete(clientOrderId);
        setCanceling(new Set(inFlight.current));
        setProblem(result.ok ? null : describeCancelError(result.error, clientOrderId));
      });
    },
    [bridge],
  );

  const working = ids.filter((id) => byId.get(id)?.status === 'working').length;
  return (
    <Panel title="Orders" className="orders-panel" aside={<span className="muted">{`${ids.length} orders · ${working} working`}</span>}>
      {problem ? (
        <p role="alert" className="feedback feedback-error">
          {problem}
        </p>
      ) : null}
      <div className="table-scroll">
        <table aria-label="Orders" className="grid">
          <thead>
            <tr>
              <th scope="col">Client order id</th>
              <th scope="col">Symbol</th>
              <th scope="col">Side</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">Volume</th>
              <th scope="col" className="num">Price</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">Time</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {ids.length === 0 ? (
              <tr>
                <td colSpan={9} className="empty">
                  No orders yet
                </td>
              </tr>
            ) : (
              ids.map((id) => {
                const order = byId.get(id);
                return order ? (
                  <OrderRow
                    key={id}
                    order={order}
                    digits={specs.get(order.symbol)?.digits}
                    canceling={canceling.has(id)}
                    onCancel={onCancel}
                  />
                ) : null;
              })
            )}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}

// The session's orders, newest first, as main reports them, with the commands each status offers:
// cancel a working order, send or drop a held one, resubmit one the hub never received (confirmed
// in a dialog first). Rows re-render only when their order changed: the store keeps the rest.
// Every order not yet final is drawn; of the settled ones, the newest SETTLED_ROWS_SHOWN.
import { useCallback, useMemo, useState } from 'react';
import { useMarket, useOrders } from '../../app-context';
import { Panel } from '../../components/Panel';
import { describeActionError } from './order-actions';
import type { OrderAction } from './order-actions';
import { OrderRow } from './OrderRow';
import { ResolveDialog } from './ResolveDialog';
import { ResubmitDialog } from './ResubmitDialog';
import { useOrderActions } from './useOrderActions';
import type { ResolveOutcome } from './useOrderActions';
import { SETTLED_ROWS_SHOWN, visibleOrders } from './visible-orders';

const COLUMNS = 9;

/** "12 orders · 2 working · 1 held": the held count only when there are some to decide on. */
function countsText(ids: readonly string[], statusOf: (id: string) => string | undefined): string {
  let working = 0;
  let held = 0;
  for (const id of ids) {
    const status = statusOf(id);
    if (status === 'working') working++;
    else if (status === 'held') held++;
  }
  const parts = [`${ids.length} orders`, `${working} working`];
  if (held > 0) parts.push(`${held} held`);
  return parts.join(' · ');
}

export function OrdersTable() {
  const ids = useOrders((state) => state.ids);
  const byId = useOrders((state) => state.byId);
  const specs = useMarket((state) => state.specs);
  const { busy, run } = useOrderActions();
  const [problem, setProblem] = useState<string | null>(null);
  /** The not_received order whose resubmission the trader is being asked to confirm. */
  const [confirming, setConfirming] = useState<string | null>(null);
  /** The order the hub cannot account for that the trader is resolving by hand. */
  const [resolvingId, setResolvingId] = useState<string | null>(null);

  // Stable, so the memoized rows do not all re-render when one order changes.
  const onAction = useCallback(
    (action: OrderAction, clientOrderId: string) => {
      if (action === 'resubmit') {
        setConfirming(clientOrderId);
        return;
      }
      if (action === 'resolve') {
        setResolvingId(clientOrderId);
        return;
      }
      void run(action, clientOrderId).then((result) => {
        if (result) setProblem(result.ok ? null : describeActionError(action, result.error, clientOrderId));
      });
    },
    [run],
  );

  // The dialog shows a failure too; the alert here keeps it once the dialog is closed.
  const resubmit = useCallback(
    async (clientOrderId: string) => {
      const result = await run('resubmit', clientOrderId);
      if (result) setProblem(result.ok ? null : describeActionError('resubmit', result.error, clientOrderId));
      return result;
    },
    [run],
  );
  const resolve = useCallback(
    async (clientOrderId: string, outcome: ResolveOutcome) => {
      const result = await run('resolve', clientOrderId, outcome);
      if (result) setProblem(result.ok ? null : describeActionError('resolve', result.error, clientOrderId));
      return result;
    },
    [run],
  );
  const closeDialog = useCallback(() => setConfirming(null), []);
  const closeResolve = useCallback(() => setResolvingId(null), []);
  const resolving = resolvingId !== null ? byId.get(resolvingId) : undefined;
  const resubmitting = confirming !== null ? byId.get(confirming) : undefined;
  const visible = useMemo(() => visibleOrders(ids, byId), [ids, byId]);

  return (
    <Panel
      title="Orders"
      className="orders-panel"
      aside={<span className="muted">{countsText(ids, (id) => byId.get(id)?.status)}</span>}
    >
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
                <td colSpan={COLUMNS} className="empty">
                  No orders yet
                </td>
              </tr>
            ) : (
              visible.ids.map((id) => {
                const order = byId.get(id);
                return order ? (
                  <OrderRow
                    key={id}
                    order={order}
                    digits={specs.get(order.symbol)?.digits}
                    busy={busy.get(id)}
                    onAction={onAction}
                  />
                ) : null;
              })
            )}
          </tbody>
        </table>
      </div>
      {visible.hidden > 0 ? (
        <p className="muted table-note">
          Showing every open order and the newest {SETTLED_ROWS_SHOWN} settled ones; {visible.hidden.toLocaleString('en-US')} older settled orders are
          in the ledger (npm run ledger).
        </p>
      ) : null}
      {resubmitting ? (
        <ResubmitDialog
          order={resubmitting}
          digits={specs.get(resubmitting.symbol)?.digits}
          busy={busy.get(resubmitting.clientOrderId) === 'resubmit'}
          onResubmit={() => resubmit(resubmitting.clientOrderId)}
          onClose={closeDialog}
        />
      ) : null}
      {resolving ? (
        <ResolveDialog
          order={resolving}
          digits={specs.get(resolving.symbol)?.digits}
          busy={busy.get(resolving.clientOrderId) === 'resolve'}
          onResolve={(outcome) => resolve(resolving.clientOrderId, outcome)}
          onClose={closeResolve}
        />
      ) : null}
    </Panel>
  );
}

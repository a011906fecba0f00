// The commands a trader can give an existing order (cancel, send a held one anyway, drop it,
// resubmit one the hub never received, resolve one the hub cannot account for): which status offers which, their names and their outcomes
// in words. Pure; branches on error codes, never on message text.
import type { ConsoleOrder, ConsoleOrderStatus } from '../../../src-shared/domain/order';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { statusLabel } from '../../components/order-status';
import { describePlaced, RECONCILING_MESSAGE } from './ticket-form';

export type OrderAction = 'cancel' | 'confirmHeld' | 'dropHeld' | 'resubmit' | 'resolve';

/** The buttons' accessible names, exactly. */
export const ACTION_LABEL: Readonly<Record<OrderAction, string>> = {
  cancel: 'Cancel',
  confirmHeld: 'Send anyway',
  dropHeld: 'Drop',
  resubmit: 'Resubmit',
  resolve: 'Resolve…',
};

const NONE: readonly OrderAction[] = [];
const BY_STATUS: Partial<Record<ConsoleOrderStatus, readonly OrderAction[]>> = {
  working: ['cancel'],
  held: ['confirmHeld', 'dropHeld'],
  not_received: ['resubmit'],
};

const RESOLVE: readonly OrderAction[] = ['resolve'];

/**
 * What an order in this status offers; a final or in-flight status offers nothing, except an
 * unknown order the hub cannot account for (needsPerson): a trader resolves it after checking the terminal.
 */
export function actionsFor(status: ConsoleOrderStatus, needsPerson = false): readonly OrderAction[] {
  if (status === 'unknown' && needsPerson) return RESOLVE;
  return BY_STATUS[status] ?? NONE;
}

function subject(action: OrderAction, clientOrderId: string): string {
  switch (action) {
    case 'cancel':
      return `Cancel of ${clientOrderId}`;
    case 'confirmHeld':
      return `Sending held order ${clientOrderId}`;
    case 'dropHeld':
      return `Dropping held order ${clientOrderId}`;
    case 'resubmit':
      return `Resubmitting ${clientOrderId}`;
    case 'resolve':
      return `Resolving ${clientOrderId}`;
  }
}

/** How a failed order command is shown. */
export function describeActionError(action: OrderAction, error: ErrorData, clientOrderId: string): string {
  const what = subject(action, clientOrderId);
  switch (error.code) {
    case 'ORDER_UNKNOWN':
    case 'TIMEOUT':
    case 'HUB_TIMEOUT':
      // A lost drop sent nothing; a lost cancel, send or resubmit may have reached the hub.
      return action === 'dropHeld'
        ? `${what}: no answer — watch its status.`
        : `${what}: no answer, outcome unknown — watch its status.`;
    case 'NOT_CONNECTED':
      return `${what} not sent: no connection.`;
    case 'NOT_FOUND':
      return `${what}: the hub does not know this order.`;
    case 'INVALID_STATE':
      return `${what}: not possible in the order's current state. ${error.message}`;
    case 'RECONCILING':
      return RECONCILING_MESSAGE;
    default:
      return `${what} failed (${error.code}): ${error.message}`;
  }
}

/** A one-line confirmation of a command main accepted, with the order as main now reports it. */
export function describeActionDone(action: OrderAction, order: ConsoleOrder): string {
  switch (action) {
    case 'confirmHeld':
      return `Sent anyway. ${describePlaced(order)}`;
    case 'dropHeld':
      return `Dropped ${order.clientOrderId}: it was never sent.`;
    case 'resubmit':
      return `Resubmitted ${order.clientOrderId}: ${statusLabel(order.status)}.`;
    case 'cancel':
      return `Cancel of ${order.clientOrderId}: ${statusLabel(order.status)}.`;
    case 'resolve':
      return `Resolved ${order.clientOrderId} by hand: ${statusLabel(order.status)}.`;
  }
}

// An order status as a word with a colour; the word carries the meaning, the colour only helps.
import type { ConsoleOrderStatus } from '../../src-shared/domain/order';
import { statusLabel } from './order-status';

export function StatusBadge({ status }: { status: ConsoleOrderStatus }) {
  return <span className={`status status-${status}`}>{statusLabel(status)}</span>;
}

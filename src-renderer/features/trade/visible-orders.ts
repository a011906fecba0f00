// Which orders the Orders table draws: every order a trader may have to act on or watch (not
// final), and the newest of the rest up to a limit, so a console that has placed 100,000 orders
// still renders a few hundred rows ten times a second. Pure.
import type { ConsoleOrder, ConsoleOrderStatus } from '../../../src-shared/domain/order';

export const SETTLED_ROWS_SHOWN = 200;

/** Final states: nothing more will happen to these orders, and nothing can be done with them. */
const SETTLED: ReadonlySet<ConsoleOrderStatus> = new Set<ConsoleOrderStatus>(['filled', 'canceled', 'rejected', 'dropped']);

/** From ids newest first: the ones to draw (same order) and how many settled ones were left out. */
export function visibleOrders(
  ids: readonly string[],
  byId: ReadonlyMap<string, ConsoleOrder>,
  limit = SETTLED_ROWS_SHOWN,
): { ids: string[]; hidden: number } {
  const shown: string[] = [];
  let settled = 0;
  let hidden = 0;
  for (const id of ids) {
    const order = byId.get(id);
    if (!order) continue;
    if (!SETTLED.has(order.status)) shown.push(id);
    else if (settled < limit) {
      settled += 1;
      shown.push(id);
    } else hidden += 1;
  }
  return { ids: shown, hidden };
}

// Where the MQL5 adapter looks for an order (pure): a refusal event proves nothing executed only
// where the lists would show an execution, and a partial fill (10010) is an execution, never a
// refusal. Both mistakes would let a trader resubmit an order that executed.
import { describe, expect, it } from 'vitest';
import { findOrder, type EventFacts, type Mql5Lists } from '../../src-main/hub/mql5/mql5-orders';
import type { Mql5TradeEvent } from '../../src-main/hub/mql5/mql5-wire';

const ID = 'HD-261129-030000-00aa11bb';

function event(retcode: number, order: number): Mql5TradeEvent {
  return {
    request: { action: 'TRADE_ACTION_DEAL', order: 0, symbol: 'EURUSD', volume: 0.1, price: 0, sl: 0, tp: 0, type: 'ORDER_TYPE_BUY', comment: ID },
    result: { retcode, order, volume: retcode === 10010 ? 0.05 : 0.1, price: 1.085 },
  };
}

function facts(events: Mql5TradeEvent[]): EventFacts {
  return { forComment: (comment) => (comment === ID ? events : []), commentOf: () => undefined, removedOrders: () => [] };
}

/** Someone else's deal, listed as the stock EA lists it (no comment), or as a patched one does. */
function lists(withComment: boolean): Mql5Lists {
  const deal = { ticket: 7, time: 1, price: 1.2, volume: 0.1, symbol: 'GBPUSD', type: 'Buy', entry: 0, profit: 0, ...(withComment ? { comment: '' } : {}) };
  return { positions: [], orders: [], deals: [deal] };
}

describe('findOrder on the MQL5 EA', () => {
  it('treats an old refusal as proof only where the lists carry comments', () => {
    const refusedEarlier = facts([event(10019, 0)]);
    expect(findOrder(ID, lists(true), refusedEarlier, 1000)).toEqual({ kind: 'refused', retcode: 10019 });
    // Stock lists: the refusal may be an earlier send's, and this one may have executed unseen.
    expect(findOrder(ID, lists(false), refusedEarlier, 1000)).toEqual({ kind: 'unprovable' });
  });

  it('never reads a partial fill or an unknown retcode as a refusal', () => {
    expect(findOrder(ID, lists(true), facts([event(10010, 42)]), 1000)).toMatchObject({ kind: 'found', order: { orderId: '42' } });
    // 10012 (timeout): the server said nothing about the outcome; absent from commented lists is absent.
    expect(findOrder(ID, lists(true), facts([event(10012, 0)]), 1000)).toEqual({ kind: 'absent' });
  });
});

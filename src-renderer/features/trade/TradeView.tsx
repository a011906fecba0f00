// The Trade view: ticket, quotes and chart on the left; orders and positions on the right. Owns
// which symbol is selected, shared by the ticket, the quotes board and the chart.
import { useState } from 'react';
import { useMarket } from '../../app-context';
import { MidChart } from './MidChart';
import { OrdersTable } from './OrdersTable';
import { OrderTicket } from './OrderTicket';
import { PositionsTable } from './PositionsTable';
import { QuotesBoard } from './QuotesBoard';

export function TradeView() {
  const [picked, setPicked] = useState('');
  const specs = useMarket((state) => state.specs);
  const first = useMarket((state) => state.symbols[0]?.symbol ?? '');
  // Derived, not synced in an effect: a pick that a new snapshot no longer lists falls back.
  const symbol = specs.has(picked) ? picked : first;
  return (
    <main className="trade">
      <div className="trade-left">
        <OrderTicket symbol={symbol} onSymbolChange={setPicked} />
        <QuotesBoard selected={symbol} onSelect={setPicked} />
        <MidChart symbol={symbol} />
      </div>
      <div className="trade-right">
        <OrdersTable />
        <PositionsTable />
      </div>
    </main>
  );
}

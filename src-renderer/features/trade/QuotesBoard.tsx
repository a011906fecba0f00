// Live bid/ask for every symbol of the snapshot; choosing a row selects that symbol for the ticket.
import type { SymbolSpec } from '../../../src-shared/domain/market';
import { useMarket } from '../../app-context';
import { formatPrice, formatSpread, formatTime } from '../../components/format';
import { Panel } from '../../components/Panel';

function QuoteRow(props: { spec: SymbolSpec; selected: boolean; onSelect: (symbol: string) => void }) {
  const { spec, selected } = props;
  const quote = useMarket((state) => state.quotes.get(spec.symbol));
  const mids = useMarket((state) => state.mids.get(spec.symbol));
  const last = mids?.[mids.length - 1];
  const before = mids?.[mids.length - 2];
  const tick = last && before ? (last.mid > before.mid ? 'up' : last.mid < before.mid ? 'down' : '') : '';
  return (
    <tr className={selected ? 'selected' : undefined}>
      <th scope="row">
        <button type="button" className="btn-link" aria-pressed={selected} onClick={() => props.onSelect(spec.symbol)}>
          {spec.symbol}
        </button>
      </th>
      <td className={`num tick-${tick || 'flat'}`}>{formatPrice(quote?.bid, spec.digits)}</td>
      <td className={`num tick-${tick || 'flat'}`}>{formatPrice(quote?.ask, spec.digits)}</td>
      <td className="num muted">{quote ? formatSpread(quote.bid, quote.ask, spec.digits) : '—'}</td>
      <td className="num muted">{quote ? formatTime(quote.ts) : '—'}</td>
    </tr>
  );
}

export function QuotesBoard(props: { selected: string; onSelect: (symbol: string) => void }) {
  const symbols = useMarket((state) => state.symbols);
  return (
    <Panel title="Quotes" className="quotes-panel">
      <table aria-label="Quotes" className="grid">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col" className="num">Bid</th>
            <th scope="col" className="num">Ask</th>
            <th scope="col" className="num">Spread</th>
            <th scope="col" className="num">Time</th>
          </tr>
        </thead>
        <tbody>
          {symbols.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No symbols yet
              </td>
            </tr>
          ) : (
            symbols.map((spec) => (
              <QuoteRow key={spec.symbol} spec={spec} selected={spec.symbol === props.selected} onSelect={props.onSelect} />
            ))
          )}
        </tbody>
      </table>
    </Panel>
  );
}

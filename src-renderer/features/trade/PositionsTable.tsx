// Open netting positions with their unrealized P/L, as main last reported them.
import { useAccount, useMarket } from '../../app-context';
import { formatPrice, formatSignedMoney, formatVolume } from '../../components/format';
import { Panel } from '../../components/Panel';

export function PositionsTable() {
  const positions = useAccount((state) => state.positions);
  const specs = useMarket((state) => state.specs);
  return (
    <Panel title="Positions" className="positions-panel">
      <table aria-label="Positions" className="grid">
        <thead>
          <tr>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="num">Volume</th>
            <th scope="col" className="num">Avg price</th>
            <th scope="col" className="num">Unrealized P/L</th>
          </tr>
        </thead>
        <tbody>
          {positions.length === 0 ? (
            <tr>
              <td colSpan={5} className="empty">
                No open positions
              </td>
            </tr>
          ) : (
            positions.map((position) => (
              <tr key={`${position.symbol}-${position.side}`}>
                <td>{position.symbol}</td>
                <td className={`side-${position.side}`}>{position.side}</td>
                <td className="num">{formatVolume(position.volume)}</td>
                <td className="num">{formatPrice(position.avgPrice, specs.get(position.symbol)?.digits)}</td>
                <td className={`num ${position.unrealizedPnl < 0 ? 'loss' : position.unrealizedPnl > 0 ? 'gain' : ''}`}>
                  {formatSignedMoney(position.unrealizedPnl)}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </Panel>
  );
}

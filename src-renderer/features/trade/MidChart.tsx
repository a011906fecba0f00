// A small line of the selected symbol's recent mid prices, from the history the market store keeps.
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useMarket } from '../../app-context';
import { formatPrice, formatTime } from '../../components/format';
import { MID_HISTORY } from '../../stores/market';
import type { MidPoint } from '../../stores/market';

const NO_POINTS: readonly MidPoint[] = [];
// Literal colours: SVG presentation attributes do not reliably resolve CSS variables.
const AXIS = '#8b98a5';
const LINE = '#4aa3ff';

export function MidChart(props: { symbol: string }) {
  const points = useMarket((state) => state.mids.get(props.symbol)) ?? NO_POINTS;
  const digits = useMarket((state) => state.specs.get(props.symbol)?.digits);
  return (
    <figure className="mid-chart" aria-label={`${props.symbol} mid-quote chart, last ${MID_HISTORY} quotes`}>
      {points.length < 2 ? (
        <p className="empty">Waiting for quotes…</p>
      ) : (
        <ResponsiveContainer width="100%" height={120}>
          <LineChart data={[...points]} margin={{ top: 6, right: 8, bottom: 0, left: 0 }}>
            <XAxis dataKey="ts" hide />
            <YAxis
              domain={['auto', 'auto']}
              width={64}
              tick={{ fill: AXIS, fontSize: 11 }}
              tickFormatter={(value: number) => formatPrice(value, digits)}
            />
            <Tooltip
              contentStyle={{ background: 'var(--panel-2)', border: '1px solid var(--border)' }}
              labelFormatter={(label) => (typeof label === 'number' ? formatTime(label) : '')}
              formatter={(value) => (typeof value === 'number' ? formatPrice(value, (digits ?? 5) + 1) : String(value))}
            />
            <Line type="linear" dataKey="mid" stroke={LINE} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

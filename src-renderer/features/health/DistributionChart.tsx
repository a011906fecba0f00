// How the window's request latencies spread: requests per latency bucket, labelled by the
// bucket's upper edge (≤ 5 ms …), so a long tail shows as bars far to the right.
import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthHistory } from '../../../src-shared/domain/health';
import { formatCount } from '../../components/format';
import { AXIS, CHART_HEIGHT, ChartFigure, GRID, TOOLTIP_STYLE } from './ChartFigure';
import { distributionBars } from './chart-data';

const BAR = '#4aa3ff';

export const DistributionChart = memo(function DistributionChart({ history }: { history: HealthHistory }) {
  const data = useMemo(() => distributionBars(history), [history]);
  const empty = data.every((bar) => bar.count === 0);
  return (
    <ChartFigure label="Latency distribution" note="requests per latency bucket" empty={empty ? 'No requests in this window' : null}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="2 4" vertical={false} />
          <XAxis dataKey="label" interval="preserveStartEnd" tick={{ fill: AXIS, fontSize: 11 }} />
          <YAxis width={56} allowDecimals={false} tick={{ fill: AXIS, fontSize: 11 }} tickFormatter={(value: number) => formatCount(value)} />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            cursor={{ fill: 'rgb(255 255 255 / 4%)' }}
            formatter={(value) => (typeof value === 'number' ? formatCount(value) : String(value))}
          />
          <Bar dataKey="count" name="requests" fill={BAR} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

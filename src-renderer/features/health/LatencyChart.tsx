// Latency percentiles over the window: p50, p99 and max per bucket on a log axis, with the p50
// and p99 targets as dashed lines. Gaps are buckets in which no request ended.
import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthHistory } from '../../../src-shared/domain/health';
import { formatClock, formatMs } from '../../components/format';
import { AXIS, CHART_HEIGHT, ChartFigure, GRID, TOOLTIP_STYLE } from './ChartFigure';
import { axisMs, decadeTicks, hasRequests, latencyPoints, logDomain, timeTick, timeTicks } from './chart-data';

const P50 = '#4aa3ff';
const P99 = '#ff9f43';
const MAX = '#ff7b7b';

export const LatencyChart = memo(function LatencyChart({ history }: { history: HealthHistory }) {
  const data = useMemo(() => latencyPoints(history), [history]);
  const { p50Ms, p99Ms } = history.targets;
  const domain = useMemo(() => logDomain([...data.flatMap((point) => [point.p50, point.p99, point.max]), p50Ms, p99Ms]), [data, p50Ms, p99Ms]);
  const ticks = useMemo(() => decadeTicks(domain), [domain]);
  return (
    <ChartFigure
      label="Latency percentiles"
      note={`ms, log scale · dashed: targets p50 < ${formatMs(p50Ms)}, p99 < ${formatMs(p99Ms)}`}
      empty={hasRequests(history) ? null : 'No requests in this window'}
    >
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <LineChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="2 4" vertical={false} />
          <XAxis
            dataKey="at"
            type="number"
            scale="time"
            domain={[history.from, history.to]}
            ticks={timeTicks(history.from, history.to)}
            tick={{ fill: AXIS, fontSize: 11 }}
            tickFormatter={(at: number) => timeTick(history.window, at)}
          />
          <YAxis
            scale="log"
            domain={domain}
            ticks={ticks}
            allowDataOverflow
            width={56}
            tick={{ fill: AXIS, fontSize: 11 }}
            tickFormatter={(ms: number) => axisMs(ms)}
          />
          <Tooltip
            contentStyle={TOOLTIP_STYLE}
            labelFormatter={(at) => (typeof at === 'number' ? formatClock(at) : '')}
            formatter={(value) => (typeof value === 'number' ? formatMs(value) : String(value))}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />
          <ReferenceLine y={p50Ms} stroke={P50} strokeDasharray="6 4" strokeOpacity={0.7} />
          <ReferenceLine y={p99Ms} stroke={P99} strokeDasharray="6 4" strokeOpacity={0.7} />
          <Line type="linear" dataKey="p50" name="p50" stroke={P50} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          <Line type="linear" dataKey="p99" name="p99" stroke={P99} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          <Line type="linear" dataKey="max" name="max" stroke={MAX} dot={false} isAnimationActive={false} strokeWidth={1} />
        </LineChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

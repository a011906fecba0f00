// Throughput (requests and orders per second) and retries per minute over the window, each
// bucket's count scaled to its rate so windows of any bucket width read alike.
import { memo, useMemo } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HealthHistory } from '../../../src-shared/domain/health';
import { formatClock, formatRate } from '../../components/format';
import { AXIS, CHART_HEIGHT, ChartFigure, GRID, TOOLTIP_STYLE } from './ChartFigure';
import { retryPoints, throughputPoints, timeTick, timeTicks } from './chart-data';
import { formatDuration } from './health-text';

const REQUESTS = '#4aa3ff';
const ORDERS = '#4ed18a';
const RETRIES = '#ff9f43';

function timeAxis(history: HealthHistory) {
  return {
    dataKey: 'at',
    type: 'number',
    scale: 'time',
    domain: [history.from, history.to],
    ticks: timeTicks(history.from, history.to),
    tick: { fill: AXIS, fontSize: 11 },
    tickFormatter: (at: number) => timeTick(history.window, at),
  } as const;
}

const rateTooltip = {
  contentStyle: TOOLTIP_STYLE,
  labelFormatter: (at: unknown) => (typeof at === 'number' ? formatClock(at) : ''),
  formatter: (value: unknown) => (typeof value === 'number' ? formatRate(value) : String(value)),
} as const;

export const ThroughputChart = memo(function ThroughputChart({ history }: { history: HealthHistory }) {
  const data = useMemo(() => throughputPoints(history), [history]);
  return (
    <ChartFigure label="Throughput" note={`per second · ${formatDuration(history.bucketMs)} buckets`} empty={data.length ? null : 'No data in this window'}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <AreaChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="2 4" vertical={false} />
          <XAxis {...timeAxis(history)} />
          <YAxis width={56} tick={{ fill: AXIS, fontSize: 11 }} tickFormatter={(value: number) => formatRate(value)} />
          <Tooltip {...rateTooltip} />
          <Legend wrapperStyle={{ fontSize: 11 }} itemSorter={null} />
          <Area type="linear" dataKey="requests" name="requests/s" stroke={REQUESTS} fill={REQUESTS} fillOpacity={0.15} isAnimationActive={false} />
          <Area type="linear" dataKey="orders" name="orders/s" stroke={ORDERS} fill={ORDERS} fillOpacity={0.15} isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

export const RetriesChart = memo(function RetriesChart({ history }: { history: HealthHistory }) {
  const data = useMemo(() => retryPoints(history), [history]);
  return (
    <ChartFigure label="Retries per minute" note={`${formatDuration(history.bucketMs)} buckets`} empty={data.length ? null : 'No data in this window'}>
      <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
        <BarChart data={data} margin={{ top: 6, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke={GRID} strokeDasharray="2 4" vertical={false} />
          <XAxis {...timeAxis(history)} padding={{ left: 4, right: 4 }} />
          <YAxis width={56} tick={{ fill: AXIS, fontSize: 11 }} tickFormatter={(value: number) => formatRate(value)} />
          <Tooltip {...rateTooltip} cursor={{ fill: 'rgb(255 255 255 / 4%)' }} />
          <Bar dataKey="retries" name="retries/min" fill={RETRIES} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
});

// The duplicate-check counters as horizontal bars, coloured by tone. A picture of the numbers the
// view also lists as text, so it is hidden from assistive tech rather than read twice.
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Counter, CounterTone } from './checks-text';

// Literal colours: SVG presentation attributes do not reliably resolve CSS variables.
const AXIS = '#8b98a5';
const TONE: Readonly<Record<CounterTone, string>> = {
  neutral: '#4aa3ff',
  guard: '#4ed18a',
  attention: '#ff9f43',
};
const ROW_HEIGHT = 22;
/** Wide enough for the longest label on one line; checks.css aligns the legend with it. */
const AXIS_WIDTH = 220;

export function ChecksChart({ items }: { items: readonly Counter[] }) {
  // recharts colours a bar by its entry's `fill`.
  const data = items.map((item) => ({ label: item.label, value: item.value, fill: TONE[item.tone] }));
  return (
    <figure className="checks-chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={data.length * ROW_HEIGHT + 24}>
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }}>
          <XAxis type="number" allowDecimals={false} tick={{ fill: AXIS, fontSize: 11 }} />
          <YAxis type="category" dataKey="label" width={AXIS_WIDTH} interval={0} tick={{ fill: AXIS, fontSize: 11 }} />
          <Tooltip
            cursor={{ fill: 'rgb(255 255 255 / 4%)' }}
            contentStyle={{ background: 'var(--panel-2)', border: '1px solid var(--border)' }}
          />
          <Bar dataKey="value" name="Count" isAnimationActive={false} barSize={14} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption>
        <span className="tone tone-neutral">orders</span>
        <span className="tone tone-guard">duplicates stopped</span>
        <span className="tone tone-attention">needs a look</span>
      </figcaption>
    </figure>
  );
}

// A Health chart's frame: a figure named for assistive tech, its caption (title and what the
// axes show), and the chart, or a note when the window holds nothing to draw.
import type { ReactNode } from 'react';

export const CHART_HEIGHT = 190;
// Literal colours: SVG presentation attributes do not reliably resolve CSS variables.
export const AXIS = '#8b98a5';
export const GRID = '#2a3441';
export const TOOLTIP_STYLE = { background: 'var(--panel-2)', border: '1px solid var(--border)' } as const;

export function ChartFigure(props: { label: string; note: string; empty: string | null; children: ReactNode }) {
  return (
    <figure className="health-chart" aria-label={props.label}>
      <figcaption>
        <span className="health-chart-title">{props.label}</span> <span className="muted">{props.note}</span>
      </figcaption>
      {props.empty ? <p className="empty">{props.empty}</p> : props.children}
    </figure>
  );
}

// The Health view's charts and their window switch (5 min … 7 d). Reads no store: the history
// comes from useHealthHistory, so a live health tick does not redraw them.
import { useState } from 'react';
import type { HistoryWindow } from '../../../src-shared/domain/health';
import { CHART_WINDOWS } from './chart-data';
import { DistributionChart } from './DistributionChart';
import { LatencyChart } from './LatencyChart';
import { RetriesChart, ThroughputChart } from './RateCharts';
import { useHealthHistory } from './useHealthHistory';

function WindowSwitch(props: { value: HistoryWindow; onChange: (value: HistoryWindow) => void }) {
  return (
    <div role="radiogroup" aria-label="Chart window" className="segmented">
      {CHART_WINDOWS.map((option) => (
        <label key={option.window} className="segmented-option">
          <input
            type="radio"
            name="health-chart-window"
            value={option.window}
            checked={props.value === option.window}
            onChange={() => props.onChange(option.window)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}

export function HealthCharts() {
  const [shown, setShown] = useState<HistoryWindow>('5m');
  const { history, loading, error } = useHealthHistory(shown);
  return (
    <div className="health-charts-block">
      <div className="health-charts-bar">
        <h3>History</h3>
        <WindowSwitch value={shown} onChange={setShown} />
        {loading ? (
          <span role="progressbar" aria-label="Loading chart data" className="health-loading">
            <span className="spinner" aria-hidden="true" />
            <span className="muted">Loading…</span>
          </span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="feedback feedback-error">
          {error}
        </p>
      ) : null}
      {history ? (
        <div className="health-charts">
          <LatencyChart history={history} />
          <ThroughputChart history={history} />
          <RetriesChart history={history} />
          <DistributionChart history={history} />
        </div>
      ) : null}
    </div>
  );
}

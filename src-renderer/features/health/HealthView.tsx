// The Health view, for support staff: the console's live figures against the release targets,
// each operation's latency and the counters since start, then latency, throughput and retries over
// a chosen window. Tiles, since-start figures and charts read separately, so the once-a-second
// figures never redraw the charts.
import { HealthCharts } from './HealthCharts';
import { HealthTiles } from './HealthTiles';
import { SinceStart } from './SinceStart';

export function HealthView() {
  return (
    <main className="health">
      <section aria-label="Health" className="panel health-panel">
        <header className="panel-header">
          <h2>Health</h2>
          <span className="muted">live, about once a second</span>
        </header>
        <HealthTiles />
        <SinceStart />
        <HealthCharts />
      </section>
    </main>
  );
}

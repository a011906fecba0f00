// One built checkpoint: the verdict, each target's goal against what was measured (and what that
// rests on), the latency over the window and the alerts that fired in it.
import type { CheckpointReport } from '../../../src-shared/domain/alerts';
import { formatTimestamp } from '../../components/format';
import { useNow } from '../../components/useNow';
import { alertItemText, latencyText, measuredText, periodText, rowStatusText, verdictText, windowLabel } from './reports-text';

export function CheckpointReportView({ report }: { report: CheckpointReport }) {
  const now = useNow(false);
  return (
    <div className={`report report-${report.verdict}`}>
      <h3 className={`report-verdict report-verdict-${report.verdict}`}>{verdictText(report)}</h3>
      <p className="muted" title={`${formatTimestamp(report.from)} – ${formatTimestamp(report.to)}`}>
        {`Last ${windowLabel(report.window)}: ${periodText(report, now)}`}
      </p>
      <div className="table-scroll">
        <table aria-label="Checkpoint" className="grid report-table">
          <thead>
            <tr>
              <th scope="col">Target</th>
              <th scope="col">Goal</th>
              <th scope="col">Measured</th>
              <th scope="col">Status</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.target}>
                <th scope="row">{row.label}</th>
                <td>{row.goal}</td>
                <td className="num">{measuredText(row)}</td>
                <td>
                  <span className={`status report-status-${row.status}`}>{rowStatusText(row.status)}</span>
                </td>
                <td className="report-detail">{row.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="report-latency">
        <span className="muted">Latency: </span>
        {latencyText(report.latency)}
      </p>
      <h4 className="report-subtitle">Alerts in window</h4>
      {report.alerts.length === 0 ? (
        <p className="muted">No alerts in this window</p>
      ) : (
        <ul aria-label="Alerts in window" className="report-alerts">
          {report.alerts.map((event) => (
            <li key={event.id} className={event.resolvedAt === null ? 'alert-firing' : undefined}>
              {alertItemText(event, now)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

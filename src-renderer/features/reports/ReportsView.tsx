// The Reports view, for support staff: builds the release-style checkpoint for a window (each
// target pass, fail or no data), exports it as Markdown or JSON and queues it for Notion. Main
// builds and queues; this shows.
import { useState } from 'react';
import type { ReportWindow } from '../../../src-shared/domain/alerts';
import { useRole } from '../../app-context';
import { downloadText } from '../../components/download';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import { CheckpointReportView } from './CheckpointReportView';
import { checkpointFileName, isReportWindow, REPORT_WINDOWS, reportJson } from './reports-text';
import { usePushReport } from './usePushReport';
import { useReportBuild } from './useReportBuild';

export function ReportsView() {
  const [reportWindow, setReportWindow] = useState<ReportWindow>('1h');
  const [saved, setSaved] = useState<string | null>(null);
  const { state, build } = useReportBuild();
  const pushed = usePushReport();
  // Pushing writes to Notion: a trader's action, not a viewer's.
  const trader = useRole() === 'trader';
  const building = state.kind === 'building';
  const done = state.kind === 'done' ? state : null;

  const save = (text: string, fileName: string, type: string) => {
    downloadText(text, fileName, type);
    setSaved(fileName);
  };

  return (
    <main className="reports">
      <section aria-label="Reports" className="reports-section">
        <Panel title="Checkpoint report" className="reports-panel">
          <div className="reports-toolbar">
            <Field label="Window">
              {(control) => (
                <select {...control} value={reportWindow} onChange={(event) => isReportWindow(event.target.value) && setReportWindow(event.target.value)}>
                  {REPORT_WINDOWS.map((option) => (
                    <option key={option.window} value={option.window}>
                      {option.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button
              type="button"
              className="btn"
              disabled={building}
              aria-busy={building || undefined}
              onClick={() => {
                setSaved(null);
                pushed.reset();
                build(reportWindow);
              }}
            >
              Build report
            </button>
            <div className="reports-export">
              <button
                type="button"
                className="btn"
                disabled={!done}
                onClick={() => done && save(done.markdown, checkpointFileName(done.report, 'md'), 'text/markdown;charset=utf-8')}
              >
                Export Markdown
              </button>
              <button
                type="button"
                className="btn"
                disabled={!done}
                onClick={() => done && save(reportJson(done.report), checkpointFileName(done.report, 'json'), 'application/json')}
              >
                Export JSON
              </button>
              {trader ? (
                <button
                  type="button"
                  className="btn"
                  disabled={!done || pushed.state.kind === 'pushing'}
                  aria-busy={pushed.state.kind === 'pushing' || undefined}
                  onClick={() => done && pushed.push(done.report.window)}
                >
                  Push to Notion
                </button>
              ) : null}
              <span role="status" className="muted">
                {saved ? `Saved ${saved}` : ''}
              </span>
              <span role="status" className="muted">
                {pushed.state.kind === 'queued' ? pushed.state.text : ''}
              </span>
            </div>
          </div>
          {pushed.state.kind === 'failed' ? (
            <p role="alert" className="feedback feedback-error">
              {pushed.state.message}
            </p>
          ) : null}
          {building ? (
            <div role="progressbar" aria-label="Building report" className="reports-building">
              <span className="spinner" aria-hidden="true" />
              <span className="muted">Building the checkpoint…</span>
            </div>
          ) : null}
          {state.kind === 'failed' ? (
            <p role="alert" className="feedback feedback-error">
              {state.message}
            </p>
          ) : null}
          {done ? <CheckpointReportView report={done.report} /> : null}
          {state.kind === 'idle' ? <p className="empty">Pick a window and build the report.</p> : null}
        </Panel>
      </section>
    </main>
  );
}

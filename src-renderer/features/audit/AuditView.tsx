// The Audit view, for traders: who (role, token id) placed, canceled or changed what, when, and how
// it ended, filtered by action and role, with Export CSV / Export JSON of all matching rows. It opens
// the audit feed while shown and closes it when hidden; it picks the filter and only reads the store.
import { useEffect, useMemo, useState } from 'react';
import type { AuditAction } from '../../../src-shared/domain/audit';
import type { Role } from '../../../src-shared/ipc/access';
import { useAudit, useAuditFeed } from '../../app-context';
import { Field } from '../../components/Field';
import { Panel } from '../../components/Panel';
import type { AuditViewFilter } from '../../stores/audit';
import { AuditTable } from './AuditTable';
import { ACTIONS, AUDIT_ROLES, auditCountText, describeAuditError, isAuditAction, isRole } from './audit-text';
import { useAuditExport } from './useAuditExport';
import type { AuditExportState } from './useAuditExport';

function exportStatus(state: AuditExportState): string {
  if (state.kind === 'running') return 'Exporting…';
  if (state.kind === 'done') return `Exported ${state.rows} ${state.rows === 1 ? 'row' : 'rows'} to ${state.fileName}`;
  return '';
}

/** A filter: "All" (null) or one of `options`. */
function FilterSelect<T extends string>(props: { label: string; value: T | null; options: readonly T[]; accepts: (value: string) => value is T; onChange: (value: T | null) => void }) {
  const { label, value, options, accepts, onChange } = props;
  return (
    <Field label={label}>
      {(control) => (
        <select {...control} value={value ?? ''} onChange={(event) => onChange(accepts(event.target.value) ? event.target.value : null)}>
          <option value="">All</option>
          {options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function AuditView() {
  const feed = useAuditFeed();
  const [action, setAction] = useState<AuditAction | null>(null);
  const [role, setRole] = useState<Role | null>(null);
  const filter = useMemo<AuditViewFilter>(() => ({ action, role }), [action, role]);
  const entries = useAudit((state) => state.entries);
  const total = useAudit((state) => state.total);
  const status = useAudit((state) => state.status);
  const error = useAudit((state) => state.error);
  const exporter = useAuditExport(filter);

  // Open the feed for this filter while the view shows it: a load, then reloads after changes.
  useEffect(() => {
    feed.open(filter);
    return () => feed.close();
  }, [feed, filter]);

  const exporting = exporter.state.kind === 'running';
  return (
    <main className="audit">
      <section aria-label="Audit">
        <Panel title="Audit trail" className="audit-panel" aside={<span className="muted">{auditCountText(total, entries.length)}</span>}>
          <div className="audit-toolbar">
            <FilterSelect label="Action" value={action} options={ACTIONS} accepts={isAuditAction} onChange={setAction} />
            <FilterSelect label="Role" value={role} options={AUDIT_ROLES} accepts={isRole} onChange={setRole} />
            <button type="button" className="btn" onClick={() => feed.refresh()}>
              Refresh
            </button>
            <div className="audit-export">
              {(['csv', 'json'] as const).map((format) => (
                <button key={format} type="button" className="btn" aria-busy={exporting || undefined} disabled={exporting} onClick={() => exporter.run(format)}>
                  {format === 'csv' ? 'Export CSV' : 'Export JSON'}
                </button>
              ))}
              <span role="status" className="muted">
                {exportStatus(exporter.state)}
              </span>
            </div>
          </div>
          {exporter.state.kind === 'failed' ? (
            <p role="alert" className="feedback feedback-error">
              {exporter.state.message}
            </p>
          ) : null}
          {status === 'error' && error ? (
            <div role="alert" className="feedback feedback-error">
              {describeAuditError(error, 'load')}{' '}
              <button type="button" className="btn btn-small" onClick={() => feed.refresh()}>
                Try again
              </button>
            </div>
          ) : null}
          <AuditTable entries={entries} loading={status === 'loading'} filtered={action !== null || role !== null} />
        </Panel>
      </section>
    </main>
  );
}

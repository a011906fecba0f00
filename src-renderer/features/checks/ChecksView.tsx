// The Duplicate checks view, for traders and support: what the console and the hub stopped from
// executing twice, what still needs a decision, and Verify against hub. Reads the checks store only.
import { useChecks } from '../../app-context';
import { formatCount } from '../../components/format';
import { ChecksChart } from './ChecksChart';
import { counters, windowText } from './checks-text';
import { VerifyPanel } from './VerifyPanel';

export function ChecksView() {
  const summary = useChecks((state) => state.summary);
  const items = summary ? counters(summary) : [];
  return (
    <main className="checks">
      <section aria-label="Duplicate checks" className="panel checks-panel">
        <header className="panel-header">
          <h2>Duplicate checks</h2>
          {summary ? (
            <span className={summary.reconciling ? 'checks-reconciling' : 'muted'}>
              {summary.reconciling ? 'Reconciling orders with the hub…' : 'Reconciliation done'}
            </span>
          ) : null}
        </header>
        {summary ? (
          <div className="checks-body">
            <dl className="checks-counters">
              {items.map((item) => (
                <div key={item.key} className={`counter counter-${item.tone}${item.part ? ' counter-part' : ''}`}>
                  <dt>{item.label}</dt>
                  <dd>{formatCount(item.value)}</dd>
                </div>
              ))}
              <div className="counter counter-neutral">
                <dt>Duplicate window</dt>
                <dd>{windowText(summary.duplicateWindowMs)}</dd>
              </div>
            </dl>
            <ChecksChart items={items} />
          </div>
        ) : (
          <p className="empty">Waiting for the console…</p>
        )}
        <VerifyPanel />
      </section>
    </main>
  );
}

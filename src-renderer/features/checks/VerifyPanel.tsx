// Verify against hub: starts the comparison of the console's ledger with the hub's order listing,
// shows it running, then PASS or FAIL with the counts and what disagreed (first 50 of each).
import { useId } from 'react';
import type { VerifyResult } from '../../../src-shared/domain/checks';
import { useChecks, useVerifyCommand } from '../../app-context';
import { formatCount, formatLogTime, formatTimestamp } from '../../components/format';
import { shownVerify } from '../../stores/checks';
import { describeVerifyError, firstItems, verifyHeadline } from './checks-text';

function More({ count }: { count: number }) {
  return count > 0 ? <p className="muted">{`…and ${formatCount(count)} more`}</p> : null;
}

function VerifyReport({ result }: { result: VerifyResult }) {
  const duplicates = firstItems(result.hubDuplicates);
  const mismatches = firstItems(result.mismatches);
  return (
    <div className={result.pass ? 'verify-report verify-pass' : 'verify-report verify-fail'}>
      <dl className="verify-counts">
        <div>
          <dt>Hub orders</dt>
          <dd>{formatCount(result.hubOrders)}</dd>
        </div>
        <div>
          <dt>Ledger orders</dt>
          <dd>{formatCount(result.ledgerOrders)}</dd>
        </div>
      </dl>
      {result.error ? <p className="verify-error">{`Could not verify: ${result.error}`}</p> : null}
      {result.hubDuplicates.length > 0 ? (
        <>
          <h4>{`Hub duplicates (${formatCount(result.hubDuplicates.length)}): executed more than once`}</h4>
          <ul aria-label="Hub duplicates" className="verify-list mono">
            {duplicates.shown.map((id) => (
              <li key={id}>{id}</li>
            ))}
          </ul>
          <More count={duplicates.more} />
        </>
      ) : null}
      {result.mismatches.length > 0 ? (
        <>
          <h4>{`Mismatches (${formatCount(result.mismatches.length)}): ledger and hub disagree`}</h4>
          <div className="table-scroll verify-scroll">
            <table aria-label="Mismatches" className="grid">
              <thead>
                <tr>
                  <th scope="col">Client order id</th>
                  <th scope="col">Ledger</th>
                  <th scope="col">Hub</th>
                </tr>
              </thead>
              <tbody>
                {mismatches.shown.map((row, index) => (
                  // An id may disagree in more than one way: the index keeps the keys apart.
                  <tr key={`${row.clientOrderId}-${index}`}>
                    <td className="mono">{row.clientOrderId}</td>
                    <td>{row.ledger}</td>
                    <td>{row.hub}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <More count={mismatches.more} />
        </>
      ) : null}
    </div>
  );
}

export function VerifyPanel() {
  const verify = useVerifyCommand();
  const run = useChecks((state) => state.run);
  const result = useChecks(shownVerify);
  const titleId = useId();
  const running = run.kind === 'running';
  return (
    <section className="checks-verify" aria-labelledby={titleId} aria-busy={running || undefined}>
      <h3 id={titleId}>Ledger against the hub</h3>
      <p className="muted">Compares every order in the console's ledger with the hub's full order listing.</p>
      <div className="checks-verify-bar">
        <button type="button" className="btn" aria-busy={running || undefined} disabled={running} onClick={() => verify.run()}>
          Verify against hub
        </button>
        {/* One live region for the run and its verdict, so the outcome is announced when it lands. */}
        <p role="status" className="verify-status">
          {running ? (
            <>
              <span className="spinner" aria-hidden="true" />
              Verifying…
            </>
          ) : result ? (
            <>
              <strong className={result.pass ? 'verify-headline-pass' : 'verify-headline-fail'}>{verifyHeadline(result)}</strong>{' '}
              <span className="muted" title={formatTimestamp(result.at)}>{`at ${formatLogTime(result.at)}`}</span>
            </>
          ) : (
            <span className="muted">Not verified yet</span>
          )}
        </p>
      </div>
      {run.kind === 'failed' ? (
        <p role="alert" className="feedback feedback-error">
          {describeVerifyError(run.error)}
        </p>
      ) : null}
      {result && !running ? <VerifyReport result={result} /> : null}
    </section>
  );
}

// Which wire the console speaks to the hub, and, when it is a bridge's rather than hub protocol v1,
// each way its guarantees are weaker (src-shared/domain/dialects.ts; docs/guarantees.md). Shown
// under the top bar to everyone, traders and support staff alike, for as long as it holds.
import { DIALECT_GUARANTEES } from '../../../src-shared/domain/dialects';
import { useConnection } from '../../app-context';

export function DialectNotice() {
  const dialect = useConnection((state) => state.info?.hub?.dialect ?? 'v1');
  const guarantees = DIALECT_GUARANTEES[dialect];
  if (guarantees.weaker.length === 0) return null;
  return (
    <details className="dialect-notice" aria-label="Hub dialect">
      <summary>
        <strong>{`Bridge: ${guarantees.label}`}</strong>
        {` · ${guarantees.orderTypes} · weaker guarantees than hub protocol v1 (${guarantees.weaker.length})`}
      </summary>
      <ul>
        {guarantees.weaker.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}

// The Health view's since-start figures: latency and failures per hub operation, then the counters
// (requests, failed attempts by code, retries, orders by state, the duplicate guards, hub messages
// refused). Live, like the tiles; rows and lines are plain text, so an unchanged tick redraws nothing.
import { memo, useMemo } from 'react';
import type { HubRejectCounts } from '../../../src-shared/domain/health';
import { useHealth } from '../../app-context';
import { formatCount } from '../../components/format';
import type { OpRow } from './since-start-text';
import { counterLines, errorsByCodeText, opRows } from './since-start-text';

const COLUMNS = 9;

const OpRowView = memo(function OpRowView(row: OpRow) {
  return (
    <tr className={row.timedOut ? 'op-timed-out' : undefined}>
      <th scope="row">{row.op}</th>
      <td className="num">{row.requests}</td>
      <td className={row.timedOut ? 'num op-timeouts' : 'num'}>{row.timeouts}</td>
      <td className="num">{row.errors}</td>
      <td className="num">{row.p50}</td>
      <td className="num">{row.p90}</td>
      <td className="num">{row.p99}</td>
      <td className="num">{row.p99_9}</td>
      <td className="num">{row.max}</td>
    </tr>
  );
});

function OperationsTable({ rows }: { rows: readonly OpRow[] }) {
  return (
    <div className="ops-scroll">
      <table aria-label="Operations" className="grid ops-table">
        <caption>
          <span className="health-block-title">Operations</span> <span className="muted">since start, timeouts included in the percentiles</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Operation</th>
            <th scope="col" className="num">Requests</th>
            <th scope="col" className="num">Timeouts</th>
            <th scope="col" className="num">Errors</th>
            <th scope="col" className="num">p50</th>
            <th scope="col" className="num">p90</th>
            <th scope="col" className="num">p99</th>
            <th scope="col" className="num">p99.9</th>
            <th scope="col" className="num">Max</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS} className="empty">
                No hub requests yet
              </td>
            </tr>
          ) : (
            rows.map((row) => <OpRowView key={row.op} {...row} />)
          )}
        </tbody>
      </table>
    </div>
  );
}

const CounterItem = memo(function CounterItem({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
});

/** "12: not_json 7 · oversized 5" (most frequent reason first), or "none". */
function rejectedText(byReason: HubRejectCounts): string {
  const total = Object.values(byReason).reduce((sum, count) => sum + (count ?? 0), 0);
  return total === 0 ? 'none' : `${formatCount(total)}: ${errorsByCodeText(byReason)}`;
}

export function SinceStart() {
  const byOp = useHealth((state) => state.now?.byOp);
  const counters = useHealth((state) => state.now?.counters);
  const rows = useMemo(() => (byOp ? opRows(byOp) : []), [byOp]);
  const lines = useMemo(() => (counters ? counterLines(counters) : []), [counters]);
  const rejected = useMemo(() => (counters ? rejectedText(counters.rejectedHubMessages) : ''), [counters]);
  // Before main's first report the tiles say so; an empty table here would only repeat it.
  if (!byOp || !counters) return null;
  return (
    <div className="health-since-start">
      <OperationsTable rows={rows} />
      <div role="group" aria-label="Counters" className="counters">
        <div>
          <span className="health-block-title">Counters</span> <span className="muted">since start</span>
        </div>
        <dl className="counters-list">
          {lines.map((line) => (
            <CounterItem key={line.label} label={line.label} value={line.value} />
          ))}
          <CounterItem label="Rejected hub messages" value={rejected} />
        </dl>
      </div>
    </div>
  );
}

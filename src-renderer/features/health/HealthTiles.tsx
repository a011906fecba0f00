// The Health view's live tiles: hub state, availability, throughput, latency now against its
// targets, duplicates, pushes, unknown orders and the main process's event-loop delay. Each tile
// is a named group; one off its target gets a red frame and says so in words.
import type { ReactNode } from 'react';
import { RECENT_WINDOW_MS } from '../../../src-shared/domain/health';
import type { HealthNow } from '../../../src-shared/domain/health';
import type { AlertRule } from '../../../src-shared/domain/alerts';
import { useAlerts, useHealth } from '../../app-context';
import { DASH, formatCount, formatMs, formatRate, formatShare } from '../../components/format';
import type { TargetView } from './health-text';
import {
  formatDuration,
  heartbeatText,
  isHubOutage,
  judge,
  judgePush,
  msAsSeconds,
  oldestPendingText,
  pushBacklogText,
  recentLatency,
  shareAsPercent,
  timeoutsText,
} from './health-text';

function Tile(props: { label: string; off?: boolean; value: ReactNode; children?: ReactNode }) {
  return (
    <div role="group" aria-label={props.label} className={props.off ? 'tile tile-off' : 'tile'}>
      <div className="tile-label">{props.label}</div>
      <div className="tile-value">{props.value}</div>
      {props.children}
    </div>
  );
}

function Target({ view }: { view: TargetView }) {
  return (
    <>
      {view.target ? <div className="tile-detail">{view.target}</div> : null}
      {view.stateText ? <div className={`tile-state tile-state-${view.state}`}>{view.stateText}</div> : null}
    </>
  );
}

function LatencyTile(props: { label: string; now: HealthNow; rules: readonly AlertRule[] | null; which: 'p50' | 'p99' }) {
  const value = recentLatency(props.now, props.which);
  const view = judge(props.rules, props.which, value);
  return (
    <Tile label={props.label} off={view.state === 'off-target'} value={value === null ? DASH : formatMs(value)}>
      <Target view={value === null ? { ...view, stateText: 'no requests' } : view} />
      <div className="tile-detail">{timeoutsText(props.now.latency.recent.timeouts)}</div>
    </Tile>
  );
}

export function HealthTiles() {
  const now = useHealth((state) => state.now);
  const rules = useAlerts((state) => state.rules);
  if (!now) return <p className="empty">Waiting for the console…</p>;

  const { hub, availability, throughput, unknownOrders, eventLoopDelay } = now;
  const available = judge(rules, 'availability', shareAsPercent(availability['1h']));
  const throughputRule = rules?.find((rule) => rule.id === 'throughput');
  const demand = judge(rules, 'throughput', throughput.requestsPerSec);
  const duplicates = judge(rules, 'duplicate-rate', shareAsPercent(now.duplicateRate));
  const push = now.push;
  const pushes = judgePush(rules, push);
  const unknown = judge(rules, 'unknown-order', msAsSeconds(unknownOrders.oldestAgeMs));
  const max = recentLatency(now, 'max');
  const recentSeconds = RECENT_WINDOW_MS / 1000;
  return (
    <div className="tiles">
      <Tile label="Hub" off={isHubOutage(hub.state)} value={<span className="hub-state" data-state={hub.state}>{hub.state}</span>}>
        <div className="tile-detail">{heartbeatText(hub.heartbeatAgeMs)}</div>
        {hub.downForMs !== null ? <div className="tile-detail tile-bad">{`down for ${formatDuration(hub.downForMs)}`}</div> : null}
      </Tile>
      <Tile label="Availability" off={available.state === 'off-target'} value={formatShare(availability['1h'])}>
        <dl className="tile-figures">
          <div>
            <dt>1 h</dt>
            <dd>{formatShare(availability['1h'])}</dd>
          </div>
          <div>
            <dt>24 h</dt>
            <dd>{formatShare(availability['24h'])}</dd>
          </div>
          <div>
            <dt>7 d</dt>
            <dd>{formatShare(availability['7d'])}</dd>
          </div>
        </dl>
        {available.target ? <div className="tile-detail">{`1 h ${available.target}`}</div> : null}
      </Tile>
      <Tile
        label="Throughput"
        // Off by default: an idle console has no demand, which is not a failure.
        off={throughputRule?.enabled === true && demand.state === 'off-target'}
        value={`${formatRate(throughput.requestsPerSec)} requests/s`}
      >
        <div className="tile-detail">{`${formatRate(throughput.ordersPerSec)} orders/s`}</div>
        <div className="tile-detail">{`over the last ${recentSeconds} s`}</div>
      </Tile>
      <LatencyTile label="P50 now" now={now} rules={rules} which="p50" />
      <LatencyTile label="P99 now" now={now} rules={rules} which="p99" />
      <Tile label="Max now" value={max === null ? DASH : formatMs(max)}>
        <div className="tile-detail">{`${formatCount(now.latency.recent.count)} requests in the last ${recentSeconds} s`}</div>
      </Tile>
      <Tile label="Duplicate rate" off={duplicates.state === 'off-target'} value={formatShare(now.duplicateRate)}>
        <div className="tile-detail">{now.duplicateRate === null ? 'no verify yet' : 'at the last verify'}</div>
        {now.duplicateRate !== null ? <Target view={duplicates} /> : null}
      </Tile>
      <Tile label="Push success" off={pushes.state === 'off-target'} value={formatShare(push?.deliveryRate ?? null)}>
        {push === null ? (
          <div className="tile-detail">not configured</div>
        ) : (
          <>
            {push.deliveryRate === null ? <div className="tile-detail">nothing finished yet</div> : <Target view={pushes} />}
            <div className={push.parked > 0 ? 'tile-detail tile-bad' : 'tile-detail'}>{pushBacklogText(push)}</div>
            <div className="tile-detail">{oldestPendingText(push.oldestPendingAgeMs)}</div>
          </>
        )}
      </Tile>
      <Tile label="Unknown orders" off={unknown.state === 'off-target'} value={formatCount(unknownOrders.count)}>
        <div className="tile-detail">
          {unknownOrders.oldestAgeMs === null ? 'none waiting' : `oldest ${formatDuration(unknownOrders.oldestAgeMs)}`}
        </div>
      </Tile>
      <Tile label="Event-loop delay" value={formatMs(eventLoopDelay.p99)}>
        <div className="tile-detail">{`p99 over the last ${recentSeconds} s`}</div>
        <div className="tile-detail">{`max ${formatMs(eventLoopDelay.max)}`}</div>
      </Tile>
    </div>
  );
}

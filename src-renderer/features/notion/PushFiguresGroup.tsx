// The push figures as main counts them (they survive restarts): delivery and attempt success,
// attempts, pushed, parked, depth, the oldest pending age (counting on between updates) and the
// pages found by the look-up. Its own component, so the once-a-second clock redraws only this.
import { useOutbox } from '../../app-context';
import { Panel } from '../../components/Panel';
import { useNow } from '../../components/useNow';
import { figureItems, oldestPendingAge } from './notion-text';

export function PushFiguresGroup() {
  const figures = useOutbox((state) => state.figures);
  const figuresAt = useOutbox((state) => state.figuresAt);
  const ageing = figures !== null && figures.oldestPendingAgeMs !== null;
  const now = useNow(ageing);
  const age = figures && figuresAt !== null ? oldestPendingAge(figures, figuresAt, now) : null;
  return (
    <Panel title="Pushes" className="notion-figures-panel">
      <div role="group" aria-label="Push figures" className="notion-figures">
        {figures === null ? (
          <p className="empty">Waiting for the console…</p>
        ) : (
          <dl>
            {figureItems(figures, age).map((item) => (
              <div key={item.label} className={item.label === 'Parked' && figures.parked > 0 ? 'notion-figure notion-figure-bad' : 'notion-figure'}>
                <dt>{item.label}</dt>
                <dd>{item.value}</dd>
                <dd className="notion-figure-detail">{item.detail}</dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </Panel>
  );
}

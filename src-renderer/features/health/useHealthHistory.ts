// The Health charts' data: health:history for the chosen window, fetched when the window changes
// and refreshed while the charts are shown (every 5 s for short windows, every minute for long
// ones). View-local: history is asked for, not pushed, so no store holds it.
import { useEffect, useState } from 'react';
import type { HealthHistory, HistoryWindow } from '../../../src-shared/domain/health';
import { useBridge } from '../../app-context';
import { refreshEveryMs } from './chart-data';
import { describeHistoryError } from './health-text';

export interface HistoryView {
  /** The latest history of the chosen window; null until its first load. */
  readonly history: HealthHistory | null;
  /** The chosen window's first load is on its way. */
  readonly loading: boolean;
  readonly error: string | null;
}

type Loaded = { readonly window: HistoryWindow } & ({ readonly history: HealthHistory } | { readonly error: string });

export function useHealthHistory(shown: HistoryWindow): HistoryView {
  const bridge = useBridge();
  // Only the chosen window's data is kept: another window's, however recent, would be stale.
  const [loaded, setLoaded] = useState<Loaded | null>(null);

  useEffect(() => {
    let active = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // The next fetch is scheduled from the reply, so a slow main never gets overlapping asks.
    const fetchHistory = () => {
      void bridge.invoke('health:history', { window: shown }).then((reply) => {
        if (!active) return;
        setLoaded((previous) => {
          if (reply.ok) return { window: shown, history: reply.result };
          const message = describeHistoryError(reply.error);
          // A failed refresh keeps the charts it had; the error shows beside them.
          return previous?.window === shown && 'history' in previous ? { ...previous, error: message } : { window: shown, error: message };
        });
        timer = setTimeout(fetchHistory, refreshEveryMs(shown));
      });
    };
    fetchHistory();
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [bridge, shown]);

  const current = loaded?.window === shown ? loaded : null;
  const history = current && 'history' in current ? current.history : null;
  const error = current && 'error' in current ? current.error : null;
  return { history, loading: current === null, error };
}

// The renderer's clock for live durations ("down for 12s"): re-renders once a period while
// `active`, and not at all otherwise, so an idle top bar costs nothing.
import { useEffect, useState } from 'react';

export function useNow(active: boolean, periodMs = 1_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const tick = () => setNow(Date.now());
    // The first tick at once: `now` may be stale from before the clock was stopped.
    const first = setTimeout(tick, 0);
    const timer = setInterval(tick, periodMs);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
    };
  }, [active, periodMs]);
  return now;
}

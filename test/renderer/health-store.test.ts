// The health store shows main's latest live figures: each report replaces the last, and a late,
// older one never steps them back.
import { describe, expect, it } from 'vitest';
import { emptyHealth, replaceHealth } from '../../src-renderer/stores/health';
import { healthNow } from './health-fixtures';

describe('replaceHealth', () => {
  it('replaces the figures with a newer report', () => {
    const first = replaceHealth(emptyHealth, healthNow({ at: 1_000 }));
    const next = replaceHealth(first, healthNow({ at: 2_000, alertsFiring: 2 }));
    expect(next.now?.alertsFiring).toBe(2);
  });

  it('keeps the figures when a report older than them arrives', () => {
    const current = replaceHealth(emptyHealth, healthNow({ at: 2_000, alertsFiring: 1 }));
    expect(replaceHealth(current, healthNow({ at: 1_000, alertsFiring: 0 }))).toBe(current);
  });
});

// Market, account and connection projections: newer quotes win, mid history is bounded, and a
// snapshot drops symbols it no longer lists.
import { describe, expect, it } from 'vitest';
import { isNewerConnection, shownConnectionState } from '../../src-renderer/stores/connection';
import { applyQuotes, emptyMarket, MID_HISTORY, replaceMarket } from '../../src-renderer/stores/market';
import { connection, EURUSD, quote, XAUUSD } from './fixtures';

describe('applyQuotes', () => {
  const start = replaceMarket(emptyMarket, [EURUSD, XAUUSD], [quote('EURUSD', 1.1, 1.2, 100)]);

  it('takes a newer quote and records its mid', () => {
    const next = applyQuotes(start, [quote('EURUSD', 1.3, 1.5, 200)]);
    expect(next.quotes.get('EURUSD')?.bid).toBe(1.3);
    expect(next.mids.get('EURUSD')?.map((p) => p.mid)).toEqual([1.15, 1.4]);
  });

  it('ignores an older quote, returning the same state', () => {
    const next = applyQuotes(start, [quote('EURUSD', 9, 9.1, 50)]);
    expect(next).toBe(start);
  });

  it(`keeps the last ${MID_HISTORY} mids per symbol`, () => {
    let state = start;
    for (let ts = 101; ts <= 400; ts++) state = applyQuotes(state, [quote('EURUSD', 1, 1 + ts / 1e6, ts)]);
    const mids = state.mids.get('EURUSD') ?? [];
    expect(mids).toHaveLength(MID_HISTORY);
    expect(mids[mids.length - 1]?.ts).toBe(400);
  });
});

describe('replaceMarket', () => {
  it('drops quotes and history of symbols the new snapshot does not list', () => {
    const before = replaceMarket(emptyMarket, [EURUSD, XAUUSD], [quote('XAUUSD', 2000, 2001, 1), quote('EURUSD', 1, 2, 1)]);
    const after = replaceMarket(before, [EURUSD], []);
    expect(after.symbols.map((s) => s.symbol)).toEqual(['EURUSD']);
    expect(after.quotes.has('XAUUSD')).toBe(false);
    expect(after.mids.has('XAUUSD')).toBe(false);
    expect(after.quotes.get('EURUSD')?.ask).toBe(2);
  });
});

describe('connection', () => {
  it('orders reports by since, then by heartbeat', () => {
    const current = connection({ since: 10, lastHeartbeatAt: 20 });
    expect(isNewerConnection(current, connection({ since: 11, lastHeartbeatAt: null }))).toBe(true);
    expect(isNewerConnection(current, connection({ since: 10, lastHeartbeatAt: 21 }))).toBe(true);
    expect(isNewerConnection(current, connection({ since: 10, lastHeartbeatAt: 19 }))).toBe(false);
    expect(isNewerConnection(current, connection({ since: 9, lastHeartbeatAt: 99 }))).toBe(false);
    expect(isNewerConnection(null, current)).toBe(true);
  });

  it("says connecting, not main's last word, while the link to main is down", () => {
    expect(shownConnectionState({ info: connection({ state: 'up' }), link: 'open' })).toBe('up');
    expect(shownConnectionState({ info: connection({ state: 'up' }), link: 'closed' })).toBe('connecting');
    expect(shownConnectionState({ info: null, link: 'open' })).toBe('connecting');
    expect(shownConnectionState({ info: connection({ state: 'down' }), link: 'open' })).toBe('down');
  });
});

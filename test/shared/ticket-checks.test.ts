// The pre-send ticket checks a trader meets at the field, and main applies again.
import { describe, expect, it } from 'vitest';
import type { SymbolSpec } from '../../src-shared/domain/market';
import { checkTicket, volumeInSteps } from '../../src-shared/domain/ticket-checks';
import type { TicketDraft } from '../../src-shared/domain/ticket-checks';

const EURUSD: SymbolSpec = { symbol: 'EURUSD', digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 50, volumeStep: 0.01 };
const market = (volume: number | undefined, extra: Partial<TicketDraft> = {}): TicketDraft => ({
  symbol: 'EURUSD',
  side: 'buy',
  type: 'market',
  volume,
  ...extra,
});

describe('checkTicket', () => {
  it.each([
    ['empty volume', market(undefined), 'volume', /Enter a volume/],
    ['unreadable (NaN) volume', market(Number.NaN), 'volume', /must be a number/],
    ['zero volume', market(0), 'volume', /greater than 0/],
    ['negative volume', market(-1), 'volume', /greater than 0/],
    ['infinite volume', market(Number.POSITIVE_INFINITY), 'volume', /must be a number/],
    ['unreadable (NaN) stop loss', market(1, { sl: Number.NaN }), 'sl', /must be a number/],
    ['below the minimum', market(0.001), 'volume', /at least 0.01/],
    ['above the maximum', market(51), 'volume', /at most 50/],
    ['off the volume step', market(0.015), 'volume', /multiple of 0.01/],
    ['limit without price', market(1, { type: 'limit' }), 'price', /limit order needs a price/],
    ['stop without price', market(1, { type: 'stop' }), 'price', /stop order needs a price/],
    ['limit with NaN price', market(1, { type: 'limit', price: Number.NaN }), 'price', /must be a number/],
    ['negative stop loss', market(1, { sl: -1 }), 'sl', /greater than 0/],
    ['zero take profit', market(1, { tp: 0 }), 'tp', /greater than 0/],
    ['a limit price off the point grid', market(1, { type: 'limit', price: 1.085091 }), 'price', /multiple of 0.00001/],
    ['a stop loss off the point grid', market(1, { sl: 1.0000001 }), 'sl', /multiple of 0.00001/],
    ['a market order with a price', market(1, { price: 1.08 }), 'price', /market order takes no price/],
    ['an absurd price', market(1, { type: 'limit', price: 1e300 }), 'price', /too large/],
    ["a buy limit's stop loss above its price", market(1, { type: 'limit', price: 1.08, sl: 1.09 }), 'sl', /below the price for a buy/],
    ["a sell limit's take profit above its price", market(1, { type: 'limit', side: 'sell', price: 1.08, tp: 1.09 }), 'tp', /below the price for a sell/],
    ["a sell market order's stop loss below its take profit", market(1, { side: 'sell', sl: 1.0, tp: 1.2 }), 'sl', /above the take profit for a sell/],
  ] as const)('refuses %s', (_name, draft, field, message) => {
    const errors = checkTicket(draft, EURUSD);
    expect(errors[field]).toMatch(message);
  });

  it.each([
    ['a market order', market(0.1)],
    ['the maximum volume', market(50)],
    ['a limit order with a price', market(1.23, { type: 'limit', price: 1.1 })],
    ['a market order with stop loss and take profit left empty', market(2, { sl: undefined, tp: undefined })],
    ['a buy limit with its stop loss below and take profit above', market(1, { type: 'limit', price: 1.08, sl: 1.07, tp: 1.09 })],
    ['a sell stop with its stop loss above and take profit below', market(1, { type: 'stop', side: 'sell', price: 1.08, sl: 1.09, tp: 1.07 })],
  ] as const)('accepts %s', (_name, draft) => {
    expect(checkTicket(draft, EURUSD)).toEqual({});
  });

  it('refuses a symbol the hub does not list', () => {
    expect(checkTicket(market(1, { symbol: 'BTCUSD' }), undefined).symbol).toMatch(/Unknown symbol BTCUSD/);
  });
});

describe('volumeInSteps', () => {
  it.each([
    [0.07, 0.01, 7],
    [1.1, 0.1, 11],
    [0.3, 0.1, 3],
    [100, 0.01, 10_000],
    [0.015, 0.01, undefined],
  ])('%d in steps of %d is %s', (volume, step, steps) => {
    expect(volumeInSteps(volume, step)).toBe(steps);
  });
});

// The ticket's pure core: form text → draft, the checks that keep a bad ticket from being sent,
// and how main's error codes land on fields and in the alert.
import { describe, expect, it } from 'vitest';
import {
  describeOrderError,
  initialInputs,
  parseNumberField,
  prepareOrder,
  toDraft,
} from '../../src-renderer/features/trade/ticket-form';
import type { TicketInputs } from '../../src-renderer/features/trade/ticket-form';
import { EURUSD } from './fixtures';

const inputs = (patch: Partial<TicketInputs>): TicketInputs => ({ ...initialInputs, symbol: 'EURUSD', ...patch });

describe('parseNumberField', () => {
  it.each([
    ['', undefined],
    ['   ', undefined],
    ['0.1', 0.1],
    [' 1.5 ', 1.5],
    ['.5', 0.5],
    ['2.', 2],
    ['-3', -3],
    ['1e2', 100],
    ['abc', Number.NaN],
    ['1,5', Number.NaN],
    ['0x10', Number.NaN],
    ['1.2.3', Number.NaN],
    ['Infinity', Number.NaN],
  ])('%j → %s', (text, expected) => {
    expect(parseNumberField(text)).toBe(expected);
  });

  it('reads text the browser could not parse (badInput, value "") as NaN, not as empty', () => {
    expect(parseNumberField('', true)).toBeNaN();
  });
});

describe('toDraft', () => {
  it('leaves the price out of a market order, whatever the disabled field holds', () => {
    expect(toDraft(inputs({ type: 'market', volume: '0.1', price: '1.2' }), 'buy').price).toBeUndefined();
    expect(toDraft(inputs({ type: 'limit', volume: '0.1', price: '1.2' }), 'buy').price).toBe(1.2);
  });
});

describe('prepareOrder', () => {
  const prepare = (patch: Partial<TicketInputs>, bad = {}) => prepareOrder('t-1', inputs(patch), 'buy', EURUSD, bad);

  it('builds the order to send, with only the fields given', () => {
    expect(prepare({ volume: '0.25' })).toEqual({
      ok: true,
      ticket: { clientOrderId: 't-1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.25 },
    });
    expect(prepare({ type: 'limit', volume: '1', price: '1.08', sl: '1.07', tp: '1.1' })).toEqual({
      ok: true,
      ticket: { clientOrderId: 't-1', symbol: 'EURUSD', side: 'buy', type: 'limit', volume: 1, price: 1.08, sl: 1.07, tp: 1.1 },
    });
  });

  it.each([
    { why: 'empty volume', patch: { volume: '' }, field: 'volume', message: 'Enter a volume.' },
    { why: 'zero volume', patch: { volume: '0' }, field: 'volume', message: 'Volume must be greater than 0.' },
    { why: 'negative volume', patch: { volume: '-1' }, field: 'volume', message: 'Volume must be greater than 0.' },
    { why: 'unreadable volume', patch: { volume: 'abc' }, field: 'volume', message: 'Volume must be a number.' },
    { why: 'volume above max', patch: { volume: '101' }, field: 'volume', message: 'Volume must be at most 100.' },
    { why: 'volume off step', patch: { volume: '0.015' }, field: 'volume', message: 'Volume must be a multiple of 0.01.' },
    { why: 'limit without price', patch: { volume: '1', type: 'limit' }, field: 'price', message: 'A limit order needs a price.' },
    { why: 'stop without price', patch: { volume: '1', type: 'stop' }, field: 'price', message: 'A stop order needs a price.' },
    { why: 'negative price', patch: { volume: '1', type: 'limit', price: '-1' }, field: 'price', message: 'Limit must be greater than 0.' },
    { why: 'unreadable stop loss', patch: { volume: '1', sl: 'abc' }, field: 'sl', message: 'Stop loss must be a number.' },
    { why: 'zero take profit', patch: { volume: '1', tp: '0' }, field: 'tp', message: 'Take profit must be greater than 0.' },
  ] as const)('refuses $why at its field', ({ patch, field, message }) => {
    const prepared = prepare(patch);
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) expect(prepared.errors[field]).toBe(message);
  });

  it('refuses a take profit the browser could not read', () => {
    const prepared = prepare({ volume: '1', tp: '' }, { tp: true });
    expect(prepared.ok ? undefined : prepared.errors.tp).toBe('Take profit must be a number.');
  });

  it('refuses a symbol without a spec', () => {
    const prepared = prepareOrder('t-1', inputs({ symbol: 'NOPE', volume: '1' }), 'sell', undefined);
    expect(prepared.ok ? undefined : prepared.errors.symbol).toBe('Unknown symbol NOPE.');
  });
});

describe('describeOrderError', () => {
  it('says an order of unknown fate was not resent, and where to look', () => {
    const view = describeOrderError({ code: 'ORDER_UNKNOWN', message: 'timeout' }, 't-9');
    expect(view.message).toContain('t-9');
    expect(view.message).toContain('fate unknown, not resent — check Orders');
    expect(view.fields).toEqual({});
  });

  it('maps BAD_INPUT fields onto the form, keeping the others in the message', () => {
    const view = describeOrderError(
      { code: 'BAD_INPUT', message: 'bad', fields: { volume: 'too small', clientOrderId: 'malformed' } },
      't-1',
    );
    expect(view.fields).toEqual({ volume: 'too small' });
    expect(view.message).toContain('clientOrderId: malformed');
  });

  it('branches on the code, not on the text', () => {
    const same = 'identical text';
    expect(describeOrderError({ code: 'INVALID_VOLUME', message: same }, 't').fields).toEqual({ volume: same });
    expect(describeOrderError({ code: 'UNKNOWN_SYMBOL', message: same }, 't').fields).toEqual({ symbol: same });
    expect(describeOrderError({ code: 'NOT_CONNECTED', message: same }, 't').message).toMatch(/^Not sent/);
    expect(describeOrderError({ code: 'REJECTED', message: same }, 't').message).toBe(`Rejected: ${same}`);
  });

  it('offers a held order for a decision, with main\'s reason', () => {
    const reason = 'Same symbol, side, type, volume and price as t-7, sent 1.2 s ago. Held: send it anyway or drop it.';
    const view = describeOrderError({ code: 'HELD_DUPLICATE', message: reason, clientOrderId: 't-8' }, 't-ticket');
    expect(view.heldId).toBe('t-8');
    expect(view.message).toBe(`Order t-8 held, not sent: ${reason}`);
    expect(view.fields).toEqual({});
    expect(describeOrderError({ code: 'HELD_DUPLICATE', message: ' ' }, 't-9')).toMatchObject({
      heldId: 't-9',
      message: 'Order t-9 held, not sent: it repeats an order just sent. Send it anyway, or drop it.',
    });
  });

  it('asks for patience while main reconciles, whatever main\'s text', () => {
    const view = describeOrderError({ code: 'RECONCILING', message: 'startup' }, 't-1');
    expect(view.message).toBe('The console is reconciling orders with the hub; try again in a moment.');
    expect(view.heldId).toBeUndefined();
  });

  it('says an order in the wrong state was not sent', () => {
    expect(describeOrderError({ code: 'INVALID_STATE', message: 'already settled' }, 't-1').message).toBe(
      'Order t-1 not sent: already settled',
    );
  });
});

// Generated order tickets for test/main/fuzz-tickets.test.ts: valid tickets built from the sim's
// symbols and the quotes at start (prices well away from them, so quote drift cannot matter), and
// one- or two-field mutations of them, each carrying the verdict it deserves and why.
import fc from 'fast-check';
import type { Side } from '../../src-shared/domain/account';
import type { SymbolSpec } from '../../src-shared/domain/market';
import { CLIENT_ORDER_ID_PATTERN } from '../../src-shared/domain/order';
import type { OrderType } from '../../src-shared/domain/order';

export type TicketField = 'clientOrderId' | 'symbol' | 'side' | 'type' | 'volume' | 'price' | 'sl' | 'tp' | '(input)';

/** Where the case's clientOrderId comes from: a fresh tickets:create, a used one, or as given. */
export type IdRecipe = { kind: 'fresh' } | { kind: 'reuse' } | { kind: 'given'; value: unknown } | { kind: 'absent' };

export type Verdict =
  /** Sent to the hub and answered ok (TICKET_USED when a given id was used before). */
  | { kind: 'accepted' }
  /** Refused BAD_INPUT in main, naming at least one of these fields. */
  | { kind: 'refused'; fields: TicketField[] }
  /** Passes every static check but the hub refuses it against its live quote (a market order's sl). */
  | { kind: 'hub-refused' }
  | { kind: 'used' };

export interface TicketCase {
  why: string;
  id: IdRecipe;
  /** The ticket without its clientOrderId; a field set to ABSENT is left out. */
  fields: Record<string, unknown>;
  verdict: Verdict;
}

export interface Quote {
  bid: number;
  ask: number;
}

interface Base {
  spec: SymbolSpec;
  side: Side;
  type: OrderType;
  volume: number;
  /** The price the order would execute near: its own price, or the quote at start for a market order. */
  entry: number;
  fields: Record<string, unknown>;
}

const ABSENT = Symbol('absent');
const SCHEMA_BAD_NUMBERS = [0, -0, -1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '0.1', null, true, [], {}];
const ABSURD_PRICES = [1e300, Number.MAX_VALUE, 1e22];

function decimals(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

function onTick(price: number, digits: number): number {
  return Number(price.toFixed(digits));
}

/** A price `percent` above (sign +1) or below (-1) `from`, on the symbol's point grid. */
function away(from: number, sign: number, percent: number, spec: SymbolSpec): number {
  return onTick(from * (1 + (sign * percent) / 100), spec.digits);
}

function baseTicket(specs: readonly SymbolSpec[], quotes: ReadonlyMap<string, Quote>): fc.Arbitrary<Base> {
  return fc
    .record({
      spec: fc.constantFrom(...specs),
      side: fc.constantFrom<Side>('buy', 'sell'),
      type: fc.constantFrom<OrderType>('market', 'limit', 'stop'),
      steps: fc.integer({ min: 1, max: 10 }),
      priceAway: fc.integer({ min: 5, max: 20 }),
      sl: fc.option(fc.integer({ min: 3, max: 20 })),
      tp: fc.option(fc.integer({ min: 3, max: 20 })),
    })
    .map(({ spec, side, type, steps, priceAway, sl, tp }) => {
      const quote = quotes.get(spec.symbol);
      if (!quote) throw new Error(`no quote for ${spec.symbol}`);
      const reference = side === 'buy' ? quote.ask : quote.bid;
      const up = side === 'buy' ? 1 : -1;
      // MT5: a buy limit rests below the market, a buy stop above it; a sell the other way round.
      const price = type === 'market' ? undefined : away(reference, type === 'limit' ? -up : up, priceAway, spec);
      const entry = price ?? reference;
      const volume = Number((steps * spec.volumeStep).toFixed(decimals(spec.volumeStep)));
      const fields: Record<string, unknown> = { symbol: spec.symbol, side, type, volume };
      if (price !== undefined) fields.price = price;
      if (sl !== null) fields.sl = away(entry, -up, sl, spec);
      if (tp !== null) fields.tp = away(entry, up, tp, spec);
      return { spec, side, type, volume, entry, fields };
    });
}

type Mutation = { why: string; set?: Record<string, unknown>; id?: IdRecipe; verdict: Verdict };

const refused = (...fields: TicketField[]): Verdict => ({ kind: 'refused', fields });

function volumeMutation(base: Base): fc.Arbitrary<Mutation> {
  const { minVolume, maxVolume, volumeStep } = base.spec;
  const bad = (volume: unknown, why: string): Mutation => ({ why, set: { volume }, verdict: refused('volume') });
  return fc.oneof(
    fc.constantFrom(...SCHEMA_BAD_NUMBERS, ABSENT).map((v) => bad(v, 'volume of the wrong type or not positive')),
    fc.constantFrom(minVolume / 10, 5e-324, maxVolume + volumeStep, 1e308, Number.MAX_VALUE).map((v) => bad(v, 'volume out of the symbol range')),
    fc
      .tuple(fc.integer({ min: 1, max: 100 }), fc.double({ min: 0.001, max: 0.999, noNaN: true }))
      .map(([steps, fraction]) => bad((steps + fraction) * volumeStep, 'volume not a multiple of the step')),
  );
}

function priceMutation(base: Base): fc.Arbitrary<Mutation> {
  const { spec } = base;
  const pending: Partial<Record<string, unknown>> = base.type === 'market' ? { type: 'limit' } : {};
  const bad = (price: unknown, why: string): Mutation => ({ why, set: { ...pending, price }, verdict: refused('price') });
  const onGrid = onTick(base.entry, spec.digits);
  return fc.oneof(
    fc.constantFrom(...SCHEMA_BAD_NUMBERS, ABSENT).map((v) => bad(v, 'pending order price missing, of the wrong type or not positive')),
    fc.integer({ min: 1, max: 9 }).map((tenth) => bad(Number((onGrid + tenth / 10 ** (spec.digits + 1)).toFixed(spec.digits + 1)), 'price between two points of the symbol')),
    fc.constantFrom(...ABSURD_PRICES).map((v) => bad(v, 'price too large to count in points')),
  );
}

function protectiveMutation(base: Base): fc.Arbitrary<Mutation> {
  const { spec, side, entry } = base;
  const up = side === 'buy' ? 1 : -1;
  const field = fc.constantFrom<'sl' | 'tp'>('sl', 'tp');
  const pendingSides: Array<fc.Arbitrary<Mutation>> =
    base.type === 'market'
      ? [
          // Both given and reversed: no entry could lie between them, whatever the quote.
          fc.integer({ min: 3, max: 20 }).map((p) => ({ why: 'market order with stop loss and take profit swapped', set: { sl: away(entry, up, p, spec), tp: away(entry, -up, p, spec) }, verdict: refused('sl', 'tp') })),
          // Only the live quote tells: the hub refuses it and nothing executes.
          fc.integer({ min: 5, max: 20 }).map((p) => ({ why: 'market order stop loss beyond the quote', set: { sl: away(entry, up, p, spec), tp: ABSENT }, verdict: { kind: 'hub-refused' } as Verdict })),
        ]
      : [
          fc.tuple(field, fc.integer({ min: 0, max: 20 })).map(([name, p]) => ({
            why: `pending order ${name} on the wrong side of (or at) its price`,
            set: { [name]: away(entry, name === 'sl' ? up : -up, p, spec) },
            verdict: refused(name),
          })),
        ];
  return fc.oneof(
    fc.tuple(field, fc.constantFrom(...SCHEMA_BAD_NUMBERS)).map(([name, v]) => ({ why: `${name} of the wrong type or not positive`, set: { [name]: v }, verdict: refused(name) })),
    fc.tuple(field, fc.integer({ min: 1, max: 9 })).map(([name, tenth]) => {
      const grid = Number(base.fields[name] ?? away(entry, name === 'sl' ? -up : up, 5, spec));
      return { why: `${name} between two points`, set: { [name]: Number((grid + tenth / 10 ** (spec.digits + 1)).toFixed(spec.digits + 1)) }, verdict: refused(name) };
    }),
    fc.tuple(field, fc.constantFrom(...ABSURD_PRICES)).map(([name, v]) => ({ why: `${name} too large to count in points`, set: { [name]: v }, verdict: refused(name) })),
    ...pendingSides,
  );
}

function shapeMutation(specs: readonly SymbolSpec[]): fc.Arbitrary<Mutation> {
  const known = new Set(specs.map((spec) => spec.symbol));
  return fc.oneof(
    fc
      .oneof(fc.constantFrom('BTCUSD', 'EURUSD1', 'EUR.USD', '_', '0', 'A'.repeat(20)), fc.stringMatching(/^[A-Z0-9._]{1,20}$/))
      .filter((s) => !known.has(s))
      .map((symbol) => ({ why: 'a symbol the hub does not list', set: { symbol }, verdict: refused('symbol') })),
    fc.constantFrom('eurusd', '', 'A'.repeat(21), 'EUR USD', 42, null, ABSENT).map((symbol) => ({ why: 'symbol not a symbol name', set: { symbol }, verdict: refused('symbol') })),
    fc.constantFrom('BUY', 'long', '', 0, null, ['buy'], ABSENT).map((side) => ({ why: 'unknown side', set: { side }, verdict: refused('side') })),
    fc.constantFrom('Market', 'limit ', 'stop_limit', 1, null, ABSENT).map((type) => ({ why: 'unknown order type', set: { type }, verdict: refused('type') })),
    fc
      .oneof(fc.constantFrom('', ' ', 'a'.repeat(32), 'has space', 'ünï', 'a/b', 'x\n', 42, null, {}, ['HD-1']), fc.string({ maxLength: 40 }).filter((s) => !CLIENT_ORDER_ID_PATTERN.test(s)))
      .map((value) => ({ why: 'clientOrderId not an id', id: { kind: 'given', value } as IdRecipe, verdict: refused('clientOrderId') })),
    fc.constant<Mutation>({ why: 'no clientOrderId', id: { kind: 'absent' }, verdict: refused('clientOrderId') }),
    fc
      .tuple(fc.constantFrom('__proto__', 'constructor', 'orderId', 'status', 'filledVolume', 'Volume', 'extra'), fc.jsonValue({ maxDepth: 2 }))
      .map(([key, value]) => ({ why: `an extra key ${key}`, set: { [`+${key}`]: value }, verdict: refused('(input)') })),
  );
}

function idMutation(): fc.Arbitrary<Mutation> {
  return fc.oneof(
    fc
      .oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '-', '_', 'a'.repeat(31)), fc.stringMatching(CLIENT_ORDER_ID_PATTERN))
      .map((value) => ({ why: 'a well-formed clientOrderId not from tickets:create', id: { kind: 'given', value } as IdRecipe, verdict: { kind: 'accepted' } as Verdict })),
    fc.constant<Mutation>({ why: 'a clientOrderId already used', id: { kind: 'reuse' }, verdict: { kind: 'used' } }),
  );
}

/** Two mutations whose verdicts both still hold together: they touch different fields. */
function apart(x: Mutation, y: Mutation): boolean {
  const keys = (m: Mutation): string[] => [...Object.keys(m.set ?? {}), ...(m.id ? ['clientOrderId'] : [])];
  return !keys(x).some((key) => keys(y).includes(key));
}

/** Applies mutations to a base: later fields win; the verdict is the strictest one. */
function mutate(base: Base, mutations: readonly Mutation[]): TicketCase {
  const fields: Record<string, unknown> = { ...base.fields };
  let id: IdRecipe = { kind: 'fresh' };
  const refusedFields = new Set<TicketField>();
  let verdict: Verdict = { kind: 'accepted' };
  for (const mutation of mutations) {
    for (const [key, value] of Object.entries(mutation.set ?? {})) {
      if (value === ABSENT) delete fields[key];
      else fields[key] = value;
    }
    if (mutation.id) id = mutation.id;
    if (mutation.verdict.kind === 'refused') mutation.verdict.fields.forEach((f) => refusedFields.add(f));
    else if (mutation.verdict.kind !== 'accepted' && verdict.kind === 'accepted') verdict = mutation.verdict;
  }
  return {
    why: mutations.map((m) => m.why).join(' + ') || 'a valid ticket',
    id,
    fields,
    verdict: refusedFields.size > 0 ? { kind: 'refused', fields: [...refusedFields] } : verdict,
  };
}

/** Valid tickets, tickets with one bad field, and a few with two. */
export function ticketCases(specs: readonly SymbolSpec[], quotes: ReadonlyMap<string, Quote>): fc.Arbitrary<TicketCase> {
  const base = baseTicket(specs, quotes);
  const refusing = (b: Base): fc.Arbitrary<Mutation> => fc.oneof(volumeMutation(b), priceMutation(b), protectiveMutation(b), shapeMutation(specs));
  return fc.oneof(
    { weight: 4, arbitrary: base.map((b) => mutate(b, [])) },
    { weight: 2, arbitrary: base.chain((b) => volumeMutation(b).map((m) => mutate(b, [m]))) },
    { weight: 2, arbitrary: base.chain((b) => priceMutation(b).map((m) => mutate(b, [m]))) },
    { weight: 2, arbitrary: base.chain((b) => protectiveMutation(b).map((m) => mutate(b, [m]))) },
    { weight: 2, arbitrary: base.chain((b) => shapeMutation(specs).map((m) => mutate(b, [m]))) },
    { weight: 1, arbitrary: base.chain((b) => idMutation().map((m) => mutate(b, [m]))) },
    { weight: 1, arbitrary: base.chain((b) => fc.tuple(refusing(b), refusing(b)).filter(([x, y]) => apart(x, y)).map((ms) => mutate(b, ms))) },
  );
}

/** The ticket to send: the case's fields with its clientOrderId (an extra key `+k` becomes own key `k`). */
export function ticketOf(fields: Record<string, unknown>, clientOrderId: unknown, withId: boolean): Record<string, unknown> {
  const ticket: Record<string, unknown> = {};
  if (withId) ticket.clientOrderId = clientOrderId;
  for (const [key, value] of Object.entries(fields)) {
    // defineProperty, so `__proto__` is an own key as JSON.parse would make it, not the prototype.
    Object.defineProperty(ticket, key.startsWith('+') ? key.slice(1) : key, { value, enumerable: true, writable: true, configurable: true });
  }
  return ticket;
}

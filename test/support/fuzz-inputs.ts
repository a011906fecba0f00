// Generated invoke inputs for the IPC and WebSocket fuzz tests: a valid input per contract channel,
// mutations of it (wrong types, extra and `__proto__` keys, NaN/±Infinity/-0, huge strings, deep
// nesting, missing keys) and arbitrary values, so a test can drive the router with all of them.
import fc from 'fast-check';
import type { InvokeChannel } from '../../src-shared/ipc/channels';

/** Keys that have bitten JavaScript code before, beside arbitrary strings. */
const NASTY_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', ''];

export const anyKey = fc.oneof(fc.constantFrom(...NASTY_KEYS), fc.string({ maxLength: 12 }));

/** What Electron's structured clone can carry (a renderer's invoke input): more than JSON. */
export const anyCloneable = fc.anything({
  key: anyKey,
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withSparseArray: true,
  withNullPrototype: true,
  withUnicodeString: true,
});

/** A string of up to 200 000 characters: far past every max in the contract. */
export const hugeString = fc.integer({ min: 2_001, max: 200_000 }).map((n) => 'x'.repeat(n));

/** Arrays or objects nested up to 5 000 deep. */
export const deepNesting = fc.tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean()).map(([depth, arrays]) => {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** An object with an own `__proto__` key, as JSON.parse makes one. */
export const protoObject = fc.jsonValue({ maxDepth: 2 }).map((inner) => JSON.parse(`{"__proto__": ${JSON.stringify(inner)}}`) as unknown);

const NON_FINITE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];

/** Any value a field could be replaced with. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(...NON_FINITE, -0, null, undefined, '', true, [], {}),
  hugeString,
  deepNesting,
  protoObject,
  anyCloneable,
);

const id = fc.stringMatching(/^FZ-[a-z0-9]{6,12}$/);
const limit = fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined });
const author = fc.constantFrom('fuzz', 'Fuzz Tester');

const EMPTY_INPUT: ReadonlySet<string> = new Set([
  'session:snapshot', 'tickets:create', 'checks:summary', 'checks:verify', 'health:now', 'alerts:rules',
  'settings:get', 'notion:status', 'outbox:retryParked', 'access:status',
]);

/**
 * A valid input of each channel these tests know; clientOrderIds from `ids` (orders that exist) or
 * fresh ones. Undefined for a channel added since, whose handler a fuzz test should not run blind.
 */
export function validInput(channel: InvokeChannel, ids: readonly string[]): fc.Arbitrary<Record<string, unknown>> | undefined {
  const existing = ids.length > 0 ? fc.oneof(fc.constantFrom(...ids), id) : id;
  const object = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) => fc.record(shape, { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
  switch (channel) {
    case 'orders:place':
      return fc.record({
        clientOrderId: id,
        symbol: fc.constantFrom('EURUSD', 'GBPUSD', 'USDJPY', 'XAUUSD'),
        side: fc.constantFrom('buy', 'sell'),
        type: fc.constant('market'),
        volume: fc.integer({ min: 1, max: 5 }).map((steps) => steps / 100),
      });
    case 'orders:cancel':
    case 'orders:confirmHeld':
    case 'orders:dropHeld':
      return fc.record({ clientOrderId: existing });
    case 'orders:resubmit':
      return fc.record({ clientOrderId: existing, confirm: fc.constant(true) });
    case 'retries:list':
    case 'retries:csv':
      return object({ op: fc.constantFrom('placeOrder', 'orders', 'hello'), outcome: fc.constantFrom('pending', 'succeeded', 'gave-up'), limit: fc.integer({ min: 1, max: 10_000 }) });
    case 'health:history':
      return fc.record({ window: fc.constantFrom('5m', '1h', '24h', '7d') });
    case 'reports:build':
    case 'reports:push':
      return fc.record({ window: fc.constantFrom('1h', '4h', '12h', '24h', '7d') });
    case 'alerts:list':
    case 'settings:history':
      return limit.map((value) => (value === undefined ? {} : { limit: value }));
    case 'alerts:setRule':
      return fc.record(
        { id: fc.constantFrom('duplicate-rate', 'p99', 'p50', 'push-success', 'throughput', 'availability', 'hub-down', 'unknown-order'), enabled: fc.boolean(), author },
        { requiredKeys: ['id'] },
      );
    case 'settings:propose':
      // No settings in `changes`: a proposal that applies nothing, so the console keeps its timing.
      return fc.record({ changes: fc.constant({}), reason: fc.string({ maxLength: 40 }), author });
    case 'settings:confirm':
    case 'settings:rejectHeld':
      return fc.record({ id: fc.integer({ min: 1, max: 50 }), confirmer: author });
    case 'settings:rollback':
      return fc.record({ id: fc.integer({ min: 1, max: 50 }), author, reason: fc.string({ maxLength: 40 }) });
    case 'notion:configure':
      return fc.record({ databaseId: fc.constant('0123456789abcdef0123456789abcdef'), baseUrl: fc.constant('http://127.0.0.1:9') });
    case 'outbox:list':
      return object({ status: fc.constantFrom('pending', 'pushed', 'parked'), limit: fc.integer({ min: 1, max: 1000 }) });
    case 'outbox:retry':
      return fc.record({ id: fc.string({ maxLength: 20 }) });
    case 'access:rotate':
      return fc.record({ role: fc.constantFrom('viewer', 'trader') });
    default:
      return EMPTY_INPUT.has(channel) ? fc.constant({}) : undefined;
  }
}

/** How an input was made, and whether the contract must refuse it whatever the channel. */
export interface Mutated {
  how: string;
  input: unknown;
  /** True when the mutation alone makes any contract input invalid (all are strict objects). */
  mustFail: boolean;
}

function copy(value: Record<string, unknown>): Record<string, unknown> {
  return Object.defineProperties({}, Object.getOwnPropertyDescriptors(value));
}

function withKey(value: Record<string, unknown>, key: string, field: unknown): Record<string, unknown> {
  const result = copy(value);
  Object.defineProperty(result, key, { value: field, enumerable: true, writable: true, configurable: true });
  return result;
}

/** A different JS type than `value`'s, never null or undefined (an optional field may be either). */
function otherType(value: unknown): fc.Arbitrary<unknown> {
  const kinds: Array<[string, fc.Arbitrary<unknown>]> = [
    ['number', fc.double()],
    ['string', fc.string({ maxLength: 20 })],
    ['boolean', fc.boolean()],
    ['object', fc.oneof(fc.constant([]), fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }))],
  ];
  const type = typeof value;
  return fc.oneof(...kinds.filter(([kind]) => kind !== type).map(([, arbitrary]) => arbitrary));
}

/** One or two mutations of a valid input. */
export function mutationOf(valid: Record<string, unknown>): fc.Arbitrary<Mutated> {
  const keys = Object.keys(valid);
  const field = keys.length > 0 ? fc.constantFrom(...keys) : fc.constant<string | undefined>(undefined);
  const numeric = keys.filter((key) => typeof valid[key] === 'number');
  const options: Array<fc.Arbitrary<Mutated>> = [
    fc.tuple(anyKey.filter((key) => !keys.includes(key)), weirdValue).map(([key, value]) => ({ how: `extra key ${JSON.stringify(key)}`, input: withKey(valid, key, value), mustFail: true })),
    fc.tuple(field, weirdValue).map(([key, value]) => ({ how: `${key ?? '(none)'} replaced`, input: key === undefined ? valid : withKey(valid, key, value), mustFail: false })),
    field.map((key) => {
      const result = copy(valid);
      if (key !== undefined) delete result[key];
      return { how: `${key ?? '(none)'} removed`, input: result, mustFail: false };
    }),
    fc.oneof(weirdValue, fc.constant<unknown>([valid]), fc.constant<unknown>(JSON.stringify(valid))).map((input) => ({ how: 'whole input replaced', input, mustFail: false })),
  ];
  if (keys.length > 0) {
    options.push(
      field.chain((key) => otherType(key === undefined ? undefined : valid[key]).map((value) => ({ how: `${key ?? ''} of the wrong type`, input: key === undefined ? valid : withKey(valid, key, value), mustFail: key !== undefined }))),
    );
  }
  if (numeric.length > 0) {
    options.push(
      fc.tuple(fc.constantFrom(...numeric), fc.constantFrom(...NON_FINITE)).map(([key, value]) => ({ how: `${key} not finite`, input: withKey(valid, key, value), mustFail: true })),
    );
  }
  return fc.oneof(...options);
}

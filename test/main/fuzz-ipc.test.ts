// Fuzzing the router of a real console (embedded simulated hub over real ZeroMQ, real SQLite
// ledger) with thousands of generated (channel, input, principal): it never throws, answers every
// call with a code from the closed set, refuses by role and by schema before any handler runs, and
// leaves the ledger as it was except for orders a valid, accepted orders:place created.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src-shared/ipc/access';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import type { InvokeChannel } from '../../src-shared/ipc/channels';
import { invokeContract } from '../../src-shared/ipc/contract';
import { ErrorData } from '../../src-shared/ipc/errors';
import type { Result } from '../../src-shared/ipc/errors';
import { newTicketId, startFuzzConsole } from '../support/fuzz-console';
import type { FuzzConsole } from '../support/fuzz-console';
import { anyCloneable, hugeString, mutationOf, validInput } from '../support/fuzz-inputs';
import type { Mutated } from '../support/fuzz-inputs';
import { sleep } from '../support/wait';

/**
 * Channels whose handler must not run with generated input: reports:push commits a Notion outbox
 * event per call (background pushes), notion:configure re-points the Notion bridge at whatever URL
 * it is given, access:rotate ends every host session. They, and any channel validInput does not
 * know yet, get only input their schema refuses: the router must stop it before the handler.
 */
const HANDLED_APART: ReadonlySet<InvokeChannel> = new Set(['reports:push', 'notion:configure', 'access:rotate']);
const ORDER_CHANNELS: readonly InvokeChannel[] = ['orders:place', 'orders:cancel', 'orders:confirmHeld', 'orders:dropHeld', 'orders:resubmit'];
const ROUTER_REFUSALS = ['UNKNOWN_CHANNEL', 'FORBIDDEN', 'BAD_INPUT'];
const TRADER: Principal = { role: 'trader', tokenId: 'fuzz-trader' };
const VIEWER: Principal = { role: 'viewer', tokenId: 'fuzz-viewer' };

let fz: FuzzConsole;
/** Orders placed before the fuzz, and their audit trails then. */
let seeded: Map<string, string[]>;
/** clientOrderIds valid orders:place calls got past the router with (they may be in the ledger). */
const created = new Set<string>();
/** Orders a valid, handled cancel/confirm/drop/resubmit named (their trail may grow). */
const touched = new Set<string>();

beforeAll(async () => {
  fz = await startFuzzConsole();
  const snapshot = await fz.app.local.invoke('session:snapshot', {});
  const quotes = snapshot.ok ? (snapshot.result as { quotes: Array<{ symbol: string; bid: number; ask: number }> }).quotes : [];
  const ask = quotes.find((q) => q.symbol === 'EURUSD')?.ask ?? 1;
  const tickets = [
    { side: 'buy', type: 'market', volume: 0.01 },
    { side: 'sell', type: 'market', volume: 0.02 },
    { side: 'buy', type: 'market', volume: 0.03 },
    { side: 'buy', type: 'limit', volume: 0.01, price: Number((ask * 0.8).toFixed(5)) },
    // Passes main's checks; the hub refuses it against the live quote: recorded as rejected.
    { side: 'buy', type: 'market', volume: 0.01, sl: Number((ask * 1.2).toFixed(5)) },
  ];
  for (const ticket of tickets) await fz.app.local.invoke('orders:place', { clientOrderId: await newTicketId(fz.app), symbol: 'EURUSD', ...ticket });
  await sleep(500); // the hub's order events for them
  seeded = fz.ledger.histories();
  expect([...seeded.values()].map((trail) => trail.at(-1)?.split(':')[1]).sort()).toEqual(['filled', 'filled', 'filled', 'rejected', 'working']);
});

afterAll(async () => {
  await fz?.dispose();
});

const principal = fc.constantFrom(TRADER, VIEWER);

/** Not a contract channel, but what a careless or hostile caller might send as one. */
const garbageChannel: fc.Arbitrary<unknown> = fc
  .oneof(
    fc.string({ maxLength: 40 }),
    fc.constantFrom(...INVOKE_CHANNELS).chain((c) => fc.constantFrom(c.toUpperCase(), ` ${c}`, `${c} `, c.replace(':', '.'), `${c}\u0000`, c.slice(0, -1), `${c}s`, [c], Object(c))),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'orders', 'orders:', ':place'),
    hugeString,
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom<unknown>(null, undefined, 0, -0, Number.NaN, true, [], {}),
  )
  .filter((c) => !(typeof c === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(c)));

function inputFor(channel: InvokeChannel): fc.Arbitrary<Mutated> {
  const ids = [...seeded.keys()];
  const valid = validInput(channel, ids) ?? fc.constant({});
  const mutated = valid.chain(mutationOf);
  const arbitrary = anyCloneable.map((input) => ({ how: 'any value', input, mustFail: false }));
  if (HANDLED_APART.has(channel) || !validInput(channel, ids)) {
    return fc.oneof(mutated, arbitrary).filter(({ input }) => !invokeContract[channel].input.safeParse(input ?? {}).success);
  }
  return fc.oneof({ weight: 2, arbitrary: valid.map((input) => ({ how: 'valid', input, mustFail: false })) }, { weight: 5, arbitrary: mutated }, { weight: 1, arbitrary });
}

const call = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...INVOKE_CHANNELS) },
  { weight: 2, arbitrary: fc.constantFrom(...ORDER_CHANNELS) },
  { weight: 2, arbitrary: garbageChannel },
);

function clientOrderIdOf(input: unknown): string {
  return String((input as { clientOrderId?: unknown }).clientOrderId);
}

/** The router's answer to one call, judged against the contract alone. */
function judge(channel: unknown, made: Mutated, who: Principal, reply: Result<unknown>): void {
  const context = `${String(channel).slice(0, 60)} (${made.how}) as ${who.role}: ${JSON.stringify(reply).slice(0, 400)}`;
  expect(() => JSON.stringify(reply), context).not.toThrow();
  if (!reply.ok) expect(ErrorData.safeParse(reply.error).success, context).toBe(true);
  const code = reply.ok ? 'ok' : reply.error.code;
  if (typeof channel !== 'string' || !Object.hasOwn(invokeContract, channel)) {
    expect(code, context).toBe('UNKNOWN_CHANNEL');
    return;
  }
  const entry = invokeContract[channel as InvokeChannel];
  const valid = entry.input.safeParse(made.input ?? {}).success;
  if (made.mustFail) expect(valid, `the contract lets through ${context}`).toBe(false);
  if (who.role === 'viewer' && entry.access === 'trader') {
    expect(code, context).toBe('FORBIDDEN');
  } else if (!valid) {
    expect(code, context).toBe('BAD_INPUT');
  } else {
    expect(['UNKNOWN_CHANNEL', 'FORBIDDEN'], context).not.toContain(code);
  }
  if (!reply.ok && reply.error.code === 'BAD_INPUT') {
    const fields = Object.entries(reply.error.fields ?? {});
    expect(fields.length, context).toBeGreaterThan(0);
    for (const [, message] of fields) expect(message.length, context).toBeGreaterThan(0);
  }
}

/** Books what a call may have changed, then checks no order exists that it could not explain. */
function account(channel: unknown, input: unknown, reply: Result<unknown>): void {
  const code = reply.ok ? 'ok' : reply.error.code;
  const handled = !ROUTER_REFUSALS.includes(code);
  if (channel === 'orders:place' && (reply.ok || (handled && code !== 'TICKET_USED'))) created.add(clientOrderIdOf(input));
  if (handled && ORDER_CHANNELS.includes(channel as InvokeChannel) && channel !== 'orders:place') touched.add(clientOrderIdOf(input));
  const ids = fz.ledger.ids();
  expect(ids.filter((id) => !seeded.has(id) && !created.has(id)), 'orders no valid accepted call created').toEqual([]);
  if (channel === 'orders:place' && reply.ok) expect(ids).toContain(clientOrderIdOf(input));
}

describe('the router of a real console, fuzzed', () => {
  it('answers 4000 generated calls with a closed-set Result, refusing by role and schema first', async () => {
    await fc.assert(
      fc.asyncProperty(
        call.chain((channel) => fc.tuple(fc.constant(channel), typeof channel === 'string' && Object.hasOwn(invokeContract, channel) ? inputFor(channel as InvokeChannel) : fc.oneof(anyCloneable, validInput('orders:place', []) ?? anyCloneable).map((input) => ({ how: 'any value', input, mustFail: false })), principal)),
        async ([channel, made, who]) => {
          const reply = await fz.app.router.invoke(channel, made.input, who);
          account(channel, made.input, reply);
          judge(channel, made, who, reply);
        },
      ),
      { numRuns: 4000 },
    );
  });

  it('never lets a viewer do what needs a trader (800 valid-shaped calls)', async () => {
    const traderOnly = INVOKE_CHANNELS.filter((channel) => invokeContract[channel].access === 'trader');
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...traderOnly).chain((channel) => fc.tuple(fc.constant(channel), validInput(channel, [...seeded.keys()]) ?? fc.constant({}))),
        async ([channel, input]) => {
          const reply = await fz.app.router.invoke(channel, input, VIEWER);
          account(channel, input, reply);
          expect(reply, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        },
      ),
      { numRuns: 800 },
    );
  });

  it('never throws on a channel only an in-process caller can send (BigInt, a cycle): 200 calls', async () => {
    const cyclic = fc.jsonValue({ maxDepth: 1 }).map((inner) => {
      const value: Record<string, unknown> = { inner };
      value.self = value;
      return value;
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.bigInt(), cyclic), principal, async (channel, who) => {
        const reply = await fz.app.router.invoke(channel, {}, who).catch((error: unknown) => ({ threw: String(error) }));
        expect(reply).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
      }),
      { numRuns: 200 },
    );
  });

  it('leaves every order placed before the fuzz with the same trail, and no order it cannot explain', async () => {
    await sleep(300); // the hub's events for the last orders
    const now = fz.ledger.histories();
    for (const [id, trail] of seeded) {
      if (touched.has(id)) expect(now.get(id)?.slice(0, trail.length), id).toEqual(trail);
      else expect(now.get(id), id).toEqual(trail);
    }
    expect([...now.keys()].filter((id) => !seeded.has(id) && !created.has(id))).toEqual([]);
    const onHub = (await fz.app.hub.request('admin.orders', {})).map((order) => order.clientOrderId);
    expect(onHub.length).toBe(new Set(onHub).size);
    expect(onHub.filter((id) => !seeded.has(id) && !created.has(id))).toEqual([]);
    expect(await fz.app.local.invoke('checks:verify', {})).toMatchObject({ ok: true, result: { pass: true, hubDuplicates: [] } });
  });
});

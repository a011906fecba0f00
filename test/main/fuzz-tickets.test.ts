// Fuzzing order tickets through main (app.local -> router -> gateway -> real ZeroMQ -> simulated
// hub): main's verdict agrees with the UI's checkTicket, a refused ticket never reaches the hub or
// the ledger, and every accepted one is in the ledger exactly once and on the hub at most once.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SymbolSpec } from '../../src-shared/domain/market';
import type { ConsoleOrder, HubOrder, OrderTicket } from '../../src-shared/domain/order';
import { checkTicket } from '../../src-shared/domain/ticket-checks';
import { invokeContract } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import { newTicketId, startFuzzConsole } from '../support/fuzz-console';
import type { FuzzConsole } from '../support/fuzz-console';
import { ticketCases, ticketOf } from '../support/fuzz-tickets';
import type { Quote, TicketCase } from '../support/fuzz-tickets';

const RUNS = 2500;

let fz: FuzzConsole;
let quotes: Map<string, Quote>;
/** clientOrderIds of every placement main took past its checks, in order. */
const accepted: string[] = [];

beforeAll(async () => {
  fz = await startFuzzConsole();
  const snapshot = await fz.app.local.invoke('session:snapshot', {});
  if (!snapshot.ok) throw new Error(snapshot.error.message);
  quotes = new Map((snapshot.result as { quotes: Array<Quote & { symbol: string }> }).quotes.map((q) => [q.symbol, q]));
  // One order before the fuzz, so a case can always reuse a used ticket.
  const first = await place({ why: 'seed', id: { kind: 'fresh' }, fields: { symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.01 }, verdict: { kind: 'accepted' } });
  expect(first.reply).toMatchObject({ ok: true });
  accepted.push(first.id as string);
});

afterAll(async () => {
  await fz?.dispose();
});

async function resolveId(c: TicketCase): Promise<unknown> {
  if (c.id.kind === 'fresh') return newTicketId(fz.app);
  if (c.id.kind === 'reuse') return accepted[accepted.length - 1];
  if (c.id.kind === 'given') return c.id.value;
  return undefined;
}

async function place(c: TicketCase): Promise<{ id: unknown; ticket: Record<string, unknown>; reply: Result<unknown> }> {
  const id = await resolveId(c);
  const ticket = ticketOf(c.fields, id, c.id.kind !== 'absent');
  return { id, ticket, reply: await fz.app.local.invoke('orders:place', ticket) };
}

function hubPlaceOrders(): number {
  return fz.app.embeddedHub?.stats().placeOrders ?? Number.NaN;
}

/** The UI's verdict: the contract's shape, then the shared field checks against the symbol. */
function uiVerdict(ticket: Record<string, unknown>, specs: readonly SymbolSpec[]): { shapeOk: boolean; errors: Record<string, string> } {
  const parsed = invokeContract['orders:place'].input.safeParse(ticket);
  if (!parsed.success) return { shapeOk: false, errors: {} };
  const spec = specs.find((s) => s.symbol === parsed.data.symbol);
  return { shapeOk: true, errors: { ...checkTicket(parsed.data as OrderTicket, spec) } };
}

describe('order tickets fuzzed through main', () => {
  it(`gives ${RUNS} generated tickets main's verdict, the UI's verdict and the ledger's record in agreement`, async () => {
    await fc.assert(
      fc.asyncProperty(ticketCases(fz.specs, quotes), async (c) => {
        const used = c.id.kind === 'given' && accepted.includes(c.id.value as string);
        const ledgerBefore = fz.ledger.count();
        const hubBefore = hubPlaceOrders();
        const { id, ticket, reply } = await place(c);
        const ui = uiVerdict(ticket, fz.specs);
        const context = JSON.stringify({ ticket, reply });
        const code = reply.ok ? 'ok' : reply.error.code;
        // Counted before any assertion, so the final ledger check holds even after a failed case.
        const refusedInMain = code === 'BAD_INPUT' || code === 'TICKET_USED';
        if (!refusedInMain) accepted.push(id as string);

        // Main agrees with the UI: whatever the UI would not send, main refuses, naming the same fields.
        if (!ui.shapeOk) expect(code, context).toBe('BAD_INPUT');
        else if (Object.keys(ui.errors).length > 0) expect(reply, context).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', fields: ui.errors } });
        else expect(code, context).not.toBe('BAD_INPUT');
        if (!reply.ok && reply.error.code === 'BAD_INPUT') expect(Object.keys(reply.error.fields ?? {}).length, context).toBeGreaterThan(0);

        // The verdict the case deserves.
        const verdict = c.verdict.kind === 'accepted' && used ? { kind: 'used' as const } : c.verdict;
        if (verdict.kind === 'refused') {
          expect(code, context).toBe('BAD_INPUT');
          expect(Object.keys(reply.ok ? {} : (reply.error.fields ?? {})).some((f) => (verdict.fields as string[]).includes(f)), `${c.why}: expected one of ${verdict.fields.join(', ')} in ${context}`).toBe(true);
        } else if (verdict.kind === 'used') {
          expect(code, context).toBe('TICKET_USED');
        } else if (verdict.kind === 'hub-refused') {
          expect(code, context).toBe('INVALID_PRICE');
        } else {
          expect(reply, context).toMatchObject({ ok: true, result: { clientOrderId: id, symbol: ticket.symbol, side: ticket.side, type: ticket.type, volume: ticket.volume } });
          const order = (reply as { result: ConsoleOrder }).result;
          if (ticket.type !== 'market') expect(order.price, context).toBe(ticket.price);
        }

        // Refused in main: nothing recorded, nothing sent. Taken: recorded once, sent once.
        expect(fz.ledger.count(), context).toBe(ledgerBefore + (refusedInMain ? 0 : 1));
        expect(hubPlaceOrders(), context).toBe(hubBefore + (refusedInMain ? 0 : 1));
        if (!refusedInMain) expect(fz.ledger.histories().get(id as string)?.filter((line) => line.startsWith('recorded:')), context).toHaveLength(1);
      }),
      { numRuns: RUNS },
    );
  });

  it('ends with exactly the accepted orders in the ledger and no clientOrderId twice on the hub', async () => {
    const ids = fz.ledger.ids();
    expect(ids.length).toBe(accepted.length);
    expect(new Set(ids)).toEqual(new Set(accepted));
    const hubOrders = await fz.app.hub.request('admin.orders', {});
    const onHub = hubOrders.map((order: HubOrder) => order.clientOrderId);
    expect(onHub.length).toBe(new Set(onHub).size);
    expect(onHub.filter((id) => !accepted.includes(id))).toEqual([]);
    const verify = await fz.app.local.invoke('checks:verify', {});
    expect(verify).toMatchObject({ ok: true, result: { pass: true, hubDuplicates: [], mismatches: [], ledgerOrders: accepted.length } });
  });
});

// The one router behind both transports: every input is parsed against the contract, and every
// failure comes back as data with a code; the router itself never throws.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../src-shared/ipc/errors';
import { createRouter } from '../../src-main/ipc/router';
import type { Handlers } from '../../src-main/ipc/router';

const placed: unknown[] = [];

/** Handlers these tests never call. */
function unused<C extends keyof Handlers>(channels: readonly C[]): Pick<Handlers, C> {
  const fail = async (): Promise<never> => {
    throw new Error('unused');
  };
  return Object.fromEntries(channels.map((channel) => [channel, fail])) as unknown as Pick<Handlers, C>;
}
const handlers = {
  'session:snapshot': async () => {
    throw new Error('boom');
  },
  'tickets:create': async () => ({ clientOrderId: 'HD-1' }),
  'orders:place': async (ticket) => {
    placed.push(ticket);
    throw new CodedError('ORDER_UNKNOWN', 'fate unknown', { clientOrderId: ticket.clientOrderId });
  },
  'orders:cancel': async () => {
    throw new CodedError('NOT_FOUND', 'no such order');
  },
  'retries:list': async () => ({ entries: [], total: 0 }),
  'retries:csv': async () => ({ csv: '', rows: 0 }),
  'orders:confirmHeld': async () => {
    throw new CodedError('INVALID_STATE', 'not held');
  },
  'orders:dropHeld': async () => {
    throw new CodedError('INVALID_STATE', 'not held');
  },
  'orders:resubmit': async () => {
    throw new CodedError('INVALID_STATE', 'not not_received');
  },
  'checks:summary': async () => {
    throw new Error('unused');
  },
  'checks:verify': async () => {
    throw new Error('unused');
  },
  ...unused(['health:now', 'health:history', 'alerts:list', 'alerts:rules', 'reports:build', 'settings:get', 'settings:propose', 'settings:confirm', 'settings:rejectHeld', 'settings:history', 'settings:rollback', 'notion:status', 'notion:configure', 'outbox:list', 'outbox:retry', 'outbox:retryParked', 'reports:push']),
  'alerts:setRule': async ({ id }) => ({ id, enabled: true, threshold: 1 }),
} satisfies Handlers;
const router = createRouter(handlers, pino({ level: 'silent' }));

describe('router', () => {
  it('answers a contract channel', async () => {
    expect(await router.invoke('tickets:create', {})).toEqual({ ok: true, result: { clientOrderId: 'HD-1' } });
  });

  it.each([['orders:delete'], [''], [42], [null], ['__proto__']])('refuses the channel %j', async (channel) => {
    const result = await router.invoke(channel, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('refuses bad input before the handler runs, naming the fields', async () => {
    placed.length = 0;
    const result = await router.invoke('orders:place', { clientOrderId: 'HD-1', symbol: 'EURUSD', side: 'up', type: 'market', volume: -1 });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(result.ok ? {} : result.error.fields).toHaveProperty('side');
    expect(result.ok ? {} : result.error.fields).toHaveProperty('volume');
    expect(placed).toHaveLength(0);
  });

  it('carries a coded error as data, and hides an unexpected one behind INTERNAL', async () => {
    const unknown = await router.invoke('orders:place', { clientOrderId: 'HD-2', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 1 });
    expect(unknown).toEqual({ ok: false, error: { code: 'ORDER_UNKNOWN', message: 'fate unknown', clientOrderId: 'HD-2' } });
    expect(await router.invoke('session:snapshot', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('router: alert rules', () => {
  it.each([
    [{ id: 'p99', threshold: Number.NaN }, 'threshold'],
    [{ id: 'p99', threshold: '5000' }, 'threshold'],
    [{ id: 'no-such-rule', threshold: 1 }, 'id'],
    [{ id: 'p99', threshold: 1, extra: true }, ''],
  ])('refuses a bad rule change %j before the handler runs', async (input, field) => {
    const result = await router.invoke('alerts:setRule', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    if (field) expect(result.ok ? {} : result.error.fields).toHaveProperty(field);
  });
});

// The one router behind both transports: every input is parsed against the contract, and every
// failure comes back as data with a code; the router itself never throws. A flood of refusals
// writes a few warn lines that count every one.
import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CodedError } from '../../src-shared/ipc/errors';
import { DESKTOP_PRINCIPAL } from '../../src-shared/ipc/access';
import type { Principal } from '../../src-shared/ipc/access';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import { invokeContract } from '../../src-shared/ipc/contract';
import { bindRouter, createRouter } from '../../src-main/ipc/router';
import type { Handlers, Refusal } from '../../src-main/ipc/router';

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
  'orders:resolve': async () => {
    throw new CodedError('INVALID_STATE', 'not waiting for a person');
  },
  'checks:summary': async () => {
    throw new Error('unused');
  },
  'checks:verify': async () => {
    throw new Error('unused');
  },
  ...unused(['health:now', 'health:history', 'alerts:list', 'alerts:rules', 'reports:build', 'settings:get', 'settings:propose', 'settings:confirm', 'settings:rejectHeld', 'settings:history', 'settings:rollback', 'notion:status', 'notion:configure', 'outbox:list', 'outbox:retry', 'outbox:retryParked', 'reports:push', 'access:status', 'access:rotate', 'audit:list', 'audit:export']),
  'alerts:setRule': async ({ id }) => ({ id, enabled: true, threshold: 1 }),
} satisfies Handlers;
const core = createRouter(handlers, pino({ level: 'silent' }));
const router = bindRouter(core, DESKTOP_PRINCIPAL);
const viewer = { role: 'viewer', tokenId: 'viewer-test' } as const;

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

describe('router: roles', () => {
  const traderOnly = INVOKE_CHANNELS.filter((channel) => invokeContract[channel].access === 'trader');

  it('keeps trading, settings, Notion and access to traders', () => {
    expect(traderOnly).toEqual(expect.arrayContaining(['tickets:create', 'orders:place', 'orders:cancel', 'orders:resubmit', 'orders:resolve', 'orders:confirmHeld', 'orders:dropHeld', 'alerts:setRule', 'settings:propose', 'settings:rollback', 'notion:configure', 'reports:push', 'access:rotate', 'audit:list', 'audit:export']));
  });

  it.each(traderOnly)('refuses %s to a viewer with FORBIDDEN before anything runs', async (channel) => {
    placed.length = 0;
    const result = await core.invoke(channel, { clientOrderId: 'HD-9', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 1 }, viewer);
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(placed).toHaveLength(0);
  });

  it('serves a viewer the read-only channels', async () => {
    expect(await core.invoke('retries:list', {}, viewer)).toEqual({ ok: true, result: { entries: [], total: 0 } });
  });
});

describe('router: refusals heard by the audit trail', () => {
  it('tells onRefused of a FORBIDDEN and a BAD_INPUT call, with who asked, and of nothing else', async () => {
    const heard: Refusal[] = [];
    const hooked = createRouter(handlers, pino({ level: 'silent' }), { onRefused: (refusal) => heard.push(refusal) });
    await hooked.invoke('orders:cancel', { clientOrderId: 'HD-1' }, viewer);
    await hooked.invoke('orders:place', { clientOrderId: 'HD-1', side: 'up' }, DESKTOP_PRINCIPAL);
    await hooked.invoke('tickets:create', {}, DESKTOP_PRINCIPAL);
    await hooked.invoke('orders:cancel', { clientOrderId: 'HD-1' }, DESKTOP_PRINCIPAL);
    expect(heard.map(({ channel, principal, error }) => [channel, principal.tokenId, error.code])).toEqual([
      ['orders:cancel', 'viewer-test', 'FORBIDDEN'],
      ['orders:place', 'desktop', 'BAD_INPUT'],
    ]);
    expect(heard[1]?.input).toEqual({ clientOrderId: 'HD-1', side: 'up' });
  });

  it('keeps the refusal when the hook throws', async () => {
    const hooked = createRouter(handlers, pino({ level: 'silent' }), {
      onRefused: () => {
        throw new Error('audit down');
      },
    });
    expect(await hooked.invoke('orders:place', {}, viewer)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('router: the warn line of a refused call', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is written for the first refusal of a token on a channel, then once per 10 s with how many more', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const lines: Array<Record<string, unknown>> = [];
    const logged = createRouter(handlers, pino({ level: 'warn' }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }));
    const other = { role: 'viewer', tokenId: 'viewer-other' } as const;
    const refuse = (times: number, who: Principal = viewer, channel = 'orders:place') => Promise.all(Array.from({ length: times }, () => logged.invoke(channel, {}, who)));
    await refuse(100);
    await refuse(3, other);
    await refuse(2, viewer, 'orders:cancel');
    expect(lines.map((line) => [line.tokenId, line.channel, line.repeated ?? 'first'])).toEqual([
      ['viewer-test', 'orders:place', 'first'],
      ['viewer-other', 'orders:place', 'first'],
      ['viewer-test', 'orders:cancel', 'first'],
    ]);
    vi.advanceTimersByTime(10_000);
    await refuse(50);
    vi.advanceTimersByTime(10_000);
    // A quiet window ends the pair: its next refusal is a first again.
    vi.advanceTimersByTime(10_000);
    await refuse(1);
    await refuse(7);
    logged.dispose();
    expect(lines.slice(3).map((line) => [line.tokenId, line.channel, line.repeated ?? 'first'])).toEqual([
      ['viewer-test', 'orders:place', 99],
      ['viewer-other', 'orders:place', 2],
      ['viewer-test', 'orders:cancel', 1],
      ['viewer-test', 'orders:place', 50],
      ['viewer-test', 'orders:place', 'first'],
      ['viewer-test', 'orders:place', 7],
    ]);
    const placeRefusals = lines.filter((line) => line.tokenId === 'viewer-test' && line.channel === 'orders:place');
    expect(placeRefusals.reduce((sum, line) => sum + Number(line.repeated ?? 1), 0)).toBe(100 + 50 + 1 + 7);
    expect(lines.every((line) => line.level === 40 && line.role === 'viewer')).toBe(true);
  });
});

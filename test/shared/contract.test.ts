// The IPC contract and the preload's channel list must name the same channels, or the preload
// would block a real channel or the router would serve one the preload cannot reach.
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, isInvokeChannel } from '../../src-shared/ipc/channels';
import { eventContract, invokeContract } from '../../src-shared/ipc/contract';

describe('IPC contract', () => {
  it('lists exactly the invoke and event channels that have schemas', () => {
    expect([...INVOKE_CHANNELS].sort()).toEqual(Object.keys(invokeContract).sort());
    expect([...EVENT_CHANNELS].sort()).toEqual(Object.keys(eventContract).sort());
  });

  it('refuses channel names outside the contract', () => {
    for (const name of ['orders:delete', '', 'constructor', '__proto__', 42, null]) expect(isInvokeChannel(name)).toBe(false);
  });

  it('refuses an order ticket with extra or malformed fields', () => {
    const input = invokeContract['orders:place'].input;
    const good = { clientOrderId: 'HD-1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 };
    expect(input.safeParse(good).success).toBe(true);
    expect(input.safeParse({ ...good, volume: Number.NaN }).success).toBe(false);
    expect(input.safeParse({ ...good, side: 'long' }).success).toBe(false);
    expect(input.safeParse({ ...good, clientOrderId: 'x'.repeat(32) }).success).toBe(false);
    expect(input.safeParse({ ...good, admin: true }).success).toBe(false);
  });
});

// Injected faults of the simulated hub, observed the way a console would: no reply, a late reply,
// a repeated reply, or HUB_TIMEOUT, and through admin.stats / admin.orders whether the request
// was executed. admin.* requests are exempt from faults, so they stay usable as the witness.
import { describe, expect, it } from 'vitest';
import { Dealer } from 'zeromq';
import { hubCall, hubResult, lastFrame, rawDealerRequest } from '../../support/raw-client';
import { onCleanup, request, startTestHub } from './fixture';

const ticket = (clientOrderId: string) => ({ clientOrderId, symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.1 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function clientOrderIds(endpoint: string): Promise<string[]> {
  return (await hubResult<Array<{ clientOrderId: string }>>(endpoint, 'admin.orders')).map((o) => o.clientOrderId);
}

function dealer(endpoint: string): Dealer {
  const socket = new Dealer({ linger: 0 });
  socket.connect(endpoint);
  onCleanup(() => socket.close());
  return socket;
}

async function receiveWithin(socket: Dealer, ms: number): Promise<string | undefined> {
  socket.receiveTimeout = ms;
  try {
    return lastFrame(await socket.receive());
  } catch (error) {
    if ((error as { code?: string }).code === 'EAGAIN') return undefined;
    throw error;
  }
}

describe('faults', () => {
  it('--drop-request: no reply, never executed, counted', async () => {
    const hub = await startTestHub(['--drop-request', '1']);
    expect(await rawDealerRequest(hub.requests, [request('q1', 'placeOrder', ticket('dropped-req'))], 400)).toBeUndefined();
    expect(await clientOrderIds(hub.requests)).toEqual([]);
    expect(await hubResult(hub.requests, 'admin.stats')).toMatchObject({ droppedRequests: 1, placeOrders: 0, ordersCreated: 0 });
  });

  it('--drop-reply: executed, but no reply, counted', async () => {
    const hub = await startTestHub(['--drop-reply', '1']);
    expect(await rawDealerRequest(hub.requests, [request('q2', 'placeOrder', ticket('dropped-rep'))], 400)).toBeUndefined();
    expect(await clientOrderIds(hub.requests)).toEqual(['dropped-rep']);
    expect(await hubResult(hub.requests, 'admin.stats')).toMatchObject({ droppedReplies: 1, placeOrders: 1, ordersCreated: 1 });
  });

  it('--delay-ms: executed at once, the reply held back and then delivered', async () => {
    const hub = await startTestHub(['--delay-ms', '700-700']);
    const socket = dealer(hub.requests);
    await socket.send(request('q3', 'placeOrder', ticket('delayed')));
    expect(await receiveWithin(socket, 150)).toBeUndefined();
    expect(await clientOrderIds(hub.requests)).toEqual(['delayed']);
    const late = await receiveWithin(socket, 5000);
    expect(JSON.parse(late ?? 'null')).toMatchObject({ id: 'q3', ok: true, result: { clientOrderId: 'delayed', status: 'filled' } });
    expect(await hubResult(hub.requests, 'admin.stats')).toMatchObject({ delayedReplies: 1, ordersCreated: 1 });
  });

  it('--duplicate-reply: the same reply arrives twice', async () => {
    const hub = await startTestHub(['--duplicate-reply', '1']);
    const socket = dealer(hub.requests);
    await socket.send(request('q4', 'placeOrder', ticket('twice-replied')));
    const first = await receiveWithin(socket, 3000);
    const second = await receiveWithin(socket, 3000);
    expect(first).toBeDefined();
    expect(second).toBe(first);
    expect(await clientOrderIds(hub.requests)).toEqual(['twice-replied']);
    expect(hub.stats()).toMatchObject({ duplicatedReplies: 1, ordersCreated: 1 });
  });

  it('--fault-ops limits the faults to the listed ops', async () => {
    const hub = await startTestHub(['--drop-reply', '1', '--fault-ops', 'ping']);
    expect(await rawDealerRequest(hub.requests, [request('q5', 'ping')], 400)).toBeUndefined();
    expect(await hubCall(hub.requests, 'placeOrder', ticket('unfaulted'))).toMatchObject({ ok: true });
    expect(hub.stats()).toMatchObject({ droppedReplies: 1 });
  });

  it('--stall-every-ms/--stall-ms: a request queued past requestTimeoutMs gets HUB_TIMEOUT and is not executed', async () => {
    const every = 300;
    const stall = 2000;
    const hub = await startTestHub(['--stall-every-ms', String(every), '--stall-ms', String(stall), '--request-timeout-ms', '500']);
    let stallStart = hub.stats().startedAt + every;
    while (stallStart < Date.now() + 30) stallStart += every + stall;

    await sleep(stallStart + 50 - Date.now());
    const stale = rawDealerRequest(hub.requests, [request('q6', 'placeOrder', ticket('stalled-out'))], 5000);
    await sleep(stallStart + stall - 200 - Date.now());
    const fresh = rawDealerRequest(hub.requests, [request('q7', 'placeOrder', ticket('stalled-in-time'))], 5000);

    const staleReply = JSON.parse(lastFrame((await stale) ?? []));
    expect(staleReply).toMatchObject({ id: 'q6', ok: false, error: { code: 'HUB_TIMEOUT', message: expect.stringMatching(/not executed/) } });
    expect(JSON.parse(lastFrame((await fresh) ?? []))).toMatchObject({ id: 'q7', ok: true, result: { status: 'filled' } });
    expect(await clientOrderIds(hub.requests)).toEqual(['stalled-in-time']);
    expect(await hubCall(hub.requests, 'orderStatus', { clientOrderId: 'stalled-out' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(hub.stats()).toMatchObject({ hubTimeouts: 1, placeOrders: 1, ordersCreated: 1 });
  });
});

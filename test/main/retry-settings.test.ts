// The retry settings against the real simulated hub over ZeroMQ: a configured maxRetries below the
// hub's is the one in force, an operation left out of retryOps is sent once, placeOrder is never
// retried whatever the list says, and limits above the hub's make the console refuse the hub.
import { afterEach, describe, expect, it } from 'vitest';
import type { AttemptFinished } from '../../src-main/hub/hub-client';
import type { RetryEvent } from '../../src-main/hub/retry-policy';
import type { ZmqHubClient, ZmqHubClientOptions } from '../../src-main/hub/zmq-hub-client';
import { spawnHub } from '../support/hub-process';
import { testHubClient } from '../support/test-hub-client';
import { waitFor } from '../support/wait';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A hub that drops every request for `ops` (short deadlines, so give-ups come quickly). */
async function faultyHub(ops: string, extra: string[] = []) {
  const sim = await spawnHub(['--port', '0', '--request-timeout-ms', '300', '--max-backoff-ms', '50', '--drop-request', '1', '--fault-ops', ops, ...extra]);
  cleanup.push(() => sim.stop());
  return sim;
}

interface Watched {
  client: ZmqHubClient;
  retries: RetryEvent[];
  settled: Array<'succeeded' | 'gave-up'>;
  attempts: AttemptFinished[];
}

async function connected(address: string, options: Partial<ZmqHubClientOptions>): Promise<Watched> {
  const retries: RetryEvent[] = [];
  const settled: Array<'succeeded' | 'gave-up'> = [];
  const client = testHubClient(address, {
    retryListener: { onRetry: (event) => retries.push(event), onSettled: (_callId, outcome) => settled.push(outcome) },
    ...options,
  });
  cleanup.push(() => client.dispose());
  const attempts: AttemptFinished[] = [];
  client.onDidFinishAttempt((attempt) => attempts.push(attempt));
  client.start();
  await waitFor(() => client.connection.state === 'up' || client.connection.refusal !== null || undefined, 'the hello', 10_000);
  return { client, retries, settled, attempts };
}

const droppedRequests = async (client: ZmqHubClient): Promise<number> => (await client.request('admin.stats', {})).droppedRequests;

describe('retry settings against the simulated hub', () => {
  it('gives up after 2 attempts with maxRetries 1, though the hub allows 10', async () => {
    const sim = await faultyHub('ping');
    const { client, retries, settled, attempts } = await connected(sim.requests, { configuredMaxRetries: 1 });
    expect(client.connection.hub?.maxRetries).toBe(10);
    expect(client.connection.timing).toMatchObject({ maxRetries: 1, maxBackoffMs: 50 });

    await expect(client.request('ping', {})).rejects.toMatchObject({ code: 'TIMEOUT', sent: true });
    expect(retries.map((r) => [r.op, r.kind, r.attempt, r.maxAttempts])).toEqual([
      ['ping', 'retry', 1, 2],
      ['ping', 'give-up', 2, 2],
    ]);
    expect(settled).toEqual(['gave-up']);
    // The overall deadline may end the last attempt before its own timeout reports it.
    await waitFor(() => attempts.filter((a) => a.op === 'ping').length === 2 || undefined, 'the second attempt to end', 5000);
    expect(await droppedRequests(client)).toBe(2);
  });

  it('sends an idempotent operation left out of retryOps once, with nothing in the retry log', async () => {
    const sim = await faultyHub('ping,orders');
    const { client, retries, settled, attempts } = await connected(sim.requests, { retryOps: ['hello', 'orders'], configuredMaxRetries: 1 });

    await expect(client.request('ping', {})).rejects.toMatchObject({ code: 'TIMEOUT', sent: true });
    expect(attempts.filter((a) => a.op === 'ping')).toHaveLength(1);
    expect(retries).toEqual([]);
    expect(settled).toEqual([]);
    expect(client.stats()).toMatchObject({ retries: 0, giveUps: 0, timeouts: 1 });
    expect(await droppedRequests(client)).toBe(1);

    // A listed operation on the same hub still is retried.
    await expect(client.request('orders', {})).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(retries.filter((r) => r.op === 'orders').map((r) => r.kind)).toEqual(['retry', 'give-up']);
  });

  it('never retries placeOrder, even when the client is handed a list that names it', async () => {
    const sim = await faultyHub('placeOrder');
    const { client, retries, attempts } = await connected(sim.requests, { retryOps: ['hello', 'placeOrder'] });

    const ticket = { clientOrderId: 'HD-retry-settings-1', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 0.01 } as const;
    await expect(client.request('placeOrder', ticket)).rejects.toMatchObject({ code: 'TIMEOUT', sent: true });
    expect(attempts.filter((a) => a.op === 'placeOrder')).toHaveLength(1);
    expect(retries).toEqual([]);
    expect(await droppedRequests(client)).toBe(1);
  });

  it('refuses a hub whose limits are below the configured ones, naming both values, and sends nothing', async () => {
    const sim = await spawnHub(['--port', '0', '--max-retries', '2', '--max-backoff-ms', '500']);
    cleanup.push(() => sim.stop());
    const { client } = await connected(sim.requests, { configuredMaxRetries: 5, configuredMaxBackoffMs: 400 });

    expect(client.connection.refusal).toMatch(/configured maxRetries \(5\) is above the hub's maxRetries \(2\)/);
    expect(client.connection.refusal).not.toMatch(/maxBackoffMs/);
    expect(client.connection.timing).toBeNull();
    await expect(client.request('ping', {})).rejects.toMatchObject({ code: 'NOT_CONNECTED', sent: false });
  });
});

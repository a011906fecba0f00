// The hub client against the real simulated hub over ZeroMQ: the hello sets the timing, the
// connection state follows heartbeats, a restart is told apart from a blip, and late or repeated
// replies are counted, never applied.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../src-shared/ipc/contract';
import { HubRequestError } from '../../src-main/hub/hub-client';
import type { ZmqHubClient } from '../../src-main/hub/zmq-hub-client';
import { spawnHub } from '../support/hub-process';
import { testHubClient } from '../support/test-hub-client';
import { waitFor } from '../support/wait';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function client(address: string): ZmqHubClient {
  const hub = testHubClient(address);
  cleanup.push(() => hub.dispose());
  hub.start();
  return hub;
}

async function hub(flags: string[]) {
  const process = await spawnHub(flags);
  cleanup.push(() => process.stop());
  return process;
}

describe('hub client', () => {
  it('takes its timing from the hello and receives quotes', async () => {
    const sim = await hub(['--port', '0', '--request-timeout-ms', '1500', '--heartbeat-ms', '200']);
    const c = client(sim.requests);
    const info = await waitFor(() => c.connection.state === 'up' && c.hub, 'hello');
    expect(info).toMatchObject({ hubId: sim.hubId, epoch: sim.epoch, requestTimeoutMs: 1500, heartbeatMs: 200 });
    const quote = await new Promise((resolve) => c.onDidReceiveQuote(resolve));
    expect(quote).toMatchObject({ bid: expect.any(Number), ask: expect.any(Number) });
    expect(await c.request('ping', {})).toMatchObject({ ts: expect.any(Number) });
  });

  it('goes down when the hub dies and tells a restart from a blip when it returns', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'hubdesk-hub-')), 'hub.sqlite');
    const first = await hub(['--port', '0', '--heartbeat-ms', '200', '--state-file', stateFile]);
    const c = client(first.requests);
    const states: ConnectionState[] = [];
    c.onDidChangeConnection((info) => states.push(info.state));
    const restarts: Array<{ previous: number; current: number }> = [];
    c.onDidRestartHub(({ previous, current }) => restarts.push({ previous: previous.epoch, current: current.epoch }));
    await waitFor(() => c.connection.state === 'up' || undefined, 'up');

    await first.kill('SIGKILL');
    await waitFor(() => c.connection.state === 'down' || undefined, 'down after the hub died', 5000);
    await expect(c.request('ping', {})).rejects.toBeInstanceOf(HubRequestError);

    const port = new URL(first.requests.replace('tcp:', 'http:')).port;
    const second = await hub(['--port', port, '--heartbeat-ms', '200', '--state-file', stateFile]);
    await waitFor(() => restarts.length > 0 || undefined, 'the restart to be noticed', 10_000);
    expect(restarts[0]).toEqual({ previous: first.epoch, current: second.epoch });
    expect(second.epoch).toBe(first.epoch + 1);
    expect(c.connection.state).toBe('up');
    expect(states).toContain('down');
  });

  it('retries an idempotent call, then counts the late replies and their duplicates, applying none', async () => {
    const sim = await hub(['--port', '0', '--request-timeout-ms', '300', '--max-retries', '1', '--delay-ms', '900-900', '--fault-ops', 'ping', '--duplicate-reply', '1']);
    const c = client(sim.requests);
    await waitFor(() => c.connection.state === 'up' || undefined, 'up');
    expect(c.stats().unmatchedReplies).toBe(0);
    await expect(c.request('ping', {})).rejects.toMatchObject({ code: 'TIMEOUT', sent: true });
    expect(c.stats()).toMatchObject({ timeouts: 2, retries: 1, giveUps: 1 });
    // Two attempts, each answered late and twice: four replies, none applied.
    await waitFor(() => c.stats().unmatchedReplies >= 4 || undefined, 'the late replies and their duplicates', 5000);
    expect(c.connection.state).toBe('degraded');
  });
});

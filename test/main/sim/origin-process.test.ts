// The origin gateway emulator as a process (`npm run hub -- --dialect origin`): its one JSON line,
// and a SIGKILL then a restart on the same port with a state file: positions and their comments
// survive, the in-memory req_id cache does not, so a resent req_id executes a second time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnHub, type HubProcess } from '../../support/hub-process';
import { lastFrame, rawDealerRequest } from '../../support/raw-client';
import { rebindRetrying } from '../../support/rebind';
import { onCleanup } from './fixture';

async function origin(flags: string[]): Promise<HubProcess> {
  const started = await spawnHub(['--dialect', 'origin', '--quote-ms', '0', '--log-level', 'warn', ...flags]);
  onCleanup(() => started.stop());
  return started;
}

/** One origin request from a DEALER (empty delimiter first, as a REQ would send it). */
async function send(endpoint: string, action: string, reqId: string, payload: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  const body = JSON.stringify({ action, req_id: reqId, timestamp: Date.now() / 1000, payload });
  const frames = await rawDealerRequest(endpoint, ['', body], 5000);
  if (!frames) throw new Error(`no reply to ${action} from ${endpoint}`);
  return JSON.parse(lastFrame(frames)) as Record<string, unknown>;
}

describe('the origin gateway emulator process', () => {
  it('prints its line; after SIGKILL and a restart on the same port, positions keep their comments and the req_id cache is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-origin-'));
    onCleanup(() => rmSync(dir, { recursive: true, force: true }));
    const stateFile = join(dir, 'hub.sqlite');
    const first = await origin(['--port', '0', '--state-file', stateFile]);
    expect(first).toMatchObject({ requests: expect.stringMatching(/^tcp:\/\/127\.0\.0\.1:\d+$/), events: expect.any(String), epoch: 1 });
    const port = Number(first.requests.split(':').pop());
    expect(first.events).toBe(`tcp://127.0.0.1:${port + 1}`);
    const order = { symbol: 'EURUSD', type: 'OP_BUY', volume: 0.3, magic: 1, comment: 'cid-survives', sl: 0, tp: 0 };
    const filled = await send(first.requests, 'ORDER_SEND', 'req-1', order);
    expect(filled).toMatchObject({ error: false, retcode: 10009 });
    expect(await send(first.requests, 'ORDER_SEND', 'req-1', order)).toMatchObject({ ticket: filled['ticket'], msg: expect.stringContaining('Cached') });

    await first.kill('SIGKILL');
    const second = await rebindRetrying(() => origin(['--port', String(port), '--state-file', stateFile]));
    expect(second).toMatchObject({ requests: first.requests, hubId: first.hubId, epoch: 2 });
    const positions = await send(second.requests, 'GET_POSITIONS', 'p-1');
    expect(positions['data']).toEqual([expect.objectContaining({ ticket: filled['ticket'], volume: 0.3, comment: 'cid-survives' })]);

    const again = await send(second.requests, 'ORDER_SEND', 'req-1', order);
    expect(again).toMatchObject({ error: false, retcode: 10009, msg: expect.stringMatching(/^Filled/) });
    expect(again['ticket']).not.toBe(filled['ticket']);
    const admin = await send(second.requests, 'ADMIN_EXECUTIONS', 'a-1');
    expect(admin['data']).toMatchObject({ total: 2, byComment: { 'cid-survives': 2 }, executedMoreThanOnce: ['cid-survives'] });
  });
});

// The MQL5-JSON-API emulator as a process (`npm run hub -- --dialect mql5-json-api`): its one JSON
// line names the EA's four sockets, the system socket answers "OK", and a v1-only flag is refused.
import { describe, expect, it } from 'vitest';
import { spawnHub } from '../../support/hub-process';
import { lastFrame, rawDealerRequest } from '../../support/raw-client';
import { runTool } from '../tools/run-tool';
import { onCleanup } from './fixture';

describe('the MQL5-JSON-API emulator process', () => {
  it('prints its four endpoints and answers "OK" on the system socket', async () => {
    const ea = await spawnHub(['--dialect', 'mql5-json-api', '--port', '0', '--quote-ms', '0', '--log-level', 'warn']);
    onCleanup(() => ea.stop());
    expect(ea.requests).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    const frames = await rawDealerRequest(ea.requests, ['', JSON.stringify({ action: 'ACCOUNT' })], 5000);
    expect(frames && lastFrame(frames)).toBe('OK');
  });

  it('refuses --fault-ops, whose names are hub protocol v1 operations', async () => {
    const run = await runTool('src-main/hub/sim/cli.ts', ['--dialect', 'mql5-json-api', '--port', '0', '--fault-ops', 'placeOrder'], 30_000);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--fault-ops names hub protocol v1 operations/);
  });
});

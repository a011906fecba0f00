// The simulated hub as a separate process: its state file survives SIGKILL (orders, positions,
// balance, clientOrderIds, hubId; epoch + 1; resting orders resume), it exits 0 on SIGTERM, and a
// bad flag is one stderr line naming it with exit code 2.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HubOrder } from '../../../src-shared/domain/order';
import { spawnHub, type HubProcess } from '../../support/hub-process';
import { hubResult } from '../../support/raw-client';
import { onCleanup, startTestHub } from './fixture';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function hub(flags: string[]): Promise<HubProcess> {
  const started = await spawnHub(['--quote-ms', '0', '--log-level', 'warn', ...flags]);
  onCleanup(() => started.stop());
  return started;
}

function tempStateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-sim-'));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'hub.sqlite');
}

describe('the hub process', () => {
  it('keeps orders, positions, balance and clientOrderIds across a SIGKILL, with epoch + 1', async () => {
    const stateFile = tempStateFile();
    const first = await hub(['--port', '0', '--state-file', stateFile]);
    expect(first.epoch).toBe(1);
    const ep = first.requests;
    await hubResult(ep, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.1, ask: 1.1001 });
    await hubResult(ep, 'placeOrder', { clientOrderId: 'k-market', symbol: 'EURUSD', side: 'buy', type: 'market', volume: 1 });
    await hubResult(ep, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.1011, ask: 1.1012 });
    await hubResult(ep, 'placeOrder', { clientOrderId: 'k-close', symbol: 'EURUSD', side: 'sell', type: 'market', volume: 0.5 });
    const resting = { clientOrderId: 'k-limit', symbol: 'EURUSD', side: 'buy', type: 'limit', volume: 0.2, price: 1.05 };
    await hubResult(ep, 'placeOrder', resting);
    const before = HubOrder.array().parse(await hubResult(ep, 'admin.orders'));
    const accountBefore = await hubResult<{ balance: number }>(ep, 'account');
    expect(accountBefore.balance).toBe(100_050);

    await first.kill('SIGKILL');
    expect(first.process.signalCode).toBe('SIGKILL');

    const second = await hub(['--port', '0', '--state-file', stateFile]);
    expect(second.epoch).toBe(first.epoch + 1);
    expect(second.hubId).toBe(first.hubId);
    expect(await hubResult(second.requests, 'admin.orders')).toEqual(before);
    expect(await hubResult(second.requests, 'positions')).toMatchObject([{ symbol: 'EURUSD', side: 'buy', volume: 0.5, avgPrice: 1.1001 }]);
    expect(await hubResult(second.requests, 'account')).toMatchObject({ balance: 100_050 });
    expect(await hubResult(second.requests, 'placeOrder', resting)).toMatchObject({ duplicate: true, status: 'working' });
    const next = await hubResult<{ orderId: string }>(second.requests, 'placeOrder', { ...resting, clientOrderId: 'k-new' });
    expect(before.map((o) => o.orderId)).not.toContain(next.orderId);

    await hubResult(second.requests, 'admin.setQuote', { symbol: 'EURUSD', bid: 1.0499, ask: 1.05 });
    expect(await hubResult(second.requests, 'orderStatus', { clientOrderId: 'k-limit' })).toMatchObject({ status: 'filled', avgPrice: 1.05 });
  });

  it('stops cleanly with exit code 0 on SIGTERM and can restart on the same port', async () => {
    const first = await hub(['--port', '0']);
    const port = first.requests.split(':').pop() ?? '';
    await first.stop();
    expect(first.process.exitCode).toBe(0);
    const again = await hub(['--port', port]);
    expect(again.requests).toBe(first.requests);
    expect(await hubResult(again.requests, 'ping')).toMatchObject({ ts: expect.any(Number) });
  });

  it('refuses a bad flag with one stderr line naming it and exit code 2', async () => {
    const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/hub/sim/cli.ts', '--drop-reply', 'often'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onCleanup(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no exit within 20 s; stderr: ${stderr}`)), 20_000);
      child.once('exit', (exitCode) => {
        clearTimeout(timer);
        resolve(exitCode);
      });
    });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/--drop-reply.*"often"/)]);
  });
});

describe('the state file', () => {
  it('belongs to one hub at a time: a second hub on the same file refuses to start', async () => {
    const stateFile = tempStateFile();
    const first = await startTestHub(['--state-file', stateFile]);
    await expect(startTestHub(['--state-file', stateFile])).rejects.toThrow(/in use by another hub/);
    expect(await hubResult(first.requests, 'ping')).toMatchObject({ ts: expect.any(Number) });
  });
});

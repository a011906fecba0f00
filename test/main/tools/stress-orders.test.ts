// `stress orders` and `ledger` end to end, as child processes against the simulated hub with
// deduplication off (the hub executes any repeat, so only the console's own guarantee stands): a
// clean run places every order once; a faulty run SIGKILLed mid-burst, with the hub SIGKILLed and
// restarted on its state file, is settled by the next run and verified by the ledger tool with no
// order executed twice and none left unresolved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnHub, type HubProcess } from '../../support/hub-process';
import { waitFor } from '../../support/wait';
import { ledgerOrders, summaryOf } from './ledger-probe';
import { runTool } from './run-tool';
import { startTool, type ToolProcess } from './tool-process';

const STRESS = 'src-main/tools/stress/cli.ts';
const LEDGER = 'src-main/tools/ledger/cli.ts';

const hubs: HubProcess[] = [];
const tools: ToolProcess[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const tool of tools.splice(0)) await tool.kill('SIGKILL').catch(() => undefined);
  for (const hub of hubs.splice(0)) await hub.kill('SIGKILL').catch(() => undefined);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-stress-orders-'));
  dirs.push(dir);
  return dir;
}

async function hub(flags: string[]): Promise<HubProcess> {
  const started = await spawnHub([...flags, '--log-level', 'warn']);
  hubs.push(started);
  return started;
}



describe('stress orders (child processes, real hub without deduplication)', () => {
  it('places every order once on a clean hub: nothing unresolved, no duplicate, verify passes', async () => {
    const clean = await hub(['--port', '0', '--no-dedupe']);
    const dataDir = tempDir();
    const run = await runTool(STRESS, ['orders', '--hub', clean.requests, '--count', '200', '--concurrency', '20', '--data-dir', dataDir, '--json'], 30_000);
    expect(run.stderr).toBe('');
    const summary = summaryOf(run);
    expect(summary).toMatchObject({ count: 200, sent: 200, hubDuplicates: 0, unresolved: 0, unknown: 0, verify: 'pass', hub: clean.requests, dataDir });
    expect((summary.filled as number) + (summary.rejected as number)).toBe(200);
    for (const key of ['p50Ms', 'p99Ms', 'ordersPerSec'] as const) expect(summary[key]).toBeTypeOf('number');

    // The ledger tool reads the same ledger without a hub: the same counts, nothing it cannot know.
    const read = summaryOf(await runTool(LEDGER, ['--data-dir', dataDir, '--json'], 15_000));
    expect(read).toMatchObject({ count: 200, sent: 200, filled: summary.filled, unresolved: 0, hubDuplicates: null, verify: null, p50Ms: null, hub: null });
  });

  it('a run SIGKILLed mid-burst against a faulty hub, itself killed and restarted, is settled by the next run: nothing twice, nothing unresolved', async () => {
    const stateFile = join(tempDir(), 'hub.sqlite');
    const faults = [
      '--no-dedupe', '--drop-request', '0.05', '--drop-reply', '0.05', '--duplicate-reply', '0.05',
      '--delay-ms', '0-1500', '--delay-p', '0.05', '--request-timeout-ms', '500', '--max-backoff-ms', '50', '--state-file', stateFile,
    ];
    const first = await hub(['--port', '0', ...faults]);
    const dataDir = tempDir();
    // The console's attempt timeout at the hub's own 500 ms: a dropped hello costs 0.5 s, not 5.5 s.
    const common = ['--hub', first.requests, '--data-dir', dataDir, '--request-timeout-ms', '500', '--json'];

    const burst = startTool(STRESS, ['orders', ...common, '--count', '2000', '--concurrency', '50']);
    tools.push(burst);
    // Mid-burst: once a few hundred orders are in its ledger (or after a bound, whatever it did).
    await waitFor(() => ledgerOrders(dataDir) >= 300, 'the burst to record 300 orders', 20_000).catch(() => undefined);
    const killed = await burst.kill('SIGKILL');
    expect(killed.stdout).toBe(''); // It never got to report: it died mid-run.
    const recorded = ledgerOrders(dataDir);
    expect(recorded).toBeGreaterThan(0);
    expect(recorded).toBeLessThan(2000);
    // Read without a hub, the ledger shows the orders it died with on the wire (exit 3: needs attention).
    const left = await runTool(LEDGER, ['--data-dir', dataDir, '--json'], 15_000);
    expect(left.code).toBe(3);
    const before = JSON.parse(left.stdout) as Record<string, number>;
    expect(before.unresolved).toBeGreaterThan(0);
    expect(before.count).toBe(recorded);

    // The hub dies too (in-flight requests with it) and comes back on the same port and state file.
    await first.kill('SIGKILL');
    hubs.splice(hubs.indexOf(first), 1);
    const port = new URL(first.requests.replace('tcp:', 'http:')).port;
    const second = await hub(['--port', port, ...faults]);
    expect(second.requests).toBe(first.requests);
    expect(second.epoch).toBe(first.epoch + 1);

    // The rerun first settles the killed run's orders (the gateway refuses new ones until then).
    const rerun = summaryOf(await runTool(STRESS, ['orders', ...common, '--count', '300'], 40_000));
    expect(rerun).toMatchObject({ count: 300, hubDuplicates: 0, unresolved: 0 });

    const ledger = summaryOf(await runTool(LEDGER, ['--data-dir', dataDir, '--hub', second.requests, '--reconcile', '--request-timeout-ms', '500', '--json'], 40_000));
    expect(ledger).toMatchObject({ hubDuplicates: 0, unresolved: 0, unknown: 0, verify: 'pass' });
    expect(ledger.count).toBe(recorded + 300);
  }, 60_000);
});

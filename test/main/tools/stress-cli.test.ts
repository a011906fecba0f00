// `stress latency` end to end, as a child process against a real simulated hub that drops requests
// and replies: one JSON object, nothing failed, retries made and every one of them in the retry log
// (source 'stress'); a refused timeout, a silent hub and a bad flag each exit as documented.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetryStore } from '../../../src-main/retry-log/retry-store';
import { REPORT_KEYS } from '../../../src-main/tools/stress/format';
import { spawnHub, type HubProcess } from '../../support/hub-process';
import { runTool } from './run-tool';

const STRESS = 'src-main/tools/stress/cli.ts';

describe('stress latency (child process, real hub)', () => {
  let hub: HubProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-stress-'));
    // Faults on ping only: a dropped hello would cost the first hello's 5.5 s timeout and make the
    // test's time depend on luck; the pings carry the faults this test is about.
    hub = await spawnHub([
      '--port', '0', '--drop-request', '0.1', '--drop-reply', '0.1', '--request-timeout-ms', '300', '--max-backoff-ms', '50',
      '--fault-ops', 'ping', '--quote-ms', '0', '--log-level', 'warn',
    ]);
  });

  afterAll(async () => {
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints one JSON object with every figure; every retry is in the retry log', async () => {
    const run = await runTool(STRESS, ['latency', '--hub', hub.requests, '--count', '200', '--rate', '200', '--json', '--data-dir', dataDir], 20_000);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const report = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([...REPORT_KEYS]);
    expect(report).toMatchObject({ count: 200, rate: 200, failures: 0, hub: hub.requests, dataDir });
    expect(report.retries).toBeGreaterThan(0);
    expect(report.timeouts).toBeGreaterThan(0);
    for (const key of ['p50', 'p90', 'p99', 'p99_9', 'max', 'durationMs', 'throughput'] as const) expect(report[key]).toBeTypeOf('number');
    // Retried requests' full time is in the figures: the slowest waited at least one 550 ms timeout.
    expect(report.max).toBeGreaterThan(300);

    const store = new RetryStore(dataDir);
    try {
      const rows = [...store.iterate({})];
      expect(rows.filter((row) => row.kind === 'retry' && row.source === 'stress')).toHaveLength(report.retries as number);
      expect(rows.every((row) => row.source === 'stress' && row.op === 'ping' && row.outcome === 'succeeded')).toBe(true);
    } finally {
      store.close();
    }
  });

  it('a request timeout shorter than the hub\'s is refused: the refusal on stderr, exit 2', async () => {
    const run = await runTool(STRESS, ['latency', '--hub', hub.requests, '--count', '5', '--rate', '5', '--request-timeout-ms', '100', '--data-dir', dataDir], 15_000);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^stress: the hub refused this run: The configured request timeout \(100 ms\) is shorter than the hub's requestTimeoutMs \(300 ms\)/);
  });

  it('no hub answering: a clear error, exit 1', async () => {
    const run = await runTool(STRESS, ['latency', '--hub', 'tcp://127.0.0.1:9', '--count', '5', '--rate', '5', '--connect-timeout-ms', '300', '--data-dir', dataDir], 15_000);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('stress: no hello from the hub at tcp://127.0.0.1:9 within 300 ms');
  });

  it('a bad flag: one line on stderr, exit 2', async () => {
    const run = await runTool(STRESS, ['latency', '--hub', hub.requests, '--count', '0', '--rate', '5'], 15_000);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('stress: --count must be at least 1 (see --help)\n');
  });
});

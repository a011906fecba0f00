// The stress report's renderings and the bench's verdicts: fixed JSON keys, a readable table, and
// targets reported MET or MISSED from the figures.
import { describe, expect, it } from 'vitest';
import { benchTable, buildBenchReport, verdictLine, verdicts } from '../../../src-main/tools/bench/report';
import type { LatencyFigures } from '../../../src-main/metrics/latency-figures';
import { REPORT_KEYS, formatFailureCodes, reportJson, reportTable, type StressReport } from '../../../src-main/tools/stress/format';

const report: StressReport = {
  count: 200,
  rate: 200,
  concurrency: 10_000,
  durationMs: 2012.5,
  throughput: 99.4,
  p50: 0.151,
  p90: 0.4,
  p99: 551.234,
  p99_9: 1102.5,
  max: 1150,
  retries: 41,
  timeouts: 41,
  failures: 0,
  hub: 'tcp://127.0.0.1:5555',
  dataDir: '/tmp/data',
};

describe('stress report', () => {
  it('JSON has exactly the documented keys, in order', () => {
    const parsed = JSON.parse(reportJson(report)) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([...REPORT_KEYS]);
    expect(parsed).toEqual(report);
  });

  it('the table shows every figure with 3 decimals', () => {
    const table = reportTable(report, { TIMEOUT: 2, NOT_CONNECTED: 1 });
    for (const line of ['p50          0.151 ms', 'p99          551.234 ms', 'p99.9        1102.500 ms', 'max          1150.000 ms', 'retries      41']) {
      expect(table).toContain(line);
    }
    expect(table).toContain('failures     0 (TIMEOUT 2, NOT_CONNECTED 1)');
    expect(table).toContain('200 req/s (open loop, concurrency cap 10000)');
  });

  it.each([
    [{}, ''],
    [{ TIMEOUT: 1 }, 'TIMEOUT 1'],
    [{ B: 2, A: 2, C: 5 }, 'C 5, A 2, B 2'],
  ])('failure codes %j: "%s"', (codes, text) => {
    expect(formatFailureCodes(codes)).toBe(text);
  });
});

const figures = (p50: number, p99: number): LatencyFigures => ({ p50, p90: p50, p99, p99_9: p99, max: p99, recorded: 5000 });

describe('bench verdicts', () => {
  it.each([
    { raw: figures(0.1, 0.3), client: figures(0.15, 0.8), failures: 0, met: [true, true, true] },
    { raw: figures(0.1, 0.3), client: figures(0.2, 0.999), failures: 0, met: [true, true, true] },
    { raw: figures(0.1, 0.3), client: figures(0.201, 1), failures: 0, met: [false, false, true] },
    { raw: figures(0.1, 0.3), client: figures(0.12, 1.8), failures: 2, met: [true, false, false] },
    { raw: figures(0, 0), client: figures(0.1, 0.5), failures: 0, met: [false, true, true] },
  ])('client p50 $client.p50 / p99 $client.p99 vs raw p50 $raw.p50', ({ raw, client, failures, met }) => {
    expect(verdicts(raw, { ...client, failures }).map((v) => v.met)).toEqual(met);
  });

  it('says MISSED plainly, with the figure', () => {
    const [, p99] = verdicts(figures(0.1, 0.3), { ...figures(0.12, 1.8), failures: 0 });
    expect(p99 && verdictLine(p99)).toBe('target p99 < 1 ms: MISSED (1.800 ms)');
  });

  it('the table names the machine, all three runs and the ratios', () => {
    const run = { ...figures(0.12, 1.8), count: 5000, rate: 1000, durationMs: 4999, throughput: 1000.2, failures: 0 };
    const table = benchTable(
      buildBenchReport({ node: 'v20.20.2', cpu: 'AMD EPYC', cores: 2 }, { ...figures(0.1, 0.3), count: 5000, warmup: 500 }, run, { ...run, retries: 0, timeouts: 0 }),
    );
    expect(table).toContain('AMD EPYC, 2 cores, node v20.20.2');
    expect(table).toMatch(/raw closed loop\s+0\.100\s+0\.100\s+0\.300/);
    expect(table).toMatch(/hub client\s+0\.120\s+0\.120\s+1\.800/);
    expect(table).toContain('ratio hub client / raw closed loop: p50 1.2x, p99 6x');
    expect(table).toContain('target p99 < 1 ms: MISSED (1.800 ms)');
  });
});

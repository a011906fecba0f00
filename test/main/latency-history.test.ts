// Latency history in the data dir: 1-second and 1-minute points per operation survive a restart,
// and old points are dropped after their retention.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { MetricsRecorder } from '../../src-main/metrics/metrics-recorder';
import { MetricsHistory, RETENTION_MS } from '../../src-main/metrics/metrics-history';

describe('latency history', () => {
  it('keeps per-second and per-minute points per operation across a restart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-metrics-'));
    let now = Date.UTC(2026, 10, 28, 12, 0, 0, 500);
    const recorder = new MetricsRecorder(dir, pino({ level: 'silent' }), () => now);
    recorder.record('placeOrder', 4, 'ok');
    recorder.record('placeOrder', 5500, 'timeout');
    now += 1000;
    recorder.tick();
    recorder.record('ping', 1, 'ok');
    now += 60_000;
    recorder.tick();
    recorder.dispose();

    const history = new MetricsHistory(dir);
    const seconds = history.query('1s', 0);
    expect(seconds.map((p) => [p.op, p.count, p.timeouts])).toEqual([
      ['placeOrder', 2, 1],
      ['ping', 1, 0],
    ]);
    expect(seconds[0]?.latency.max).toBeCloseTo(5500, 0);
    const minutes = history.query('1m', 0);
    expect(minutes.map((p) => [p.at, p.op, p.count])).toEqual([
      [Date.UTC(2026, 10, 28, 12, 0), 'ping', 1],
      [Date.UTC(2026, 10, 28, 12, 0), 'placeOrder', 2],
    ]);
    history.close();
  });

  it('drops points older than their retention', () => {
    const history = new MetricsHistory(mkdtempSync(join(tmpdir(), 'hubdesk-metrics-')));
    const point = { op: 'ping', count: 1, timeouts: 0, errors: 0, latency: { p50: 1, p90: 1, p99: 1, p99_9: 1, max: 1, recorded: 1 } };
    history.append('1s', 1_000, [point]);
    history.append('1s', 1_000 + RETENTION_MS['1s'] + 1, [point]);
    expect(history.query('1s', 0).map((p) => p.at)).toEqual([1_000 + RETENTION_MS['1s'] + 1]);
    history.close();
  });
});

// The /metrics endpoint as Prometheus meets it: real HTTP on 127.0.0.1, histogram buckets that keep
// timeouts, an exposition promtool accepts without lint findings, a real Prometheus server scraping
// it, and bad requests answered with a status while the endpoint keeps serving.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startMetricsServer } from '../../src-main/metrics/metrics-server';
import type { MetricsServer } from '../../src-main/metrics/metrics-server';
import { PromMetrics } from '../../src-main/metrics/prometheus';
import type { HealthNow } from '../../src-shared/domain/health';
import { ConsoleOrderStatus } from '../../src-shared/domain/order';
import { healthNow } from '../support/health-fixture';
import type { DeepPartial } from '../support/health-fixture';
import { waitFor } from '../support/wait';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const OP = 'orderStatus';

/** The figures the gauges read (the rest stay the builder's defaults): degraded hub, orders, alerts. */
const FIGURES: DeepPartial<HealthNow> = {
  hub: { state: 'degraded', heartbeatAgeMs: 1500, downForMs: null },
  availability: { '1h': 0.99, '24h': 0.995, '7d': null },
  counters: { ordersByState: { working: 2, unknown: 1 } },
  duplicateRate: null,
  unknownOrders: { count: 1, oldestAgeMs: 42_000 },
  pushSuccessRate: 0.75,
  alertsFiring: 2,
};

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(body: string): Sample[] {
  return body
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match?.[1] || !match[3]) throw new Error(`unparsable exposition line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key ?? ''] = value ?? '';
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

/** The value of the one series with this name whose labels include `labels`. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (found.length > 1) throw new Error(`${found.length} series match ${name} ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

function requireBinary(path: string): void {
  if (!existsSync(path)) {
    throw new Error(`${path} is missing: CI installs Debian's prometheus package via apt in .ci/run; run \`apt-get install prometheus\` here`);
  }
}

let failNextScrape = false;
const logLines: string[] = [];
const metrics = new PromMetrics({
  health: () => {
    if (failNextScrape) {
      failNextScrape = false;
      throw new Error('health figures unavailable');
    }
    return healthNow(FIGURES);
  },
  labels: { console: 'desk-1' },
});
let server: MetricsServer;

async function scrape(): Promise<{ status: number; contentType: string | null; body: string }> {
  const response = await fetch(server.url);
  return { status: response.status, contentType: response.headers.get('content-type'), body: await response.text() };
}

beforeAll(async () => {
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });
  server = await startMetricsServer({ port: 0, metrics, logger });
  metrics.recordAttempt({ op: OP, ms: 12, outcome: 'ok', code: null });
  metrics.recordAttempt({ op: OP, ms: 5500, outcome: 'timeout', code: 'TIMEOUT' });
  metrics.recordAttempt({ op: OP, ms: 3, outcome: 'error', code: 'HUB_BUSY' });
  for (let i = 0; i < 3; i += 1) metrics.recordAttempt({ op: 'placeOrder', ms: 40, outcome: 'ok', code: null });
  const retry = { callId: 'c1', time: Date.now(), op: OP, requestId: 'r1', maxAttempts: 2, delayMs: null, code: 'TIMEOUT', message: 'timed out', outcome: 'gave-up', source: 'console' } as const;
  metrics.recordRetry({ ...retry, id: 1, attempt: 1, kind: 'retry', delayMs: 100 });
  metrics.recordRetry({ ...retry, id: 2, attempt: 2, kind: 'give-up' });
});

afterAll(async () => {
  await server.dispose();
  metrics.dispose();
});

describe('the exposition', () => {
  it('has the histogram buckets and counts of the recorded attempts, timeouts in their bucket', async () => {
    const { status, contentType, body } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toBe(metrics.contentType);
    const samples = parseExposition(body);
    const bucket = (outcome: string, le: string) => valueOf(samples, 'hubdesk_hub_request_duration_seconds_bucket', { op: OP, outcome, le });
    expect(bucket('timeout', '5')).toBe(0);
    expect(bucket('timeout', '10')).toBe(1);
    expect(bucket('timeout', '+Inf')).toBe(1);
    expect(bucket('ok', '0.01')).toBe(0);
    expect(bucket('ok', '0.025')).toBe(1);
    expect(valueOf(samples, 'hubdesk_hub_request_duration_seconds_sum', { op: OP, outcome: 'timeout' })).toBeCloseTo(5.5);
    for (const outcome of ['ok', 'timeout', 'error']) {
      expect(valueOf(samples, 'hubdesk_hub_request_duration_seconds_count', { op: OP, outcome })).toBe(1);
      expect(valueOf(samples, 'hubdesk_hub_requests_total', { op: OP, outcome, console: 'desk-1' })).toBe(1);
    }
    expect(valueOf(samples, 'hubdesk_hub_requests_total', { op: 'placeOrder', outcome: 'ok' })).toBe(3);
    expect(valueOf(samples, 'hubdesk_hub_request_errors_total', { op: OP, code: 'TIMEOUT' })).toBe(1);
    expect(valueOf(samples, 'hubdesk_hub_request_errors_total', { op: OP, code: 'HUB_BUSY' })).toBe(1);
    expect(valueOf(samples, 'hubdesk_retries_total', { op: OP, kind: 'retry' })).toBe(1);
    expect(valueOf(samples, 'hubdesk_retries_total', { op: OP, kind: 'give-up' })).toBe(1);
  });

  it('reports the live health figures as gauges, leaving out figures that do not exist yet', async () => {
    const samples = parseExposition((await scrape()).body);
    expect(valueOf(samples, 'hubdesk_hub_up')).toBe(1);
    const states = samples.filter((s) => s.name === 'hubdesk_hub_state');
    expect(Object.fromEntries(states.map((s) => [s.labels.state, s.value]))).toEqual({ connecting: 0, up: 0, degraded: 1, down: 0, reconnecting: 0 });
    expect(valueOf(samples, 'hubdesk_hub_heartbeat_age_seconds')).toBe(1.5);
    expect(valueOf(samples, 'hubdesk_hub_availability_ratio', { window: '1h' })).toBe(0.99);
    expect(valueOf(samples, 'hubdesk_hub_availability_ratio', { window: '7d' })).toBeUndefined();
    expect(samples.filter((s) => s.name === 'hubdesk_orders')).toHaveLength(ConsoleOrderStatus.options.length);
    expect(valueOf(samples, 'hubdesk_orders', { state: 'working' })).toBe(2);
    expect(valueOf(samples, 'hubdesk_unknown_orders')).toBe(1);
    expect(valueOf(samples, 'hubdesk_unknown_order_oldest_age_seconds')).toBe(42);
    expect(valueOf(samples, 'hubdesk_alerts_firing')).toBe(2);
    expect(valueOf(samples, 'hubdesk_push_success_ratio')).toBe(0.75);
    expect(valueOf(samples, 'hubdesk_duplicate_rate_ratio')).toBeUndefined();
    expect(valueOf(samples, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(samples.every((s) => s.labels.console === 'desk-1')).toBe(true);
  });

  it('passes promtool check metrics with no lint findings', async () => {
    requireBinary(PROMTOOL);
    const { body } = await scrape();
    const promtool = spawn(PROMTOOL, ['check', 'metrics'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    promtool.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    promtool.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    promtool.stdin.end(body);
    const code = await new Promise<number | null>((resolve) => promtool.once('close', resolve));
    expect({ code, output }).toEqual({ code: 0, output: '' });
  });
});

const TargetsReply = z.object({ data: z.object({ activeTargets: z.array(z.object({ health: z.string(), lastError: z.string() })) }) });
const QueryReply = z.object({
  status: z.literal('success'),
  data: z.object({ result: z.array(z.object({ metric: z.record(z.string(), z.string()), value: z.tuple([z.number(), z.string()]) })) }),
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function getJson<T>(url: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const response = await fetch(url);
    return response.ok ? schema.parse(await response.json()) : undefined;
  } catch {
    return undefined; // Prometheus is still starting.
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const grace = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(grace);
}

describe('a real Prometheus server', () => {
  it('scrapes the endpoint and answers queries with the recorded counts', async () => {
    requireBinary(PROMETHEUS);
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-prometheus-'));
    const config = join(dir, 'prometheus.yml');
    writeFileSync(
      config,
      ['global:', '  scrape_interval: 1s', 'scrape_configs:', '  - job_name: hubdesk', '    static_configs:', `      - targets: ['127.0.0.1:${server.port}']`, ''].join('\n'),
    );
    const api = `http://127.0.0.1:${await freePort()}/api/v1`;
    const args = [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=${new URL(api).host}`];
    const prometheus = spawn(PROMETHEUS, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    const keep = (chunk: Buffer) => void (log = (log + chunk.toString()).slice(-4000));
    prometheus.stdout?.on('data', keep);
    prometheus.stderr?.on('data', keep);
    try {
      const up = await waitFor(
        async () => {
          if (prometheus.exitCode !== null) throw new Error(`prometheus exited with ${prometheus.exitCode}:\n${log}`);
          return (await getJson(`${api}/targets`, TargetsReply))?.data.activeTargets.find((t) => t.health === 'up');
        },
        'prometheus to scrape the endpoint',
        30_000,
      ).catch((error: unknown) => Promise.reject(new Error(`${String(error)}\nprometheus log:\n${log}`)));
      expect(up.lastError).toBe('');
      const query = `${api}/query?query=${encodeURIComponent('hubdesk_hub_requests_total')}`;
      const result = await waitFor(async () => {
        const reply = await getJson(query, QueryReply);
        return reply && reply.data.result.length > 0 ? reply.data.result : undefined;
      }, 'hubdesk_hub_requests_total in Prometheus', 30_000);
      const value = (op: string, outcome: string) => result.find((r) => r.metric.op === op && r.metric.outcome === outcome)?.value[1];
      expect(value(OP, 'timeout')).toBe('1');
      expect(value('placeOrder', 'ok')).toBe('3');
      expect(result.every((r) => r.metric.console === 'desk-1' && r.metric.job === 'hubdesk')).toBe(true);
    } finally {
      await stop(prometheus);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('bad requests at the boundary', () => {
  it('answers 405 to other methods and 404 to other paths, and keeps serving /metrics', async () => {
    const post = await fetch(server.url, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(new URL('/other', server.url))).status).toBe(404);
    expect((await fetch(new URL('/metrics/', server.url))).status).toBe(404);
    expect((await scrape()).status).toBe(200);
  });

  it('answers 500 with a message when the figures cannot be read, logs it, and serves the next scrape', async () => {
    failNextScrape = true;
    const failed = await scrape();
    expect(failed.status).toBe(500);
    expect(failed.body).toContain('health figures unavailable');
    expect(logLines.some((line) => line.includes('metrics scrape failed'))).toBe(true);
    const next = await scrape();
    expect(next.status).toBe(200);
    expect(next.body).toContain('hubdesk_hub_requests_total');
  });
});

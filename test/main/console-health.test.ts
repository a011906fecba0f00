// Health from the support desk's side, against the real simulated hub (a child process) with a stall
// injected every few seconds: the stall shows in p99 and max (timeouts counted, never dropped),
// availability drops below 100 %, the p99 alert fires and then resolves, and the 1 h checkpoint
// report lists the same figures. The Prometheus endpoint serves the same console.
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { alertRuleDef, CheckpointReport } from '../../src-shared/domain/alerts';
import type { AlertEvent } from '../../src-shared/domain/alerts';
import { HealthNow } from '../../src-shared/domain/health';
import { startConsoleApp } from '../../src-main/app/console-app';
import type { ConsoleApp } from '../../src-main/app/console-app';
import { testConfig } from '../support/console-config';
import { spawnHub } from '../support/hub-process';
import { sleep, waitFor } from '../support/wait';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Open-loop pings every `everyMs` until stopped: the load whose latency the console measures. */
function pingLoad(app: ConsoleApp, everyMs: number): () => void {
  const timer = setInterval(() => void app.hub.request('ping', {}).catch(() => undefined), everyMs);
  return () => clearInterval(timer);
}

describe('health under a stalling hub', () => {
  it('shows the stall in p99 and max, fires then resolves the p99 alert, and reports the same figures', async () => {
    // Hub deadline 400 ms, so an attempt waits 650 ms. The hub stalls 1.5 s every 25 s: the alert's
    // 10 s window and its 10 s of recovery (clearMs) both fit between two stalls.
    const hub = await spawnHub(['--port', '0', '--seed', '5', '--request-timeout-ms', '400', '--heartbeat-ms', '200', '--stall-every-ms', '25000', '--stall-ms', '1500']);
    cleanup.push(() => hub.stop());
    const app = await startConsoleApp(testConfig({ hubAddress: hub.requests, metricsPort: 0 }), pino({ level: 'silent' }));
    cleanup.push(() => app.dispose());
    await waitFor(() => app.hub.connection.state === 'up' || undefined, 'the console to be up', 15_000);
    // The p99 target scaled to this hub's deadline: a timed-out attempt (650 ms) breaks it.
    app.health.setRule({ id: 'p99', threshold: 600 });
    const stop = pingLoad(app, 50);
    cleanup.push(async () => stop());

    const fired = await waitFor(() => app.health.list().find((event) => event.rule === 'p99'), 'the p99 alert to fire', 40_000);
    expect(fired.value).toBeGreaterThan(600);
    expect(fired.message).toMatch(/^P99 latency \d+ ms over 600 ms$/);
    const resolved = await waitFor(
      () => app.health.list().find((event): event is AlertEvent & { resolvedAt: number } => event.id === fired.id && event.resolvedAt !== null),
      'the p99 alert to resolve',
      40_000,
    );
    // Not before the window has cleared and the figure has stayed good for the rule's clearMs.
    expect(resolved.resolvedAt - resolved.firedAt).toBeGreaterThanOrEqual(alertRuleDef('p99').clearMs);
    stop();

    const health = HealthNow.parse(app.health.current());
    // Timed-out attempts are in the histogram with their full wait.
    expect(health.latency.sinceStart.timeouts).toBeGreaterThan(0);
    expect(health.latency.sinceStart.max).toBeGreaterThanOrEqual(600);
    expect(health.counters.errorsByCode.TIMEOUT ?? 0).toBeGreaterThan(0);
    expect(health.availability['1h']).not.toBeNull();
    expect(health.availability['1h'] ?? 1).toBeLessThan(1);
    const ping = health.byOp.find((op) => op.op === 'ping');
    expect(ping?.timeouts).toBeGreaterThan(0);

    // Once the last second is stored, the checkpoint report sees the same requests.
    await sleep(2_200);
    const { report, markdown } = await app.health.report('1h');
    CheckpointReport.parse(report);
    // The same max, to the histograms' precision: 3 significant digits, so within 0.1 % (one
    // sub-bucket), not within a fixed 0.5 ms (two HDR histograms can round a 651 ms max apart by 0.5).
    const sinceStartMax = app.health.current().latency.sinceStart.max;
    expect(Math.abs(report.latency.max - sinceStartMax)).toBeLessThanOrEqual(sinceStartMax * 0.001 + 0.01);
    expect(report.latency.timeouts).toBeGreaterThan(0);
    expect(report.rows.find((row) => row.target === 'p99')?.status).toBe('fail');
    const availability = report.rows.find((row) => row.target === 'availability');
    expect(availability?.measured ?? 100).toBeLessThan(100);
    expect(report.alerts.map((alert) => alert.id)).toContain(fired.id);
    expect(report.verdict).toBe('fail');
    expect(markdown).toContain('# hubdesk checkpoint 1h: FAIL');
    expect(markdown).toContain(fired.message);

    // The chart data holds the stall too: some 1-second bucket's max is a timed-out attempt.
    const chart = await app.health.chart('5m');
    expect(Math.max(...chart.points.map((point) => point.max))).toBeGreaterThanOrEqual(600);
    expect(chart.points.reduce((sum, point) => sum + point.timeouts, 0)).toBeGreaterThan(0);

    // The same console on /metrics: the stall's timed-out attempts (650 ms) land between 0.5 s and 1 s.
    const url = app.prometheus?.url ?? '';
    const body = await (await fetch(url)).text();
    const bucket = (le: string): number => Number(new RegExp(`hubdesk_hub_request_duration_seconds_bucket\\{le="${le}",op="ping",outcome="timeout"\\} (\\d+)`).exec(body)?.[1] ?? NaN);
    expect(bucket('1')).toBeGreaterThan(bucket('0.5'));
  }, 120_000);

  it('keeps alert thresholds and alert history across a restart of the console', async () => {
    const hub = await spawnHub(['--port', '0', '--seed', '6']);
    cleanup.push(() => hub.stop());
    const config = testConfig({ hubAddress: hub.requests });
    const first = await startConsoleApp(config, pino({ level: 'silent' }));
    await waitFor(() => first.hub.connection.state === 'up' || undefined, 'the console to be up', 15_000);
    first.health.setRule({ id: 'p50', threshold: 0.01 });
    const fired = await waitFor(() => first.health.list().find((event) => event.rule === 'p50'), 'the p50 alert to fire', 15_000);
    await first.dispose();

    const second = await startConsoleApp(config, pino({ level: 'silent' }));
    cleanup.push(() => second.dispose());
    expect(second.health.alerts.rules().find((rule) => rule.id === 'p50')?.threshold).toBe(0.01);
    expect(second.health.list().map((event) => event.id)).toContain(fired.id);
    // Bad input changes nothing.
    expect(() => second.health.setRule({ id: 'p50', threshold: -1 })).toThrow(/P50 latency threshold/);
    expect(second.health.alerts.rules().find((rule) => rule.id === 'p50')?.threshold).toBe(0.01);
  }, 60_000);
});

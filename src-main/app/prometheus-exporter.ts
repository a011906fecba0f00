// The opt-in Prometheus exposition (`--metrics-port N`): a PromMetrics fed by the hub client's
// attempts and this console's retry-log entries, served on 127.0.0.1 by the metrics server.
import type { Logger } from 'pino';
import type { HealthNow } from '../../src-shared/domain/health';
import type { RetryEntry } from '../../src-shared/domain/retry';
import type { Event } from '../../src-shared/util/emitter';
import type { AttemptFinished } from '../hub/hub-client';
import { startMetricsServer } from '../metrics/metrics-server';
import { PromMetrics } from '../metrics/prometheus';

export interface PrometheusExporter {
  url: string;
  dispose(): Promise<void>;
}

export interface PrometheusExporterOptions {
  port: number;
  logger: Logger;
  health: () => HealthNow;
  attempts: Event<AttemptFinished>;
  retries: Event<RetryEntry[]>;
  /** Whose retries count: this console's, not another process's in the shared log. */
  source: string;
}

export async function startPrometheusExporter(options: PrometheusExporterOptions): Promise<PrometheusExporter> {
  const metrics = new PromMetrics({ health: options.health });
  metrics.observeAttempts(options.attempts);
  // The log streams new rows and rows whose outcome changed: count each id once.
  let lastId = 0;
  const retries = options.retries((entries) => {
    for (const entry of entries) {
      if (entry.id <= lastId || entry.source !== options.source) continue;
      lastId = entry.id;
      metrics.recordRetry(entry);
    }
  });
  const server = await startMetricsServer({ port: options.port, metrics, logger: options.logger });
  options.logger.info({ url: server.url }, 'Prometheus metrics served');
  return {
    url: server.url,
    async dispose() {
      retries.dispose();
      await server.dispose();
      metrics.dispose();
    },
  };
}

// `stress latency`: pings through the console's own hub client (for the dialect: hub protocol v1's
// ZmqHubClient or a bridge's; idempotent retries,
// the retry log in the data dir with source 'stress'), open loop, and the report of the run. Owns
// the client and the retry log for the run and disposes both; prints nothing.
import type { Logger } from 'pino';
import { version } from '../../../package.json';
import { HubRequestError } from '../../hub/hub-client';
import { createHubClient } from '../../app/hub-client-factory';
import { RetryLog } from '../../retry-log/retry-log';
import { latencyFigures, throughputPerSecond } from '../../metrics/latency-figures';
import { DEFAULT_HELLO_TIMEOUT_MS, type StressOptions } from './flags';
import type { StressReport } from './format';
import { waitForHello } from './hello';
import { runOpenLoop, type OpenLoopProgress } from './open-loop';

export type LatencyOutcome =
  | { kind: 'report'; report: StressReport; failureCodes: Record<string, number> }
  | { kind: 'refused'; refusal: string }
  | { kind: 'silent'; message: string };

export interface LatencyRunEnv {
  logger: Logger;
  /** Called once the hub has said hello, just before the first request is due. */
  onStart?(): void;
  onProgress?(progress: OpenLoopProgress): void;
}

/** The error code of a failed hub call, for the failure breakdown. */
export function failureCode(error: unknown): string {
  if (error instanceof HubRequestError) return error.code;
  return error instanceof Error ? error.name : 'ERROR';
}

export async function runLatency(options: StressOptions, env: LatencyRunEnv): Promise<LatencyOutcome> {
  // capacity 1: this process only writes; the in-memory window is for a console that shows it.
  const retryLog = new RetryLog({ dataDir: options.dataDir, source: 'stress', logger: env.logger.child({ part: 'retry-log' }), pollMs: 0, capacity: 1 });
  retryLog.start();
  const client = createHubClient(
    {
      hubDialect: options.hubDialect,
      // The timeout asked for also bounds the first hello; otherwise the console's default.
      initialRequestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS,
      requestTimeoutMs: options.requestTimeoutMs,
    },
    { address: options.hub, embedded: false, clientName: 'hubdesk-stress', clientVersion: version, logger: env.logger.child({ part: 'hub' }), retryListener: retryLog },
  );
  try {
    client.start();
    const hello = await waitForHello(client, options.hub, options.connectTimeoutMs);
    if (hello.kind !== 'up') return hello;
    env.onStart?.();
    const run = await runOpenLoop({
      count: options.count,
      rate: options.rate,
      concurrency: options.concurrency,
      call: () => client.request('ping', {}),
      classify: failureCode,
      onProgress: env.onProgress,
    });
    const figures = latencyFigures(run.histogram);
    // The whole session's counters, so they match the retry log's rows (a retried hello included).
    const stats = client.stats();
    const report: StressReport = {
      count: options.count,
      rate: options.rate,
      concurrency: options.concurrency,
      durationMs: Math.round(run.durationMs * 1000) / 1000,
      throughput: throughputPerSecond(run.succeeded, run.durationMs),
      p50: figures.p50,
      p90: figures.p90,
      p99: figures.p99,
      p99_9: figures.p99_9,
      max: figures.max,
      retries: stats.retries,
      timeouts: stats.timeouts,
      failures: run.failures,
      hub: options.hub,
      dataDir: options.dataDir,
    };
    return { kind: 'report', report, failureCodes: run.failureCodes };
  } finally {
    await client.dispose();
    retryLog.dispose();
  }
}

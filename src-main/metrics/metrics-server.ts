// The /metrics endpoint Prometheus scrapes: node:http on 127.0.0.1 unless told otherwise, GET/HEAD
// /metrics only. A failing scrape is a 500 for that request and a log line, never a crash.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { PromMetrics } from './prometheus';

export interface MetricsServerOptions {
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1: the figures are for this machine's scraper unless the operator says otherwise. */
  host?: string;
  metrics: PromMetrics;
  logger: Logger;
}

export interface MetricsServer {
  /** The full URL of the endpoint, e.g. http://127.0.0.1:9464/metrics. */
  url: string;
  port: number;
  dispose(): Promise<void>;
}

export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger.child({ component: 'metrics-server' });
  const server = createServer((request, response) => {
    handle(request, response, options.metrics, logger).catch((error: unknown) => {
      logger.error({ err: error }, 'metrics request failed');
      if (!response.headersSent) text(response, 500, 'Internal error');
      else response.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.error({ err: error }, 'metrics server error'));
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`;
  logger.info({ url }, 'metrics endpoint listening');
  return { url, port, dispose: () => close(server) };
}

async function handle(request: IncomingMessage, response: ServerResponse, metrics: PromMetrics, logger: Logger): Promise<void> {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Cache-Control', 'no-store');
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return text(response, 405, 'Method not allowed');
  }
  if (pathOf(request) !== '/metrics') return text(response, 404, 'Not found');
  let body: string;
  try {
    body = await metrics.metrics();
  } catch (error) {
    logger.error({ err: error }, 'metrics scrape failed');
    return text(response, 500, `Metrics unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
  response.writeHead(200, { 'Content-Type': metrics.contentType, 'Content-Length': Buffer.byteLength(body) });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** The request's path, or undefined when the target cannot be parsed (then it is a 404). */
function pathOf(request: IncomingMessage): string | undefined {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return undefined;
  }
}

function text(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(body);
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

// Chooses the hub client for the configured dialect: hub protocol v1 (the default, and the
// embedded simulated hub's) or the origin gateway's. Builds it; starting it is the caller's.
import type { Logger } from 'pino';
import type { HubClient } from '../hub/hub-client';
import { OriginHubClient } from '../hub/origin/origin-hub-client';
import type { RetryListener } from '../hub/retry-policy';
import { ZmqHubClient } from '../hub/zmq-hub-client';
import type { ConsoleConfig } from './config';

export interface HubClientPlace {
  address: string;
  embedded: boolean;
  logger: Logger;
  retryListener: RetryListener;
  /** The console's version, told to a v1 hub in its hello. */
  clientVersion: string;
}

export function createHubClient(config: ConsoleConfig, place: HubClientPlace): HubClient {
  const settings = {
    configuredTimeoutMs: config.requestTimeoutMs,
    configuredMaxRetries: config.maxRetries,
    configuredMaxBackoffMs: config.maxBackoffMs,
    retryOps: config.retryOps,
  };
  if (config.hubDialect === 'origin') return new OriginHubClient({ ...place, ...settings });
  return new ZmqHubClient({
    ...place,
    ...settings,
    clientName: 'hubdesk',
    initialRequestTimeoutMs: config.initialRequestTimeoutMs,
  });
}

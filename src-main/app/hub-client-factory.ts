// Chooses the hub client for the configured dialect: hub protocol v1 (the default, and the
// embedded simulated hub's), the origin gateway's or the MQL5-JSON-API expert advisor's. Builds
// it; starting it is the caller's.
import type { Logger } from 'pino';
import type { HubClient } from '../hub/hub-client';
import { Mql5HubClient } from '../hub/mql5/mql5-hub-client';
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
  /** Told to a v1 hub in its hello (the stress tool names itself). */
  clientName?: string;
}

/** What of the configuration the hub client reads. */
export type HubClientConfig = Pick<ConsoleConfig, 'hubDialect' | 'requestTimeoutMs' | 'maxRetries' | 'maxBackoffMs' | 'retryOps' | 'initialRequestTimeoutMs'>;

export function createHubClient(config: HubClientConfig, place: HubClientPlace): HubClient {
  const settings = {
    configuredTimeoutMs: config.requestTimeoutMs,
    configuredMaxRetries: config.maxRetries,
    configuredMaxBackoffMs: config.maxBackoffMs,
    retryOps: config.retryOps,
  };
  if (config.hubDialect === 'origin') return new OriginHubClient({ ...place, ...settings });
  if (config.hubDialect === 'mql5-json-api') return new Mql5HubClient({ ...place, ...settings });
  return new ZmqHubClient({
    ...place,
    ...settings,
    clientName: place.clientName ?? 'hubdesk',
    initialRequestTimeoutMs: config.initialRequestTimeoutMs,
  });
}

// A hub client as the hub tests use it: the real ZmqHubClient on an address, not embedded, logs
// silenced; `options` add to or override that. Not started: the caller subscribes first, then starts.
import pino from 'pino';
import { ZmqHubClient, type ZmqHubClientOptions } from '../../src-main/hub/zmq-hub-client';

export function testHubClient(address: string, options: Partial<ZmqHubClientOptions> = {}): ZmqHubClient {
  return new ZmqHubClient({
    address,
    embedded: false,
    clientName: 'test',
    clientVersion: '0',
    initialRequestTimeoutMs: 2000,
    logger: pino({ level: 'silent' }),
    ...options,
  });
}

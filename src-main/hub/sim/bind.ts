// Binds the simulated hub's ROUTER (requests, port N) and PUB (events, N+1), finding a free
// adjacent pair when asked for port 0. Opens sockets and hands them over; never reads or sends.
import { Publisher, Router } from 'zeromq';
import { MAX_REPLY_BYTES } from '../protocol';

export interface BoundSockets {
  readonly router: Router;
  readonly publisher: Publisher;
  readonly requests: string;
  readonly events: string;
  readonly port: number;
}

const PAIR_ATTEMPTS = 50;

export function endpoint(host: string, port: number | '*'): string {
  return `tcp://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export async function bindSockets(host: string, port: number): Promise<BoundSockets> {
  if (port !== 0) return bindPair(host, port, port);
  let lastError: unknown;
  for (let attempt = 0; attempt < PAIR_ATTEMPTS; attempt += 1) {
    try {
      return await bindPair(host, '*', undefined);
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`no free adjacent port pair on ${host} after ${PAIR_ATTEMPTS} attempts: ${message(lastError)}`, { cause: lastError });
}

async function bindPair(host: string, port: number | '*', wanted: number | undefined): Promise<BoundSockets> {
  const ipv6 = host.includes(':');
  // Replies may be large, but a peer sending frames beyond even the reply limit is cut off by
  // libzmq instead of being buffered (requests over MAX_REQUEST_BYTES are dropped by the server).
  const router = new Router({ linger: 0, ipv6, maxMessageSize: MAX_REPLY_BYTES });
  const publisher = new Publisher({ linger: 0, ipv6 });
  try {
    const requests = endpoint(host, port);
    try {
      await router.bind(requests);
    } catch (error) {
      throw new Error(`cannot bind requests on ${requests}: ${message(error)}`, { cause: error });
    }
    const bound = Number(router.lastEndpoint?.split(':').pop());
    if (!Number.isInteger(bound) || bound < 1 || bound > 65534) {
      throw new Error(`requests port ${String(bound)} leaves no room for the events port`);
    }
    const events = endpoint(host, bound + 1);
    try {
      await publisher.bind(events);
    } catch (error) {
      throw new Error(`cannot bind events on ${events}: ${message(error)}`, { cause: error });
    }
    if (wanted !== undefined && bound !== wanted) throw new Error(`bound port ${bound}, expected ${wanted}`);
    return { router, publisher, requests: endpoint(host, bound), events, port: bound };
  } catch (error) {
    router.close();
    publisher.close();
    throw error;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

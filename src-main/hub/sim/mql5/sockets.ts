// Binds the emulator's four sockets on a block of ports: system (ROUTER, N), data (PUSH, N+1),
// live (PUSH, N+2) and streaming (PUSH, N+3), finding a free block when asked for port 0.
// Opens sockets and hands them over; never reads or sends.
import { Push, Router } from 'zeromq';
import { MAX_REQUEST_BYTES } from '../../protocol';
import { endpoint } from '../bind';

export interface Mql5Sockets {
  readonly system: Router;
  readonly data: Push;
  readonly live: Push;
  readonly events: Push;
  readonly endpoints: { readonly system: string; readonly data: string; readonly live: string; readonly events: string };
}

const BLOCK_ATTEMPTS = 50;
/** How long a data or streaming message waits for a connected PULL before it is dropped. */
const PEER_WAIT_MS = 1000;

export async function bindMql5Sockets(host: string, port: number): Promise<Mql5Sockets> {
  if (port !== 0) return bindBlock(host, port);
  let lastError: unknown;
  for (let attempt = 0; attempt < BLOCK_ATTEMPTS; attempt += 1) {
    try {
      return await bindBlock(host, '*');
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`no free block of 4 ports on ${host} after ${BLOCK_ATTEMPTS} attempts: ${String(lastError)}`, { cause: lastError });
}

async function bindBlock(host: string, port: number | '*'): Promise<Mql5Sockets> {
  const ipv6 = host.includes(':');
  // The EA's sends are non-blocking: with no PULL peer a message is lost. The live stream keeps
  // that (0); data and streaming wait a little for a peer that is still connecting.
  const system = new Router({ linger: 0, ipv6, maxMessageSize: MAX_REQUEST_BYTES });
  const data = new Push({ linger: 0, ipv6, sendHighWaterMark: 1000, sendTimeout: PEER_WAIT_MS });
  const live = new Push({ linger: 0, ipv6, sendHighWaterMark: 1000, sendTimeout: 0 });
  const events = new Push({ linger: 0, ipv6, sendHighWaterMark: 1000, sendTimeout: PEER_WAIT_MS });
  const all = [system, data, live, events];
  try {
    await system.bind(endpoint(host, port));
    const base = Number(system.lastEndpoint?.split(':').pop());
    if (!Number.isInteger(base) || base < 1 || base > 65532) throw new Error(`system port ${String(base)} leaves no room for the other three`);
    const at = (offset: number): string => endpoint(host, base + offset);
    await data.bind(at(1));
    await live.bind(at(2));
    await events.bind(at(3));
    return { system, data, live, events, endpoints: { system: at(0), data: at(1), live: at(2), events: at(3) } };
  } catch (error) {
    for (const socket of all) socket.close();
    throw error;
  }
}

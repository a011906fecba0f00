// The WebSocket transport of the IPC contract: each socket invokes through the same router as
// Electron IPC, as the principal its token stands for, and receives the events its role may see.
// Bounded per connection: message size (ws maxPayload), rate, calls in flight and the bytes
// waiting to be sent (a stalled reader is cut off, never buffered for). Bad frames get an error.
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { mayReceive } from '../../src-shared/ipc/access';
import type { Principal } from '../../src-shared/ipc/access';
import type { WsServerMessage } from '../../src-shared/ipc/bridge-api';
import type { ErrorData } from '../../src-shared/ipc/errors';
import type { Disposable } from '../../src-shared/util/emitter';
import type { EventPublisher } from '../ipc/event-publisher';
import type { Router } from '../ipc/router';

const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  /** Absent means no arguments, as the router takes it. */
  input: z.unknown().optional(),
});

export interface WsLimits {
  /** Messages per second, sustained; a burst of twice as many is allowed. */
  ratePerSec: number;
  /** Calls running at once on one connection. */
  maxInFlight: number;
  /** Bytes queued for a client that does not read; over this the connection is cut. */
  maxBufferedBytes: number;
}

export const DEFAULT_WS_LIMITS: WsLimits = { ratePerSec: 500, maxInFlight: 64, maxBufferedBytes: 8 * 1024 * 1024 };

/** What the host counts of its connections, for support staff and tests. */
export interface WsCounters {
  rateLimited: number;
  slowClosed: number;
  badFrames: number;
}

/** Close codes in the private range, so a client can tell why it was cut off. */
export const CLOSE_TOKEN_ENDED = 4401;
export const CLOSE_TOO_SLOW = 4408;
export const CLOSE_FLOODING = 1008;

/** A closed connection whose client does not finish the close handshake is ended after this. */
const CLOSE_GRACE_MS = 1000;
/** Refusals in a row (no message let through between them) after which a connection is closed. */
const MAX_REFUSALS_IN_A_ROW = 5000;
/** Where a well-formed frame names its id, read without parsing the frame (for a refusal's reply). */
const ID_NEAR_START = /"id"\s*:\s*(\d{1,15})\b/;

export interface WsSession extends Disposable {
  readonly principal: Principal;
  /** Ends the connection (its token was rotated away). */
  close(code: number, reason: string): void;
}

export interface WsSessionOptions {
  principal: Principal;
  /** False once the session's token was rotated away: from then on nothing it sends is served. */
  isLive: () => boolean;
  router: Router;
  events: EventPublisher;
  limits: WsLimits;
  counters: WsCounters;
  onError: (error: unknown) => void;
}

export function serveWebSocket(socket: WebSocket, options: WsSessionOptions): WsSession {
  const { principal, router, events, limits, counters } = options;
  const bucket = new TokenBucket(limits.ratePerSec, 2 * limits.ratePerSec);
  let inFlight = 0;
  let refusedInARow = 0;
  /** Closes, and ends the connection for sure if the client does not answer the close. */
  const end = (code: number, reason: string): void => {
    socket.close(code, reason);
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  };
  const send = (message: WsServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      counters.slowClosed += 1;
      // A reader that does not drain cannot be sent a close frame either.
      end(CLOSE_TOO_SLOW, 'not reading: reconnect to resync');
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const refuse = (id: number, error: ErrorData): void => send({ type: 'reply', id, result: { ok: false, error } });
  const subscription = events.onDidPublish((message) => {
    if (mayReceive(principal.role, message.channel)) send({ type: 'event', ...message });
  });
  socket.on('message', (data, isBinary) => {
    // A closing socket still delivers frames; a rotated token's frames are never served.
    if (socket.readyState !== socket.OPEN) return;
    if (!options.isLive()) return end(CLOSE_TOKEN_ENDED, 'token rotated: open the new link');
    // The bucket first, before any parsing: a flood costs a counter, not a JSON parse per frame.
    if (!bucket.take() || inFlight >= limits.maxInFlight) {
      counters.rateLimited += 1;
      refusedInARow += 1;
      if (refusedInARow > MAX_REFUSALS_IN_A_ROW) return end(CLOSE_FLOODING, 'flooding: over the message rate for too long');
      const id = isBinary ? undefined : ID_NEAR_START.exec(String(data).slice(0, 200))?.[1];
      return refuse(id === undefined ? -1 : Number(id), { code: 'RATE_LIMITED', message: `Over ${limits.ratePerSec} messages/s or ${limits.maxInFlight} calls in flight on this connection; nothing was done.` });
    }
    refusedInARow = 0;
    const parsed = parse(data, isBinary);
    if (!parsed) {
      counters.badFrames += 1;
      return refuse(-1, { code: 'BAD_INPUT', message: 'Malformed message: expected {type:"invoke", id, channel, input} as JSON text.' });
    }
    inFlight += 1;
    void router
      .invoke(parsed.channel, parsed.input, principal)
      .then((result) => send({ type: 'reply', id: parsed.id, result }))
      .catch(options.onError)
      .finally(() => (inFlight -= 1));
  });
  socket.on('close', () => subscription.dispose());
  socket.on('error', () => subscription.dispose());
  return {
    principal,
    close: end,
    dispose: () => subscription.dispose(),
  };
}

function parse(data: unknown, isBinary: boolean): z.infer<typeof ClientMessage> | undefined {
  if (isBinary) return undefined;
  try {
    const parsed = ClientMessage.safeParse(JSON.parse(String(data)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Refills `ratePerSec` tokens a second up to `burst`; one message takes one. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const at = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) / 1000) * this.ratePerSec);
    this.last = at;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

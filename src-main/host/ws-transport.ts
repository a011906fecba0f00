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

export interface WsSession extends Disposable {
  readonly principal: Principal;
  /** Ends the connection (its token was rotated away). */
  close(code: number, reason: string): void;
}

export function serveWebSocket(
  socket: WebSocket,
  principal: Principal,
  router: Router,
  events: EventPublisher,
  limits: WsLimits,
  counters: WsCounters,
): WsSession {
  const bucket = new TokenBucket(limits.ratePerSec, 2 * limits.ratePerSec);
  let inFlight = 0;
  const send = (message: WsServerMessage): void => {
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > limits.maxBufferedBytes) {
      counters.slowClosed += 1;
      socket.close(CLOSE_TOO_SLOW, 'not reading: reconnect to resync');
      // A reader that does not drain cannot be sent a close frame either: end it for sure.
      setTimeout(() => socket.terminate(), 1000).unref();
      return;
    }
    socket.send(JSON.stringify(message));
  };
  const refuse = (id: number, error: ErrorData): void => send({ type: 'reply', id, result: { ok: false, error } });
  const subscription = events.onDidPublish((message) => {
    if (mayReceive(principal.role, message.channel)) send({ type: 'event', ...message });
  });
  socket.on('message', (data, isBinary) => {
    const parsed = parse(data, isBinary);
    // Every frame, good or bad, spends from the bucket: a flood of garbage is limited too.
    if (!bucket.take() || (parsed && inFlight >= limits.maxInFlight)) {
      counters.rateLimited += 1;
      return refuse(parsed?.id ?? -1, { code: 'RATE_LIMITED', message: `Over ${limits.ratePerSec} messages/s or ${limits.maxInFlight} calls in flight on this connection; nothing was done.` });
    }
    if (!parsed) {
      counters.badFrames += 1;
      return refuse(-1, { code: 'BAD_INPUT', message: 'Malformed message: expected {type:"invoke", id, channel, input} as JSON text.' });
    }
    inFlight += 1;
    void router.invoke(parsed.channel, parsed.input, principal).then((result) => {
      inFlight -= 1;
      send({ type: 'reply', id: parsed.id, result });
    });
  });
  socket.on('close', () => subscription.dispose());
  socket.on('error', () => subscription.dispose());
  return {
    principal,
    close: (code, reason) => socket.close(code, reason),
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

// The renderer's only door to main: wraps the preload's `window.hubdesk` (Electron) or the host's
// WebSocket (browser) into a typed HubdeskBridge. Replies and events are parsed against the
// contract; transport failures come back as Results. Nothing here throws at its callers.
import { z } from 'zod';
import type { HubdeskBridge, RawBridge } from '../../src-shared/ipc/bridge-api';
import type { EventChannel, InvokeChannel } from '../../src-shared/ipc/channels';
import { eventContract, invokeContract } from '../../src-shared/ipc/contract';
import type { EventPayload, InvokeInput, InvokeOutput } from '../../src-shared/ipc/contract';
import { ErrorData } from '../../src-shared/ipc/errors';
import type { Result } from '../../src-shared/ipc/errors';
import { log } from './log';
import { electronTransport, TransportError } from './transport';
import type { LinkState, Transport } from './transport';
import { browserSocket, WsTransport } from './ws-transport';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent when the console runs in a browser. */
    hubdesk?: RawBridge;
  }
}

export interface RendererBridge extends HubdeskBridge {
  readonly link: LinkState;
  onDidChangeLink(listener: (state: LinkState) => void): () => void;
  onDidReconnect(listener: () => void): () => void;
  start(): void;
  dispose(): void;
}

/**
 * Main answers every invoke itself (its hub calls have their own timeouts); this only keeps a
 * button from spinning forever if a reply never comes.
 */
const DEFAULT_INVOKE_TIMEOUT_MS = 60_000;

/**
 * Channels whose request may send or change an order: a lost reply means the order's fate is
 * unknown. Dropping a held order sends nothing, so a lost drop is an ordinary failure.
 */
const ORDER_CHANNELS: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>([
  'orders:place',
  'orders:cancel',
  'orders:confirmHeld',
  'orders:resubmit',
]);

const ReplyEnvelope = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorData }),
]);

function clientOrderIdOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('clientOrderId' in input)) return undefined;
  return typeof input.clientOrderId === 'string' ? input.clientOrderId : undefined;
}

function failureOf(channel: InvokeChannel, input: unknown, err: unknown): ErrorData {
  const reason = err instanceof Error ? err.message : String(err);
  const failure = err instanceof TransportError ? err.failure : 'lost';
  if (failure === 'not-sent') return { code: 'NOT_CONNECTED', message: `Not sent: ${reason}.` };
  if (ORDER_CHANNELS.has(channel)) {
    const clientOrderId = clientOrderIdOf(input);
    return {
      code: 'ORDER_UNKNOWN',
      message: `No reply (${reason}): the order's fate is unknown and it was not resent.`,
      ...(clientOrderId ? { clientOrderId } : {}),
    };
  }
  return failure === 'timeout'
    ? { code: 'TIMEOUT', message: `No reply: ${reason}.` }
    : { code: 'NOT_CONNECTED', message: `No reply: ${reason}.` };
}

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TransportError('timeout', `no reply within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Parses a raw reply; a reply that does not match the contract is a fault of main, never data. */
function parseReply<C extends InvokeChannel>(channel: C, input: unknown, raw: unknown): Result<InvokeOutput<C>> {
  const envelope = ReplyEnvelope.safeParse(raw);
  let problem: z.ZodError;
  if (envelope.success) {
    if (!envelope.data.ok) return { ok: false, error: envelope.data.error };
    const schema: z.ZodType = invokeContract[channel].output;
    const output = schema.safeParse(envelope.data.result);
    if (output.success) return { ok: true, result: output.data as InvokeOutput<C> };
    problem = output.error;
  } else {
    problem = envelope.error;
  }
  log.warn(`malformed ${channel} reply`, z.prettifyError(problem));
  if (ORDER_CHANNELS.has(channel)) {
    const clientOrderId = clientOrderIdOf(input);
    return {
      ok: false,
      error: {
        code: 'ORDER_UNKNOWN',
        message: "Unreadable reply: the order's fate is unknown and it was not resent.",
        ...(clientOrderId ? { clientOrderId } : {}),
      },
    };
  }
  return { ok: false, error: { code: 'INTERNAL', message: `Unreadable ${channel} reply from the console.` } };
}

export function createTypedBridge(transport: Transport, options: { timeoutMs?: number } = {}): RendererBridge {
  const timeoutMs = options.timeoutMs ?? DEFAULT_INVOKE_TIMEOUT_MS;
  return {
    get link() {
      return transport.link;
    },
    onDidChangeLink: (listener) => transport.onDidChangeLink(listener),
    onDidReconnect: (listener) => transport.onDidReconnect(listener),
    start: () => transport.start(),
    dispose: () => transport.dispose(),

    async invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
      let raw: unknown;
      try {
        raw = await withTimeout(transport.invoke(channel, input), timeoutMs);
      } catch (err) {
        return { ok: false, error: failureOf(channel, input, err) };
      }
      return parseReply(channel, input, raw);
    },

    on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
      const schema: z.ZodType = eventContract[channel];
      return transport.on(channel, (payload) => {
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          log.warn(`dropped an invalid ${channel} event`, z.prettifyError(parsed.error));
          return;
        }
        listener(parsed.data as EventPayload<C>);
      });
    },
  };
}

/** The WebSocket URL of the headless host: with the token the page was opened with, else the session cookie speaks. */
export function hostSocketUrl(where: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(where.search).get('token');
  const scheme = where.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${where.host}/ws${token ? `?token=${encodeURIComponent(token)}` : ''}`;
}

/** Electron's preload bridge when there is one, else the host's WebSocket. Call start() to connect. */
export function createBridge(): RendererBridge {
  const raw = window.hubdesk;
  if (raw) return createTypedBridge(electronTransport(raw));
  const url = hostSocketUrl(window.location);
  // The page's cookie now carries the session: keep the token out of history, bookmarks and screenshots.
  if (new URLSearchParams(window.location.search).has('token')) window.history.replaceState(null, '', window.location.pathname);
  return createTypedBridge(new WsTransport({ url, connect: browserSocket }));
}

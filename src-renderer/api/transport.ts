// What the typed bridge needs from a transport: the RawBridge calls plus link signals, and the
// Electron one (the preload's `window.hubdesk`). Transports move bytes; bridge.ts parses them.
import type { RawBridge } from '../../src-shared/ipc/bridge-api';

export type LinkState = 'connecting' | 'open' | 'closed';

export interface Transport extends RawBridge {
  readonly link: LinkState;
  onDidChangeLink(listener: (state: LinkState) => void): () => void;
  /** Fires when the link opens again after a drop: deltas may have been missed meanwhile. */
  onDidReconnect(listener: () => void): () => void;
  start(): void;
  dispose(): void;
}

/**
 * Why an invoke got no reply. `not-sent`: it never left the renderer, so it is safe to say so.
 * `lost` and `timeout`: it may have reached main, so for orders its fate is unknown.
 */
export type TransportFailure = 'not-sent' | 'lost' | 'timeout';

export class TransportError extends Error {
  readonly failure: TransportFailure;

  constructor(failure: TransportFailure, message: string) {
    super(message);
    this.name = 'TransportError';
    this.failure = failure;
  }
}

/** The preload's bridge: always open for the window's lifetime, so it never reconnects. */
export function electronTransport(raw: RawBridge): Transport {
  return {
    link: 'open',
    onDidChangeLink: () => () => {},
    onDidReconnect: () => () => {},
    start: () => {},
    dispose: () => {},
    on: (channel, listener) => raw.on(channel, listener),
    invoke: async (channel, input) => {
      try {
        return await raw.invoke(channel, input);
      } catch (err) {
        // A rejected ipc invoke may have run in main: report it as lost, not as unsent.
        throw new TransportError('lost', err instanceof Error ? err.message : String(err));
      }
    },
  };
}

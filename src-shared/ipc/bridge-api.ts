// The shape of the bridge the renderer talks through, whichever transport carries it: the preload's
// `window.hubdesk` in Electron, or the headless host's WebSocket in a browser.
import type { EventChannel, InvokeChannel } from './channels';
import type { EventPayload, InvokeInput, InvokeOutput } from './contract';
import type { Result } from './errors';

export interface HubdeskBridge {
  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
}

/** What the preload exposes: untyped at the process edge, typed by the renderer's api/ wrapper. */
export interface RawBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Messages of the WebSocket transport. */
export type WsClientMessage = { type: 'invoke'; id: number; channel: string; input: unknown };
export type WsServerMessage =
  | { type: 'reply'; id: number; result: Result<unknown> }
  | { type: 'event'; channel: EventChannel; payload: unknown };

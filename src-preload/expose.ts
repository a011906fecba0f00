// Builds the bridge the preload exposes: invoke/on for the contract's channels only. Any other
// channel is refused here, before it can reach ipcRenderer.
import { isEventChannel, isInvokeChannel } from '../src-shared/ipc/channels';
import type { RawBridge } from '../src-shared/ipc/bridge-api';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createRawBridge(ipc: IpcRendererLike): RawBridge {
  return Object.freeze({
    invoke(channel: string, input: unknown): Promise<unknown> {
      if (!isInvokeChannel(channel)) return Promise.reject(new Error(`channel ${String(channel)} is not in the hubdesk contract`));
      return ipc.invoke(channel, input);
    },
    on(channel: string, listener: (payload: unknown) => void): () => void {
      if (!isEventChannel(channel)) throw new Error(`event ${String(channel)} is not in the hubdesk contract`);
      // Never hand the IpcRendererEvent (and its sender) to the page.
      const wrapped = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(channel, wrapped);
      return () => ipc.removeListener(channel, wrapped);
    },
  });
}

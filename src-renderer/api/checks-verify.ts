// The Verify against hub command: runs checks:verify once at a time and records the run in the
// checks store, so the result outlives the view. The only writer of that store's `run`.
import type { StoreApi } from 'zustand/vanilla';
import type { ChecksState } from '../stores/checks';
import { failVerify, finishVerify, startVerify } from '../stores/checks';
import type { RendererBridge } from './bridge';
import { log } from './log';

/** What the view may ask: the only command that touches the verify run. */
export interface VerifyCommand {
  /** Starts a verify unless one is running. */
  run(): void;
}

export class ChecksVerify implements VerifyCommand {
  private readonly bridge: RendererBridge;
  private readonly store: StoreApi<ChecksState>;
  private readonly now: () => number;
  private disposed = false;

  constructor(bridge: RendererBridge, store: StoreApi<ChecksState>, now: () => number = Date.now) {
    this.bridge = bridge;
    this.store = store;
    this.now = now;
  }

  run(): void {
    // The store is the guard: setState is synchronous, so a double click cannot start two runs.
    if (this.disposed || this.store.getState().run.kind === 'running') return;
    this.store.setState((state) => startVerify(state, this.now()));
    void this.bridge.invoke('checks:verify', {}).then((reply) => {
      if (this.disposed) return;
      if (!reply.ok) log.warn(`verify failed (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => (reply.ok ? finishVerify(state, reply.result) : failVerify(state, reply.error)));
    });
  }

  dispose(): void {
    this.disposed = true;
  }
}

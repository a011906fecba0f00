// A small typed emitter for the api layer's own signals (link state, reconnects), `onDid*` style.
// Unlike src-shared/util/emitter, a throwing listener is logged and cannot abort the transport's
// close handling (and so its reconnect); subscribing returns the unsubscribe, like bridge.on.
import { log } from './log';

export class Emitter<T> {
  private readonly listeners = new Set<(value: T) => void>();

  readonly event = (listener: (value: T) => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  fire(value: T): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (err) {
        log.error('listener failed', err);
      }
    }
  }

  dispose(): void {
    this.listeners.clear();
  }
}

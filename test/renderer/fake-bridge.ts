// A scripted RendererBridge for the sync tests: the test answers each snapshot request by hand
// and emits events as main would. It stands in for main, which cannot run in these unit tests.
import type { RendererBridge } from '../../src-renderer/api/bridge';
import type { LinkState } from '../../src-renderer/api/transport';
import type { EventChannel, InvokeChannel } from '../../src-shared/ipc/channels';
import type { EventPayload, InvokeInput, InvokeOutput, Snapshot } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';

interface Pending {
  channel: InvokeChannel;
  input: unknown;
  answer(result: Result<unknown>): void;
}

export class FakeBridge implements RendererBridge {
  link: LinkState = 'open';
  readonly calls: Pending[] = [];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly reconnectListeners = new Set<() => void>();

  invoke<C extends InvokeChannel>(channel: C, input: InvokeInput<C>): Promise<Result<InvokeOutput<C>>> {
    return new Promise((resolve) => {
      this.calls.push({ channel, input, answer: (result) => resolve(result as Result<InvokeOutput<C>>) });
    });
  }

  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    const untyped = listener as (payload: unknown) => void;
    set.add(untyped);
    return () => set.delete(untyped);
  }

  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const listener of this.listeners.get(channel) ?? []) listener(payload);
  }

  onDidChangeLink(): () => void {
    return () => {};
  }

  onDidReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  reconnect(): void {
    for (const listener of this.reconnectListeners) listener();
  }

  snapshotCalls(): Pending[] {
    return this.calls.filter((call) => call.channel === 'session:snapshot');
  }

  /** Answers the latest snapshot request and lets the sync's continuation run. */
  async answerSnapshot(result: Result<Snapshot>): Promise<void> {
    const call = this.snapshotCalls().at(-1);
    if (!call) throw new Error('no snapshot was asked for');
    call.answer(result);
    await new Promise<void>((resolve) => queueMicrotask(resolve));
    await Promise.resolve();
  }

  start(): void {}
  dispose(): void {}
}

// The Notion view's commands: save the connection, retry one parked event or all of them, one at a
// time each. Main's answer, or why there is none, lands in the outbox store; the view never writes
// the store itself. The token is sent once and never kept here.
import type { StoreApi } from 'zustand/vanilla';
import type { OutboxEvent } from '../../src-shared/domain/outbox';
import type { InvokeInput } from '../../src-shared/ipc/contract';
import type { Result } from '../../src-shared/ipc/errors';
import type { OutboxRetry, OutboxState } from '../stores/outbox';
import { failConfigure, failRetry, finishConfigure, finishRetry, startConfigure, startRetry } from '../stores/outbox';
import type { RendererBridge } from './bridge';
import { log } from './log';

export type NotionConnectionInput = InvokeInput<'notion:configure'>;

/** What the view may ask. Each resolves to whether main did it. */
export interface NotionCommand {
  configure(input: NotionConnectionInput): Promise<boolean>;
  retry(id: string): Promise<boolean>;
  retryParked(): Promise<boolean>;
}

export class NotionCommands implements NotionCommand {
  private readonly bridge: RendererBridge;
  private readonly store: StoreApi<OutboxState>;
  private readonly now: () => number;
  private disposed = false;

  constructor(bridge: RendererBridge, store: StoreApi<OutboxState>, now: () => number = Date.now) {
    this.bridge = bridge;
    this.store = store;
    this.now = now;
  }

  async configure(input: NotionConnectionInput): Promise<boolean> {
    // The store is the guard: setState is synchronous, so a double click cannot send twice.
    if (this.disposed || this.store.getState().saving) return false;
    this.store.setState(startConfigure);
    const reply = await this.bridge.invoke('notion:configure', input);
    if (this.disposed) return false;
    if (!reply.ok) {
      log.warn(`notion configure failed (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failConfigure(state, reply.error));
      return false;
    }
    const { status, figures } = reply.result;
    this.store.setState((state) => finishConfigure(state, status, figures, this.now()));
    return true;
  }

  retry(id: string): Promise<boolean> {
    return this.runRetry({ id }, async () => {
      const reply = await this.bridge.invoke('outbox:retry', { id });
      return reply.ok ? { ok: true, result: [reply.result] } : reply;
    });
  }

  retryParked(): Promise<boolean> {
    return this.runRetry({ all: true }, async () => {
      const reply = await this.bridge.invoke('outbox:retryParked', {});
      return reply.ok ? { ok: true, result: reply.result.events } : reply;
    });
  }

  dispose(): void {
    this.disposed = true;
  }

  private async runRetry(retrying: OutboxRetry, send: () => Promise<Result<readonly OutboxEvent[]>>): Promise<boolean> {
    if (this.disposed || this.store.getState().retrying) return false;
    this.store.setState((state) => startRetry(state, retrying));
    const reply = await send();
    if (this.disposed) return false;
    if (!reply.ok) {
      log.warn(`outbox retry ${'id' in retrying ? retrying.id : 'all parked'} failed (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failRetry(state, reply.error));
      return false;
    }
    this.store.setState((state) => finishRetry(state, reply.result));
    return true;
  }
}

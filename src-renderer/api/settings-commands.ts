// The Settings view's commands: who is acting (kept in storage), and the gate's decisions (propose,
// confirm, reject a held change, roll back), one at a time. Main's record, or why there is none,
// lands in the settings store as the last outcome; the view never writes the store itself.
import type { StoreApi } from 'zustand/vanilla';
import type { ChangeRecord, ReviewableSettings } from '../../src-shared/domain/settings';
import type { Result } from '../../src-shared/ipc/errors';
import type { PendingAction, SettingsAction, SettingsStoreState } from '../stores/settings';
import { authorName, failAction, finishAction, setAuthor, startAction } from '../stores/settings';
import { loadAuthor, saveAuthor } from './author';
import type { NameStorage } from './author';
import type { RendererBridge } from './bridge';
import { log } from './log';

/** What the view may ask. Each decision resolves to main's record, or null when there is none. */
export interface SettingsCommand {
  setAuthor(author: string): void;
  propose(changes: Partial<ReviewableSettings>, reason: string): Promise<ChangeRecord | null>;
  confirm(id: number): Promise<ChangeRecord | null>;
  rejectHeld(id: number): Promise<ChangeRecord | null>;
  rollback(id: number, reason: string): Promise<ChangeRecord | null>;
}

export class SettingsEditor implements SettingsCommand {
  private readonly bridge: RendererBridge;
  private readonly store: StoreApi<SettingsStoreState>;
  private readonly storage: NameStorage | undefined;
  private disposed = false;

  constructor(bridge: RendererBridge, store: StoreApi<SettingsStoreState>, storage: NameStorage | undefined) {
    this.bridge = bridge;
    this.store = store;
    this.storage = storage;
    const stored = loadAuthor(storage);
    this.store.setState((state) => setAuthor(state, stored));
  }

  setAuthor(author: string): void {
    this.store.setState((state) => setAuthor(state, author));
    saveAuthor(this.storage, author);
  }

  propose(changes: Partial<ReviewableSettings>, reason: string): Promise<ChangeRecord | null> {
    return this.run({ action: 'propose', id: null }, (author) => this.bridge.invoke('settings:propose', { changes, reason, author }));
  }

  confirm(id: number): Promise<ChangeRecord | null> {
    return this.run({ action: 'confirm', id }, (confirmer) => this.bridge.invoke('settings:confirm', { id, confirmer }));
  }

  rejectHeld(id: number): Promise<ChangeRecord | null> {
    return this.run({ action: 'rejectHeld', id }, (confirmer) => this.bridge.invoke('settings:rejectHeld', { id, confirmer }));
  }

  rollback(id: number, reason: string): Promise<ChangeRecord | null> {
    return this.run({ action: 'rollback', id }, (author) => this.bridge.invoke('settings:rollback', { id, author, reason }));
  }

  dispose(): void {
    this.disposed = true;
  }

  private async run(pending: PendingAction, send: (author: string) => Promise<Result<ChangeRecord>>): Promise<ChangeRecord | null> {
    const state = this.store.getState();
    const author = authorName(state);
    // The store is the guard: setState is synchronous, so a double click cannot send twice. Main
    // serialises decisions anyway; one at a time here keeps the last outcome unambiguous.
    if (this.disposed || state.pending || author === null) return null;
    this.store.setState((current) => startAction(current, pending));
    const reply = await send(author);
    if (this.disposed) return null;
    if (!reply.ok) {
      log.warn(`${describe(pending.action, pending.id)} failed (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((current) => failAction(current, pending.action, pending.id, reply.error));
      return null;
    }
    this.store.setState((current) => finishAction(current, pending.action, reply.result));
    return reply.result;
  }
}

function describe(action: SettingsAction, id: number | null): string {
  return id === null ? `settings ${action}` : `settings ${action} #${id}`;
}

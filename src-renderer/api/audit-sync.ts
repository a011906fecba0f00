// Feeds the Audit view's own store while the view is open: audit:list for the view's filter, again
// on Refresh and (at most once a throttleMs) after orders or settings change, the actions most often
// audited. There is no audit event: the trail is read, never pushed. Exports go through here too.
import type { StoreApi } from 'zustand/vanilla';
import type { AuditFormat } from '../../src-shared/domain/audit';
import type { HubdeskBridge } from '../../src-shared/ipc/bridge-api';
import type { Result } from '../../src-shared/ipc/errors';
import type { AuditState, AuditViewFilter } from '../stores/audit';
import { AUDIT_LIMIT, auditQuery, closeAudit, failAuditLoad, replaceAudit, startAuditLoad } from '../stores/audit';
import { log } from './log';

export interface AuditSyncOptions {
  /** The least time between two reloads caused by order or settings changes. */
  throttleMs?: number;
}

export class AuditSync {
  private readonly throttleMs: number;
  private subscriptions: (() => void)[] = [];
  /** Which load is current: a reply to an older one (filter changed, view closed) is dropped. */
  private generation = 0;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly bridge: HubdeskBridge,
    readonly store: StoreApi<AuditState>,
    options: AuditSyncOptions = {},
  ) {
    this.throttleMs = options.throttleMs ?? 1_000;
  }

  /** Shows the trail for this filter: loads it, and reloads after changes until close(). */
  open(filter: AuditViewFilter): void {
    if (this.subscriptions.length === 0) {
      const soon = () => this.reloadSoon();
      this.subscriptions = [this.bridge.on('orders:changed', soon), this.bridge.on('settings:changed', soon)];
    }
    void this.load(filter);
  }

  close(): void {
    this.generation++;
    for (const unsubscribe of this.subscriptions.splice(0)) unsubscribe();
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.store.setState(closeAudit);
  }

  /** Loads the open filter again (the Refresh button, or Try again after a failed load). */
  refresh(): void {
    const { status, filter } = this.store.getState();
    if (status !== 'idle') void this.load(filter);
  }

  /** The whole matching trail (not just the rows shown) as CSV or JSON text. */
  export(filter: AuditViewFilter, format: AuditFormat): Promise<Result<{ text: string; rows: number }>> {
    return this.bridge.invoke('audit:export', { ...auditQuery(filter), format });
  }

  private async load(filter: AuditViewFilter): Promise<void> {
    const generation = ++this.generation;
    this.store.setState((state) => startAuditLoad(state, filter));
    const reply = await this.bridge.invoke('audit:list', { ...auditQuery(filter), limit: AUDIT_LIMIT });
    if (generation !== this.generation) return;
    if (!reply.ok) {
      log.warn(`audit trail failed to load (${reply.error.code}): ${reply.error.message}`);
      this.store.setState((state) => failAuditLoad(state, reply.error));
      return;
    }
    this.store.setState((state) => replaceAudit(state, reply.result.entries, reply.result.total));
  }

  private reloadSoon(): void {
    if (this.reloadTimer !== undefined || this.store.getState().status === 'idle') return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.refresh();
    }, this.throttleMs);
  }
}

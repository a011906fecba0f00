// Feeds the audit store while the Audit view is open: audit:list for the view's filter, again on
// Refresh, after a reconnect and (at most once a throttleMs) after orders or settings change, the
// actions most often audited. There is no audit event: the trail is read, never pushed.
import type { StoreApi } from 'zustand/vanilla';
import type { AuditFormat } from '../../src-shared/domain/audit';
import type { Result } from '../../src-shared/ipc/errors';
import type { AuditState, AuditViewFilter } from '../stores/audit';
import { AUDIT_LIMIT, auditQuery, closeAudit, failAuditLoad, replaceAudit, startAuditLoad } from '../stores/audit';
import type { RendererBridge } from './bridge';
import { log } from './log';
import { ViewFeed } from './view-feed';

/** What the view may ask of the feed: the only commands that touch the audit store, and exports. */
export interface AuditFeed {
  /** Shows the trail for this filter: loads it, and reloads after changes until close(). */
  open(filter: AuditViewFilter): void;
  close(): void;
  /** Loads the open filter again (the Refresh button, or Try again after a failed load). */
  refresh(): void;
  /** The whole matching trail (not just the rows shown) as CSV or JSON text; the store is untouched. */
  export(filter: AuditViewFilter, format: AuditFormat): Promise<Result<{ text: string; rows: number }>>;
}

export interface AuditSyncOptions {
  /** The least time between two reloads caused by order or settings changes. */
  throttleMs?: number;
}

export class AuditSync extends ViewFeed<AuditViewFilter, AuditState> implements AuditFeed {
  private readonly throttleMs: number;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(bridge: RendererBridge, store: StoreApi<AuditState>, options: AuditSyncOptions = {}) {
    super(bridge, store);
    this.throttleMs = options.throttleMs ?? 1_000;
  }

  export(filter: AuditViewFilter, format: AuditFormat): Promise<Result<{ text: string; rows: number }>> {
    return this.bridge.invoke('audit:export', { ...auditQuery(filter), format });
  }

  protected subscribe(): () => void {
    const soon = () => this.reloadSoon();
    const unsubscribes = [this.bridge.on('orders:changed', soon), this.bridge.on('settings:changed', soon)];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  }

  protected closed(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.store.setState(closeAudit);
  }

  protected async load(filter: AuditViewFilter): Promise<void> {
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

  /** Changes while the view is closed are not its business: the next open loads afresh. */
  private reloadSoon(): void {
    if (this.reloadTimer !== undefined || this.store.getState().status === 'idle') return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      this.refresh();
    }, this.throttleMs);
  }
}

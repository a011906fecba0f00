// The renderer's projection of the audit trail: the newest rows matching the view's filter (at most
// AUDIT_LIMIT) and how many match in all, while the Audit view is open. Pure updates;
// api/audit-sync.ts is the only writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { AuditAction, AuditEntry, AuditFilter } from '../../src-shared/domain/audit';
import type { Role } from '../../src-shared/ipc/access';
import type { ErrorData } from '../../src-shared/ipc/errors';

/** Rows the view asks for and keeps. */
export const AUDIT_LIMIT = 500;

export interface AuditViewFilter {
  /** null: every action. */
  readonly action: AuditAction | null;
  /** null: both roles. */
  readonly role: Role | null;
}

/** `idle`: the view is closed. */
export type AuditStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface AuditState {
  readonly filter: AuditViewFilter;
  /** Newest (highest seq) first, at most AUDIT_LIMIT. */
  readonly entries: readonly AuditEntry[];
  /** How many rows match the filter in the whole trail, shown or not. */
  readonly total: number;
  readonly status: AuditStatus;
  readonly error: ErrorData | null;
}

export const allAudit: AuditViewFilter = { action: null, role: null };

export const emptyAudit: AuditState = { filter: allAudit, entries: [], total: 0, status: 'idle', error: null };

/** The filter as the contract takes it, without a limit: audit:list adds one, audit:export not. */
export function auditQuery(filter: AuditViewFilter): AuditFilter {
  return { ...(filter.action !== null ? { action: filter.action } : {}), ...(filter.role !== null ? { role: filter.role } : {}) };
}

function sameFilter(a: AuditViewFilter, b: AuditViewFilter): boolean {
  return a.action === b.action && a.role === b.role;
}

/** A load starts: rows of another filter would mislead, so they go; a reload keeps them meanwhile. */
export function startAuditLoad(state: AuditState, filter: AuditViewFilter): AuditState {
  if (sameFilter(state.filter, filter)) return { ...state, status: 'loading', error: null };
  return { filter, entries: [], total: 0, status: 'loading', error: null };
}

/** An audit:list reply replaces the rows whole; unchanged rows keep their reference (no re-render). */
export function replaceAudit(state: AuditState, entries: readonly AuditEntry[], total: number): AuditState {
  const kept = new Map(state.entries.map((entry) => [entry.seq, entry] as const));
  const next = [...entries]
    .sort((a, b) => b.seq - a.seq)
    .slice(0, AUDIT_LIMIT)
    .map((entry) => {
      const old = kept.get(entry.seq);
      return old && old.outcome === entry.outcome && JSON.stringify(old.detail) === JSON.stringify(entry.detail) ? old : entry;
    });
  return { ...state, entries: next, total: Math.max(total, next.length), status: 'ready', error: null };
}

export function failAuditLoad(state: AuditState, error: ErrorData): AuditState {
  return { ...state, status: 'error', error };
}

export function closeAudit(state: AuditState): AuditState {
  return state.status === 'idle' ? state : { ...state, status: 'idle' };
}

export function createAuditStore(): StoreApi<AuditState> {
  return createStore<AuditState>()(() => emptyAudit);
}

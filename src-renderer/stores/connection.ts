// The renderer's view of the hub connection (as main reports it) and of its own link to main
// (the WebSocket in a browser; always open in Electron). Pure updates; sync.ts is the writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import { roleAllows } from '../../src-shared/ipc/access';
import type { Principal, Role } from '../../src-shared/ipc/access';
import type { ConnectionInfo, ConnectionState } from '../../src-shared/ipc/contract';
import type { LinkState } from '../api/transport';

export interface ConnectionStoreState {
  /** null until the first snapshot. */
  readonly info: ConnectionInfo | null;
  readonly link: LinkState;
  /** Who this session is, from the snapshot; null until the first one. */
  readonly principal: Principal | null;
}

export const initialConnection: ConnectionStoreState = { info: null, link: 'connecting', principal: null };

/**
 * The role the UI draws for: until main has said who this is, the least (a viewer's views only), so
 * a support link never flashes a trading screen. Main enforces the role on every call regardless.
 */
export function shownRole(state: ConnectionStoreState): Role {
  return state.principal?.role ?? 'viewer';
}

/** Whether main has said this session is a trader's: what a trader-only feed waits for before asking. */
export function isTraderSession(state: Pick<ConnectionStoreState, 'principal'>): boolean {
  return state.principal !== null && roleAllows(state.principal.role, 'trader');
}

/**
 * Whether `next` is at least as recent as `current`. Only needed for events that raced a
 * snapshot: `since` moves on every state change, `lastHeartbeatAt` within one state.
 */
export function isNewerConnection(current: ConnectionInfo | null, next: ConnectionInfo): boolean {
  if (!current) return true;
  if (next.since !== current.since) return next.since > current.since;
  return (next.lastHeartbeatAt ?? -1) >= (current.lastHeartbeatAt ?? -1);
}

/**
 * The state word to show. While the renderer's own link to main is down, main's last report is
 * stale, so the honest word is `connecting`, not the last one heard.
 */
export function shownConnectionState(state: Pick<ConnectionStoreState, 'info' | 'link'>): ConnectionState {
  if (state.link !== 'open' || !state.info) return 'connecting';
  return state.info.state;
}

export function createConnectionStore(): StoreApi<ConnectionStoreState> {
  return createStore<ConnectionStoreState>()(() => initialConnection);
}

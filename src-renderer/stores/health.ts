// The renderer's projection of the console's live health: main's latest HealthNow (health:now on
// load, then health:changed about once a second). Pure updates; api/health-sync.ts is the writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { HealthNow } from '../../src-shared/domain/health';

export interface HealthState {
  /** null until main has reported once. */
  readonly now: HealthNow | null;
}

export const emptyHealth: HealthState = { now: null };

/**
 * Each report carries the whole picture, so it replaces; an older one (a health:now reply that
 * raced a newer health:changed) is ignored rather than stepping the figures back.
 */
export function replaceHealth(state: HealthState, now: HealthNow): HealthState {
  if (state.now && state.now.at > now.at) return state;
  return { now };
}

export function createHealthStore(): StoreApi<HealthState> {
  return createStore<HealthState>()(() => emptyHealth);
}

// The renderer's projection of the trading account and its netting positions, as main last
// reported them. Pure updates; api/sync.ts is the only writer.
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Account, Position } from '../../src-shared/domain/account';
import type { AccountChanged } from '../../src-shared/ipc/contract';

export interface AccountState {
  /** null until the hub has reported an account. */
  readonly account: Account | null;
  readonly positions: readonly Position[];
}

export const emptyAccount: AccountState = { account: null, positions: [] };

/** account:changed carries the whole picture, so it replaces rather than merges. */
export function replaceAccount(change: AccountChanged): AccountState {
  return { account: change.account, positions: change.positions };
}

export function createAccountStore(): StoreApi<AccountState> {
  return createStore<AccountState>()(() => emptyAccount);
}

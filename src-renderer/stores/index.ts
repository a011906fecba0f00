// One zustand store per domain, created together by the composition root (main.tsx) rather than
// as module singletons, so a test or a second root gets its own.
import type { StoreApi } from 'zustand/vanilla';
import { createAccountStore } from './account';
import type { AccountState } from './account';
import { createAlertsStore } from './alerts';
import type { AlertsState } from './alerts';
import { createAuditStore } from './audit';
import type { AuditState } from './audit';
import { createChecksStore } from './checks';
import type { ChecksState } from './checks';
import { createConnectionStore } from './connection';
import type { ConnectionStoreState } from './connection';
import { createHealthStore } from './health';
import type { HealthState } from './health';
import { createMarketStore } from './market';
import type { MarketState } from './market';
import { createOrdersStore } from './orders';
import type { OrdersState } from './orders';
import { createOutboxStore } from './outbox';
import type { OutboxState } from './outbox';
import { createRetryLogStore } from './retry-log';
import type { RetryLogState } from './retry-log';
import { createSettingsStore } from './settings';
import type { SettingsStoreState } from './settings';

export interface Stores {
  readonly connection: StoreApi<ConnectionStoreState>;
  readonly market: StoreApi<MarketState>;
  readonly orders: StoreApi<OrdersState>;
  readonly account: StoreApi<AccountState>;
  readonly retryLog: StoreApi<RetryLogState>;
  readonly checks: StoreApi<ChecksState>;
  readonly health: StoreApi<HealthState>;
  readonly alerts: StoreApi<AlertsState>;
  readonly settings: StoreApi<SettingsStoreState>;
  readonly outbox: StoreApi<OutboxState>;
  readonly audit: StoreApi<AuditState>;
}

export function createStores(): Stores {
  return {
    connection: createConnectionStore(),
    market: createMarketStore(),
    orders: createOrdersStore(),
    account: createAccountStore(),
    retryLog: createRetryLogStore(),
    checks: createChecksStore(),
    health: createHealthStore(),
    alerts: createAlertsStore(),
    settings: createSettingsStore(),
    outbox: createOutboxStore(),
    audit: createAuditStore(),
  };
}

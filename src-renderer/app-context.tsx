// Hands the bridge and the stores built by main.tsx to the components, and the hooks that read
// them. Components get data from stores and send commands through the typed bridge only.
import { createContext, use } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { HubdeskBridge } from '../src-shared/ipc/bridge-api';
import type { AlertRulesCommand } from './api/alert-rules';
import type { AuditFeed } from './api/audit-sync';
import type { VerifyCommand } from './api/checks-verify';
import type { NotionCommand } from './api/notion-commands';
import type { OutboxFeed } from './api/outbox-sync';
import type { RetryLogFeed } from './api/retry-log-sync';
import type { SettingsCommand } from './api/settings-commands';
import type { Stores } from './stores';
import type { AccountState } from './stores/account';
import type { AlertsState } from './stores/alerts';
import type { AuditState } from './stores/audit';
import type { ChecksState } from './stores/checks';
import { shownRole } from './stores/connection';
import type { ConnectionStoreState } from './stores/connection';
import type { Role } from '../src-shared/ipc/access';
import type { HealthState } from './stores/health';
import type { MarketState } from './stores/market';
import type { OrdersState } from './stores/orders';
import type { OutboxState } from './stores/outbox';
import type { RetryLogState } from './stores/retry-log';
import type { SettingsStoreState } from './stores/settings';

export interface AppServices {
  readonly bridge: HubdeskBridge;
  readonly stores: Stores;
  /** Opens and closes the retry log's live feed: the view never writes the store itself. */
  readonly retryLog: RetryLogFeed;
  /** Runs Verify against hub; the run and its result land in the checks store. */
  readonly verify: VerifyCommand;
  /** Saves an alert rule's threshold or switch; the outcome lands in the alerts store. */
  readonly alertRules: AlertRulesCommand;
  /** Who is acting, and the settings gate's decisions; outcomes land in the settings store. */
  readonly settings: SettingsCommand;
  /** Opens and closes the Notion outbox's live feed. */
  readonly outbox: OutboxFeed;
  /** Saves the Notion connection and retries parked events; outcomes land in the outbox store. */
  readonly notion: NotionCommand;
  /** Opens and closes the audit trail's feed (a trader's view), and exports the trail. */
  readonly audit: AuditFeed;
}

const AppContext = createContext<AppServices | null>(null);

export function AppProvider(props: { services: AppServices; children: ReactNode }) {
  return <AppContext value={props.services}>{props.children}</AppContext>;
}

function useServices(): AppServices {
  const services = use(AppContext);
  if (!services) throw new Error('AppProvider is missing above this component');
  return services;
}

export function useBridge(): HubdeskBridge {
  return useServices().bridge;
}

export function useRetryLogFeed(): RetryLogFeed {
  return useServices().retryLog;
}

export function useVerifyCommand(): VerifyCommand {
  return useServices().verify;
}

export function useAlertRulesCommand(): AlertRulesCommand {
  return useServices().alertRules;
}

export function useSettingsCommand(): SettingsCommand {
  return useServices().settings;
}

export function useOutboxFeed(): OutboxFeed {
  return useServices().outbox;
}

export function useNotionCommand(): NotionCommand {
  return useServices().notion;
}

export function useAuditFeed(): AuditFeed {
  return useServices().audit;
}

// Selectors must return stored references or primitives: a fresh object per call would re-render
// on every store change.
export function useConnection<U>(selector: (state: ConnectionStoreState) => U): U {
  return useStore(useServices().stores.connection, selector);
}

/** The role the UI draws for (a viewer until main says otherwise); main enforces it on every call. */
export function useRole(): Role {
  return useConnection(shownRole);
}

export function useMarket<U>(selector: (state: MarketState) => U): U {
  return useStore(useServices().stores.market, selector);
}

export function useOrders<U>(selector: (state: OrdersState) => U): U {
  return useStore(useServices().stores.orders, selector);
}

export function useAccount<U>(selector: (state: AccountState) => U): U {
  return useStore(useServices().stores.account, selector);
}

export function useRetryLog<U>(selector: (state: RetryLogState) => U): U {
  return useStore(useServices().stores.retryLog, selector);
}

export function useChecks<U>(selector: (state: ChecksState) => U): U {
  return useStore(useServices().stores.checks, selector);
}

export function useHealth<U>(selector: (state: HealthState) => U): U {
  return useStore(useServices().stores.health, selector);
}

export function useAlerts<U>(selector: (state: AlertsState) => U): U {
  return useStore(useServices().stores.alerts, selector);
}

export function useSettings<U>(selector: (state: SettingsStoreState) => U): U {
  return useStore(useServices().stores.settings, selector);
}

export function useOutbox<U>(selector: (state: OutboxState) => U): U {
  return useStore(useServices().stores.outbox, selector);
}

export function useAudit<U>(selector: (state: AuditState) => U): U {
  return useStore(useServices().stores.audit, selector);
}

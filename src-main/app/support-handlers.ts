// The support side's IPC handlers: health figures and charts, alerts, checkpoint reports, the
// settings gate and the Notion outbox. The trading handlers stay in console-app.ts.
import type { SettingsState } from '../../src-shared/ipc/contract';
import type { VerifyResult } from '../../src-shared/domain/checks';
import type { Principal } from '../../src-shared/ipc/access';
import type { HubClient } from '../hub/hub-client';
import type { Handlers } from '../ipc/router';
import type { HealthService } from './health-service';
import type { NotionService } from './notion-service';
import type { SettingsService } from './settings-service';

export interface SupportDeps {
  hub: HubClient;
  health: HealthService;
  settings: SettingsService;
  notion: NotionService;
  /** Shared and, for a viewer, possibly a recent result (orders/verify-runner.ts). */
  verify: (principal: Principal) => Promise<VerifyResult>;
  settingsState: () => SettingsState;
}

type SupportChannel = Extract<keyof Handlers, `${'health' | 'alerts' | 'settings' | 'notion' | 'outbox' | 'reports'}:${string}`>;

export function supportHandlers({ hub, health, settings, notion, verify, settingsState }: SupportDeps): Pick<Handlers, SupportChannel> {
  return {
    'health:now': async () => health.current(),
    'health:history': ({ window }) => health.chart(window),
    'alerts:list': async ({ limit }) => ({ events: health.list(limit) }),
    'alerts:rules': async () => ({ rules: health.alerts.rules() }),
    'alerts:setRule': (change) => settings.setAlertRule(change),
    'settings:get': async () => settingsState(),
    'settings:propose': (change) => settings.gate.propose(change),
    'settings:confirm': ({ id, confirmer }) => settings.gate.confirm(id, confirmer),
    'settings:rejectHeld': ({ id, confirmer }) => settings.gate.rejectHeld(id, confirmer),
    'settings:history': async ({ limit }) => ({ records: settings.gate.history(limit) }),
    'settings:rollback': ({ id, author, reason }) => settings.gate.rollback(id, author, reason),
    'notion:status': async () => ({ status: notion.bridge.status(), figures: notion.figures() }),
    'notion:configure': async (input) => {
      notion.configure(input);
      return { status: notion.bridge.status(), figures: notion.figures() };
    },
    'outbox:list': async ({ status, limit }) => ({ events: notion.bridge.list({ ...(status ? { status } : {}), ...(limit ? { limit } : {}) }), figures: notion.figures() }),
    'outbox:retry': async ({ id }) => notion.retry(id),
    'outbox:retryParked': async () => ({ events: notion.bridge.retryAllParked() }),
    'reports:push': async ({ window }) => {
      const { report, markdown } = await health.report(window);
      return notion.report(report, markdown);
    },
    'reports:build': async ({ window }, { principal }) => {
      // A verify gives the report its duplicate rate, when the hub can answer: fresh for a trader,
      // for a viewer one that finished in the last few seconds will do.
      if (hub.connection.state === 'up' || hub.connection.state === 'degraded') await verify(principal);
      return health.report(window);
    },
  };
}

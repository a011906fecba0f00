// Renderer entry and composition root: builds the bridge, the stores and the syncs that feed them,
// then mounts the app. The zod config import must stay first (see zod-config.ts).
import './zod-config';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { AlertRulesEditor } from './api/alert-rules';
import { AuditSync } from './api/audit-sync';
import { browserStorage } from './api/author';
import { createBridge } from './api/bridge';
import { ChecksVerify } from './api/checks-verify';
import { HealthSync } from './api/health-sync';
import { NotionCommands } from './api/notion-commands';
import { OutboxSync } from './api/outbox-sync';
import { RetryLogSync } from './api/retry-log-sync';
import { SettingsEditor } from './api/settings-commands';
import { SettingsSync } from './api/settings-sync';
import { SessionSync } from './api/sync';
import { AppProvider } from './app-context';
import { createStores } from './stores';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

const bridge = createBridge();
const stores = createStores();
const sync = new SessionSync(bridge, stores);
const retryLog = new RetryLogSync(bridge, stores.retryLog);
const verify = new ChecksVerify(bridge, stores.checks);
const health = new HealthSync(bridge, stores);
const settingsFeed = new SettingsSync(bridge, stores);
const settings = new SettingsEditor(bridge, stores.settings, browserStorage());
const alertRules = new AlertRulesEditor(bridge, stores.alerts, stores.settings);
const outbox = new OutboxSync(bridge, stores.outbox);
const notion = new NotionCommands(bridge, stores.outbox);
const audit = new AuditSync(bridge, stores.audit);
// Subscribe before connecting, so no event from the first moment is missed.
sync.start();
retryLog.start();
health.start();
settingsFeed.start();
outbox.start();
audit.start();
bridge.start();

createRoot(root).render(
  <StrictMode>
    <AppProvider services={{ bridge, stores, retryLog, verify, alertRules, settings, outbox, notion, audit }}>
      <App />
    </AppProvider>
  </StrictMode>,
);

// Composition root: from one config it builds the hub connection (embedded simulated hub when no
// address is set), market data, the order ledger with its audit trail, gateway and reconciliation,
// the retry log, the event publisher and router; dispose() takes them down in reverse.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { SettingsState, Snapshot } from '../../src-shared/ipc/contract';
import type { VerifyResult } from '../../src-shared/domain/checks';
import type { Disposable } from '../../src-shared/util/emitter';
import type { HubClient } from '../hub/hub-client';
import { createHubClient } from './hub-client-factory';
import { startSimHub } from '../hub/sim/server';
import type { SimHub } from '../hub/sim/server';
import { EventPublisher } from '../ipc/event-publisher';
import { MetricsRecorder } from '../metrics/metrics-recorder';
import { bindRouter, createRouter } from '../ipc/router';
import type { BoundRouter, Router } from '../ipc/router';
import { TokenStore } from '../access/token-store';
import { DESKTOP_PRINCIPAL } from '../../src-shared/ipc/access';
import type { Principal } from '../../src-shared/ipc/access';
import { MarketData } from '../market/market-data';
import { DuplicateChecks } from '../orders/checks';
import { VerifyRunner } from '../orders/verify-runner';
import { OrderLedger } from '../orders/ledger';
import { OrderBook } from '../orders/order-book';
import { OrderGateway } from '../orders/order-gateway';
import { Reconciler } from '../orders/reconciler';
import { RetryLog } from '../retry-log/retry-log';
import { ConfigError } from './config';
import type { ConsoleConfig } from './config';
import { HealthService } from './health-service';
import { NotionService } from './notion-service';
import type { NotionSecrets } from './notion-service';
import { SettingsService } from './settings-service';
import { supportHandlers } from './support-handlers';
import { auditedHandlers, RefusalTrail } from './audit-trail';
import type { SettingsServiceOptions } from './settings-service';
import { startPrometheusExporter } from './prometheus-exporter';
import type { PrometheusExporter } from './prometheus-exporter';

export const APP_VERSION = '0.1.0';

export interface ConsoleApp {
  /** Every transport's entry: each call says who is asking. */
  readonly router: Router;
  /** The router as the person at this machine uses it (the desktop window, tools, tests): a trader. */
  readonly local: BoundRouter;
  /** The headless host's tokens (DATA_DIR/access.json). */
  readonly access: TokenStore;
  readonly events: EventPublisher;
  readonly hub: HubClient;
  readonly retryLog: RetryLog;
  readonly reconciler: Reconciler;
  readonly checks: DuplicateChecks;
  /** Latency per hub operation (HdrHistogram; timeouts included): since start, and its history. */
  readonly metrics: MetricsRecorder;
  /** Live health figures, alerts, charts and checkpoint reports. */
  readonly health: HealthService;
  /** The Notion bridge and its outbox. */
  readonly notion: NotionService;
  /** The Prometheus endpoint, when `metricsPort` is set. */
  readonly prometheus: PrometheusExporter | undefined;
  /** Where the embedded simulated hub listens, when there is one. */
  readonly embeddedHub: SimHub | undefined;
  dispose(): Promise<void>;
}

/** What only the shell can provide: the desktop app keeps the Notion token in safeStorage. */
export interface ConsoleSecrets {
  notion?: NotionSecrets;
}

export async function startConsoleApp(config: ConsoleConfig, logger: Logger, secrets: ConsoleSecrets = {}): Promise<ConsoleApp> {
  mkdirSync(config.dataDir, { recursive: true });
  const embeddedHub = config.hubAddress
    ? undefined
    : await startSimHub(
        // The paper-trading hub keeps its state in the data dir, so its orders outlive a restart too.
        { port: 0, stateFile: join(config.dataDir, 'embedded-hub.sqlite'), ...(config.embeddedHubSeed === undefined ? {} : { seed: config.embeddedHubSeed }) },
        { logger: logger.child({ part: 'embedded-hub' }) },
      );
  const address = config.hubAddress ?? embeddedHub?.requests ?? '';
  const retryLog = new RetryLog({ dataDir: config.dataDir, source: 'console', logger: logger.child({ part: 'retry-log' }) });
  const hub = createHubClient(config, {
    address,
    embedded: embeddedHub !== undefined,
    logger: logger.child({ part: 'hub' }),
    retryListener: retryLog,
    clientVersion: APP_VERSION,
  });
  const market = new MarketData(hub, logger.child({ part: 'market' }));
  const ledgerLog = logger.child({ part: 'ledger' });
  const book = new OrderBook(new OrderLedger(config.dataDir, (error) => ledgerLog.error({ err: error }, 'a ledger write failed')));
  if (book.unreadable.size > 0) {
    ledgerLog.error({ ids: [...book.unreadable].slice(0, 20), count: book.unreadable.size }, 'unreadable ledger rows: their ids are reserved; check them by hand');
  }
  // The pre-trade hold window in force; the settings gate may change it while the console runs.
  let duplicateWindowMs = config.duplicateWindowMs;
  const reconciler: Reconciler = new Reconciler(hub, book, () => gateway, logger.child({ part: 'reconcile' }));
  const gateway: OrderGateway = new OrderGateway({
    hub,
    book,
    symbol: (name) => market.symbol(name),
    logger: logger.child({ part: 'orders' }),
    duplicateWindowMs: () => duplicateWindowMs,
    onUnknown: (clientOrderId) => reconciler.schedule(clientOrderId),
    reconciling: () => reconciler.reconciling,
  });
  const checks = new DuplicateChecks(hub, book, () => reconciler.reconciling, () => duplicateWindowMs);
  const events = new EventPublisher(() => checks.summary());
  const metrics = new MetricsRecorder(config.dataDir, logger.child({ part: 'metrics' }));
  const notion = new NotionService({
    dataDir: config.dataDir,
    logger: logger.child({ part: 'notion' }),
    baseUrl: config.notionBaseUrl,
    databaseId: config.notionDatabaseId,
    secrets: secrets.notion ?? { source: 'env', token: () => process.env.NOTION_TOKEN || undefined },
  });
  const health = new HealthService({
    dataDir: config.dataDir,
    logger: logger.child({ part: 'health' }),
    events,
    connection: () => hub.connection,
    metrics,
    orders: () => gateway.list(),
    checks: () => checks.summary(),
    retries: (since) => retryLog.totals(since),
    retriesPerBucket: (from, to, bucketMs) => retryLog.retriesPerBucket(from, to, bucketMs),
    push: () => notion.figures(),
    pushDelivery: (from, to) => notion.bridge.outbox.deliveryBetween(from, to),
    rejectedHubMessages: () => hub.stats().rejected,
  });
  const settings = new SettingsService({
    dataDir: config.dataDir,
    logger: logger.child({ part: 'settings' }),
    hubInfo: () => hub.hub,
    alerts: health.alerts,
    running: config,
    reviewer: reviewerFrom(config, process.env),
    setDuplicateWindow: (ms) => {
      duplicateWindowMs = ms;
      events.checksChanged();
    },
  });
  const settingsState = (): SettingsState => ({ settings: settings.gate.current(), reviewer: settings.gate.reviewerConfig(), pendingRestart: settings.pendingRestart() });
  // One verify at a time, shared; a viewer takes one that finished in the last 5 s (verify-runner.ts).
  const verifier = new VerifyRunner(async (): Promise<VerifyResult> => {
    const result = await checks.verify();
    health.recordVerify(result);
    events.checksChanged();
    return result;
  });
  const verify = (principal: Principal): Promise<VerifyResult> => verifier.verify(principal);

  const wiring: Disposable[] = [
    hub.onDidChangeConnection((info) => {
      events.connection(info);
      metrics.recordState(info.state);
    }),
    hub.onDidReceiveOrder((order) => gateway.applyHubOrder(order)),
    hub.onDidConnect(() => void syncOrders(hub, gateway, logger).then(() => reconciler.reconcileAll('connect'))),
    reconciler.onDidReconcile(() => events.checksChanged()),
    market.onDidChangeSymbols((symbols) => events.symbols(symbols)),
    market.onDidChangeQuote((quote) => events.quote(quote)),
    market.onDidChangeAccount((state) => events.account(state)),
    gateway.onDidChangeOrder((order) => {
      events.order(order);
      events.checksChanged();
    }),
    retryLog.onDidChange((entries) => events.retries(entries)),
    settings.gate.onDidChange(({ record }) => events.settings(record, settingsState())),
    health.alerts.onDidChange((changed) => changed.forEach((event) => notion.alert(event))),
    hub.onDidChangeConnection((info) => notion.incident(info)),
    notion.bridge.dispatcher.onDidChange((event) => events.outbox(event, () => notion.figures())),
    hub.onDidFinishAttempt((attempt) => {
      metrics.record(attempt.op, attempt.ms, attempt.outcome);
      health.recordAttempt(attempt);
    }),
  ];

  const access = TokenStore.inDataDir(config.dataDir);
  const audit = book.ledger.audit;
  const auditError = (error: unknown): void => ledgerLog.error({ err: error }, 'describing an audited call failed');
  const refusals = new RefusalTrail(audit);
  const router = createRouter(
    auditedHandlers({
      'session:snapshot': async (_input, { principal }): Promise<Snapshot> => {
        const common = { connection: hub.connection, checks: checks.summary(), principal };
        if (principal.role === 'viewer') {
          return { ...common, symbols: [], quotes: [], orders: { seq: events.ordersSeq, orders: [] }, account: { account: null, positions: [] } };
        }
        return { ...common, symbols: market.listSymbols(), quotes: market.listQuotes(), orders: { seq: events.ordersSeq, orders: gateway.list() }, account: market.account() };
      },
      'tickets:create': async () => ({ clientOrderId: gateway.createTicketId() }),
      'orders:place': (ticket) => gateway.place(ticket),
      'orders:cancel': ({ clientOrderId }) => gateway.cancel(clientOrderId),
      'retries:list': async (filter) => retryLog.list(filter),
      'retries:csv': async (filter) => retryLog.csv(filter),
      'orders:confirmHeld': ({ clientOrderId }) => gateway.confirmHeld(clientOrderId),
      'orders:dropHeld': async ({ clientOrderId }) => gateway.dropHeld(clientOrderId),
      'orders:resubmit': ({ clientOrderId }) => gateway.resubmit(clientOrderId),
      'orders:resolve': async ({ clientOrderId, outcome }) => reconciler.resolveByHand(clientOrderId, outcome),
      'checks:summary': async () => checks.summary(),
      'checks:verify': (_input, { principal }) => verify(principal),
      ...supportHandlers({ hub, health, settings, notion, verify, settingsState }),
      'access:status': async () => ({ tokens: access.list(), file: access.file }),
      'access:rotate': async ({ role }) => access.rotate(role),
      'audit:list': async (filter) => audit.list(filter),
      'audit:export': async (input) => audit.export(input),
    }, audit, (id) => book.get(id), auditError),
    logger.child({ part: 'router' }),
    { onRefused: (refusal) => refusals.record(refusal) },
  );

  retryLog.start();
  metrics.start(config.initialRequestTimeoutMs, () => hub.connection.state);
  health.start();
  events.start();
  market.start();
  notion.bridge.start();
  hub.start();
  let prometheus: PrometheusExporter | undefined;
  const dispose = async (): Promise<void> => {
    for (const subscription of wiring) subscription.dispose();
    // The refusals held back in open windows are written (and logged) while the ledger is open.
    router.dispose();
    refusals.dispose();
    await prometheus?.dispose();
    await notion.bridge.dispose();
    reconciler.dispose();
    market.dispose();
    events.dispose();
    await hub.dispose();
    retryLog.dispose();
    health.dispose();
    metrics.dispose();
    book.dispose();
    book.ledger.close();
    await embeddedHub?.dispose();
    logger.info('console stopped');
  };
  if (config.metricsPort !== undefined) {
    try {
      prometheus = await startPrometheusExporter({
        port: config.metricsPort,
        logger: logger.child({ part: 'prometheus' }),
        health: () => health.current(),
        attempts: hub.onDidFinishAttempt,
        retries: retryLog.onDidChange,
        source: 'console',
      });
    } catch (error) {
      await dispose();
      throw new ConfigError(`metrics port ${config.metricsPort}: ${(error as Error).message}`);
    }
  }
  logger.info({ hub: address, embedded: embeddedHub !== undefined, dataDir: config.dataDir }, 'console started');

  return {
    router,
    local: bindRouter(router, DESKTOP_PRINCIPAL),
    access,
    events,
    hub,
    retryLog,
    reconciler,
    checks,
    metrics,
    health,
    prometheus,
    notion,
    embeddedHub,
    dispose,
  };
}

/** The hub's orders, taken into the view after every (re)connect. */
async function syncOrders(hub: HubClient, gateway: OrderGateway, logger: Logger): Promise<void> {
  try {
    const listing = await hub.request('orders', { status: 'all' });
    gateway.takeListing(listing, hub.hub ? `${hub.hub.hubId} epoch ${hub.hub.epoch}` : hub.connection.address);
  } catch (error) {
    logger.warn({ err: error }, 'order sync after connect failed');
  }
}

/** The reviewer model behind an OpenAI-compatible endpoint, when configured (its key only from the environment). */
function reviewerFrom(config: ConsoleConfig, env: NodeJS.ProcessEnv): SettingsServiceOptions['reviewer'] {
  const { reviewerBaseUrl: baseUrl, reviewerModel: model, reviewerTimeoutMs: timeoutMs } = config;
  return baseUrl && model ? { baseUrl, model, apiKey: env.HUBDESK_REVIEWER_API_KEY, timeoutMs } : undefined;
}

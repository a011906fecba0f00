// Composition root: from one config it builds the hub connection (embedded simulated hub when no
// address is set), market data, order gateway, event publisher and router; start() and dispose().
import type { Logger } from 'pino';
import type { Snapshot } from '../../src-shared/ipc/contract';
import type { Disposable } from '../../src-shared/util/emitter';
import type { HubClient } from '../hub/hub-client';
import { startSimHub } from '../hub/sim/server';
import type { SimHub } from '../hub/sim/server';
import { ZmqHubClient } from '../hub/zmq-hub-client';
import { EventPublisher } from '../ipc/event-publisher';
import { createRouter } from '../ipc/router';
import type { Router } from '../ipc/router';
import { MarketData } from '../market/market-data';
import { OrderGateway } from '../orders/order-gateway';
import { RetryLog } from '../retry-log/retry-log';
import type { ConsoleConfig } from './config';

export const APP_VERSION = '0.1.0';

export interface ConsoleApp {
  readonly router: Router;
  readonly events: EventPublisher;
  readonly hub: HubClient;
  readonly retryLog: RetryLog;
  /** Where the embedded simulated hub listens, when there is one. */
  readonly embeddedHub: SimHub | undefined;
  dispose(): Promise<void>;
}

export async function startConsoleApp(config: ConsoleConfig, logger: Logger): Promise<ConsoleApp> {
  const embeddedHub = config.hubAddress
    ? undefined
    : await startSimHub(
        { port: 0, ...(config.embeddedHubSeed === undefined ? {} : { seed: config.embeddedHubSeed }) },
        { logger: logger.child({ part: 'embedded-hub' }) },
      );
  const address = config.hubAddress ?? embeddedHub?.requests ?? '';
  const retryLog = new RetryLog({ dataDir: config.dataDir, source: 'console', logger: logger.child({ part: 'retry-log' }) });
  const hub = new ZmqHubClient({
    address,
    embedded: embeddedHub !== undefined,
    clientName: 'hubdesk',
    clientVersion: APP_VERSION,
    initialRequestTimeoutMs: config.initialRequestTimeoutMs,
    configuredTimeoutMs: config.requestTimeoutMs,
    logger: logger.child({ part: 'hub' }),
    retryListener: retryLog,
  });
  const market = new MarketData(hub, logger.child({ part: 'market' }));
  const gateway = new OrderGateway({ hub, symbol: (name) => market.symbol(name), logger: logger.child({ part: 'orders' }) });
  const events = new EventPublisher();

  const wiring: Disposable[] = [
    hub.onDidChangeConnection((info) => events.connection(info)),
    hub.onDidReceiveOrder((order) => gateway.applyHubOrder(order)),
    hub.onDidConnect(() => void syncOrders(hub, gateway, logger)),
    market.onDidChangeSymbols((symbols) => events.symbols(symbols)),
    market.onDidChangeQuote((quote) => events.quote(quote)),
    market.onDidChangeAccount((state) => events.account(state)),
    gateway.onDidChangeOrder((order) => events.order(order)),
    retryLog.onDidChange((entries) => events.retries(entries)),
  ];

  const router = createRouter(
    {
      'session:snapshot': async (): Promise<Snapshot> => ({
        connection: hub.connection,
        symbols: market.listSymbols(),
        quotes: market.listQuotes(),
        orders: { seq: events.ordersSeq, orders: gateway.list() },
        account: market.account(),
      }),
      'tickets:create': async () => ({ clientOrderId: gateway.createTicketId() }),
      'orders:place': (ticket) => gateway.place(ticket),
      'orders:cancel': ({ clientOrderId }) => gateway.cancel(clientOrderId),
      'retries:list': async (filter) => retryLog.list(filter),
      'retries:csv': async (filter) => retryLog.csv(filter),
    },
    logger.child({ part: 'router' }),
  );

  retryLog.start();
  events.start();
  market.start();
  hub.start();
  logger.info({ hub: address, embedded: embeddedHub !== undefined, dataDir: config.dataDir }, 'console started');

  return {
    router,
    events,
    hub,
    retryLog,
    embeddedHub,
    async dispose() {
      for (const subscription of wiring) subscription.dispose();
      gateway.dispose();
      market.dispose();
      events.dispose();
      await hub.dispose();
      retryLog.dispose();
      await embeddedHub?.dispose();
      logger.info('console stopped');
    },
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

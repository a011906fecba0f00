// Coalesces what main knows into contract events at a fixed cadence (10 Hz), so the renderer gets
// batches, never one message per tick. Order batches carry a sequence number for gap detection.
import type { EventChannel } from '../../src-shared/ipc/channels';
import type { AccountChanged, ConnectionInfo, EventPayload, SettingsState } from '../../src-shared/ipc/contract';
import type { Quote, SymbolSpec } from '../../src-shared/domain/market';
import type { ConsoleOrder } from '../../src-shared/domain/order';
import type { DuplicateSummary } from '../../src-shared/domain/checks';
import type { RetryEntry } from '../../src-shared/domain/retry';
import type { AlertEvent } from '../../src-shared/domain/alerts';
import type { HealthNow } from '../../src-shared/domain/health';
import type { ChangeRecord } from '../../src-shared/domain/settings';
import type { OutboxEvent, PushFigures } from '../../src-shared/domain/outbox';
import { Emitter } from '../../src-shared/util/emitter';

export type EventMessage = { [C in EventChannel]: { channel: C; payload: EventPayload<C> } }[EventChannel];

export const FLUSH_INTERVAL_MS = 100;

export class EventPublisher {
  private readonly emitter = new Emitter<EventMessage>();
  readonly onDidPublish = this.emitter.event;
  private readonly quotes = new Map<string, Quote>();
  private readonly orders = new Map<string, ConsoleOrder>();
  private accountState: AccountChanged | undefined;
  private readonly retryEntries = new Map<number, RetryEntry>();
  private seq = 0;
  private timer: NodeJS.Timeout | undefined;
  private checksDirty = false;
  private readonly outboxEvents = new Map<string, OutboxEvent>();
  private outboxFigures: (() => PushFigures) | undefined;

  /** `checks` computes the duplicate-checks summary; it runs at most once per flush. */
  constructor(private readonly checks?: () => DuplicateSummary) {}

  /** The sequence number of the last order batch published; a snapshot carries it. */
  get ordersSeq(): number {
    return this.seq;
  }

  start(): void {
    this.timer = setInterval(() => this.flush(), FLUSH_INTERVAL_MS);
  }

  connection(info: ConnectionInfo): void {
    this.emitter.fire({ channel: 'connection:changed', payload: info });
  }

  symbols(symbols: SymbolSpec[]): void {
    this.emitter.fire({ channel: 'symbols:changed', payload: { symbols } });
  }

  quote(quote: Quote): void {
    this.quotes.set(quote.symbol, quote);
  }

  order(order: ConsoleOrder): void {
    this.orders.set(order.clientOrderId, order);
  }

  account(state: AccountChanged): void {
    this.accountState = state;
  }

  checksChanged(): void {
    this.checksDirty = true;
  }

  retries(entries: readonly RetryEntry[]): void {
    for (const entry of entries) this.retryEntries.set(entry.id, entry);
  }

  /** The live health figures; the caller sends them about once a second. */
  health(figures: HealthNow): void {
    this.emitter.fire({ channel: 'health:changed', payload: figures });
  }

  alerts(events: readonly AlertEvent[]): void {
    if (events.length > 0) this.emitter.fire({ channel: 'alerts:changed', payload: { events: [...events] } });
  }

  /** An outbox event changed; sent with the figures at the next flush (10 Hz), never per attempt. */
  outbox(event: OutboxEvent, figures: () => PushFigures): void {
    this.outboxEvents.set(event.id, event);
    this.outboxFigures = figures;
  }

  settings(record: ChangeRecord, state: SettingsState): void {
    this.emitter.fire({ channel: 'settings:changed', payload: { record, state } });
  }

  flush(): void {
    if (this.orders.size > 0) {
      this.seq += 1;
      this.emitter.fire({ channel: 'orders:changed', payload: { seq: this.seq, orders: [...this.orders.values()] } });
      this.orders.clear();
    }
    if (this.quotes.size > 0) {
      this.emitter.fire({ channel: 'quotes:changed', payload: { quotes: [...this.quotes.values()] } });
      this.quotes.clear();
    }
    if (this.retryEntries.size > 0) {
      const entries = [...this.retryEntries.values()].sort((a, b) => a.id - b.id);
      this.emitter.fire({ channel: 'retries:changed', payload: { entries } });
      this.retryEntries.clear();
    }
    if (this.checksDirty && this.checks) {
      this.checksDirty = false;
      this.emitter.fire({ channel: 'checks:changed', payload: this.checks() });
    }
    if (this.outboxEvents.size > 0 && this.outboxFigures) {
      this.emitter.fire({ channel: 'outbox:changed', payload: { events: [...this.outboxEvents.values()], figures: this.outboxFigures() } });
      this.outboxEvents.clear();
    }
    if (this.accountState) {
      this.emitter.fire({ channel: 'account:changed', payload: this.accountState });
      this.accountState = undefined;
    }
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.emitter.dispose();
  }
}

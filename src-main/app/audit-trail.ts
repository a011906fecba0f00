// Which calls the audit trail records, and how each reads (action, target, detail, outcome); the
// wrapper that records them around their handlers, and the record of refused calls (a flood of
// denials coalesced, every one counted). Recording never fails a call: a broken description or
// write is logged, and the call goes on as if unaudited.
import type { AuditAction, AuditDetail, AuditOutcome } from '../../src-shared/domain/audit';
import type { ConsoleOrder, OrderTicket } from '../../src-shared/domain/order';
import type { ChangeRecord } from '../../src-shared/domain/settings';
import { invokeContract } from '../../src-shared/ipc/contract';
import type { InvokeInput, InvokeOutput } from '../../src-shared/ipc/contract';
import type { Principal } from '../../src-shared/ipc/access';
import type { InvokeChannel } from '../../src-shared/ipc/channels';
import { CodedError } from '../../src-shared/ipc/errors';
import { RepeatWindows } from '../../src-shared/util/repeat-windows';
import { REFUSAL_WINDOW_MS } from '../ipc/router';
import type { Handlers, Refusal } from '../ipc/router';
import type { AuditLog } from '../orders/audit-log';

/** A free-text field (a reason) is cut to this in the trail: it says what, not everything. */
const MAX_TEXT = 200;

type OrderLookup = (clientOrderId: string) => ConsoleOrder | undefined;

interface Audited<C extends keyof Handlers> {
  action: AuditAction;
  target(input: InvokeInput<C>): string;
  detail?(input: InvokeInput<C>, orders: OrderLookup): AuditDetail;
  /** The outcome when the call returned (default `ok`) and facts only its result knows. */
  result?(output: InvokeOutput<C>): { outcome?: AuditOutcome; detail?: AuditDetail };
}

const clip = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** What was asked, not the whole order: symbol, side, type, volume and the prices given. */
function orderDetail(order: OrderTicket | undefined): AuditDetail {
  if (!order) return {};
  const { symbol, side, type, volume, price, sl, tp } = order;
  return { symbol, side, type, volume, ...(price !== undefined ? { price } : {}), ...(sl !== undefined ? { sl } : {}), ...(tp !== undefined ? { tp } : {}) };
}

const orderResult = (order: ConsoleOrder) => ({ detail: { status: order.status } });

/** A change the gate refused or holds did not happen: the trail says so with the code the UI gets. */
function changeResult(record: ChangeRecord): { outcome: AuditOutcome; detail: AuditDetail } {
  const outcome = record.status === 'refused' ? 'CHANGE_REFUSED' : record.status === 'held' ? 'CHANGE_HELD' : 'ok';
  return { outcome, detail: { changeId: record.id, status: record.status } };
}

/** An order action on an existing order: the order as it stood, and its state after. */
function onOrder(action: AuditAction): Audited<'orders:cancel' | 'orders:confirmHeld' | 'orders:dropHeld' | 'orders:resubmit' | 'orders:resolve'> {
  return { action, target: ({ clientOrderId }) => clientOrderId, detail: ({ clientOrderId }, orders) => orderDetail(orders(clientOrderId)), result: orderResult };
}

/** Where a Notion base URL points, without any credentials or query it may carry. */
function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(not a URL)';
  }
}

const AUDITED: { [C in keyof Handlers]?: Audited<C> } = {
  'orders:place': { action: 'order.place', target: (ticket) => ticket.clientOrderId, detail: (ticket) => orderDetail(ticket), result: orderResult },
  'orders:cancel': onOrder('order.cancel'),
  'orders:resubmit': onOrder('order.resubmit'),
  'orders:confirmHeld': onOrder('order.confirmHeld'),
  'orders:dropHeld': onOrder('order.dropHeld'),
  'orders:resolve': { ...onOrder('order.resolve'), detail: ({ clientOrderId, outcome }, orders) => ({ ...orderDetail(orders(clientOrderId)), outcome }) },
  'settings:propose': {
    action: 'settings.propose',
    target: ({ changes }) => Object.keys(changes).join(','),
    detail: ({ changes, author, reason }) => ({ changes, author, reason: clip(reason) }),
    result: changeResult,
  },
  'settings:confirm': { action: 'settings.confirm', target: ({ id }) => `#${id}`, detail: ({ confirmer }) => ({ confirmer }), result: changeResult },
  'settings:rejectHeld': { action: 'settings.rejectHeld', target: ({ id }) => `#${id}`, detail: ({ confirmer }) => ({ confirmer }), result: changeResult },
  'settings:rollback': { action: 'settings.rollback', target: ({ id }) => `#${id}`, detail: ({ author, reason }) => ({ author, reason: clip(reason) }), result: changeResult },
  'alerts:setRule': {
    action: 'alerts.setRule',
    target: ({ id }) => id,
    detail: ({ threshold, enabled, author }) => ({ ...(threshold !== undefined ? { threshold } : {}), ...(enabled !== undefined ? { enabled } : {}), ...(author ? { author } : {}) }),
  },
  // Never the token: only whether one was given.
  'notion:configure': {
    action: 'notion.configure',
    target: ({ databaseId }) => databaseId,
    detail: ({ baseUrl, token }) => ({ ...(baseUrl ? { baseUrl: safeUrl(baseUrl) } : {}), token: token ? 'given (not recorded)' : 'unchanged' }),
  },
  'outbox:retry': { action: 'outbox.retry', target: ({ id }) => id },
  'outbox:retryParked': { action: 'outbox.retryParked', target: () => 'parked', result: ({ events }) => ({ detail: { events: events.length } }) },
  'reports:push': { action: 'reports.push', target: ({ window }) => window, result: (event) => ({ detail: { eventId: event.id } }) },
  // The new token's id, never its secret.
  'access:rotate': { action: 'access.rotate', target: ({ role }) => role, result: ({ token }) => ({ detail: { tokenId: token.id } }) },
};

/** Runs `describe`, or gives `fallback` (and reports why) when it throws. */
function guarded<T>(describe: () => T, fallback: T, onError: (error: unknown) => void): T {
  try {
    return describe();
  } catch (error) {
    onError(error);
    return fallback;
  }
}

function wrap<C extends keyof Handlers>(handler: Handlers[C], audited: Audited<C>, log: AuditLog, orders: OrderLookup, onError: (error: unknown) => void): Handlers[C] {
  const call = async (input: InvokeInput<C>, context: Parameters<Handlers[C]>[1]): Promise<InvokeOutput<C>> => {
    // Queued before the handler runs, in this same turn: an order's intent, written by the handler
    // before its first await, commits in the same ledger transaction, after this row.
    const target = guarded(() => audited.target(input), '', onError);
    const attempt = log.begin(context.principal, audited.action, target, guarded(() => audited.detail?.(input, orders) ?? {}, {}, onError));
    let output: InvokeOutput<C>;
    try {
      output = await (handler as (input: InvokeInput<C>, context: Parameters<Handlers[C]>[1]) => Promise<InvokeOutput<C>>)(input, context);
    } catch (error) {
      attempt.settle(error instanceof CodedError ? error.code : 'INTERNAL');
      throw error;
    }
    const result = guarded(() => audited.result?.(output) ?? {}, {}, onError);
    attempt.settle(result.outcome ?? 'ok', result.detail);
    return output;
  };
  return call as Handlers[C];
}

/** The handlers with every audited call recorded: its attempt before it runs, its outcome after. */
export function auditedHandlers(handlers: Handlers, log: AuditLog, orders: OrderLookup, onError: (error: unknown) => void): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const channel of Object.keys(AUDITED) as Array<keyof Handlers>) {
    wrapped[channel] = wrap(handlers[channel], AUDITED[channel] as Audited<typeof channel>, log, orders, onError);
  }
  return wrapped as Handlers;
}

interface Denial {
  principal: Principal;
  channel: InvokeChannel;
}

/**
 * The record of refused calls. FORBIDDEN on any channel is `denied` (the channel is the target):
 * the first of a (token id, channel, outcome) at once, then at most one row per window for the ones
 * that came after it, with how many (`repeated`) and the first and last one's time, so a flood of
 * denials writes a few rows and every one is counted. BAD_INPUT on an audited channel is that action
 * with its code, one row per call (only a trader gets that far, and each row names its order; the
 * input is untrusted: only an order id is kept). dispose() writes what the open windows hold.
 */
export class RefusalTrail {
  private readonly denials: RepeatWindows<Denial>;

  constructor(
    private readonly log: AuditLog,
    windowMs = REFUSAL_WINDOW_MS,
  ) {
    this.denials = new RepeatWindows(windowMs, ({ first, count, firstAt, lastAt }) =>
      this.denied(first, { repeated: count, from: new Date(firstAt).toISOString(), to: new Date(lastAt).toISOString() }),
    );
  }

  record({ channel, principal, input, error }: Refusal): void {
    if (error.code === 'FORBIDDEN') {
      if (this.denials.admit(`${principal.tokenId}\n${channel}\n${error.code}`, { principal, channel })) this.denied({ principal, channel });
      return;
    }
    const audited = AUDITED[channel];
    if (!audited || error.code !== 'BAD_INPUT') return;
    const id = (input as { clientOrderId?: unknown } | null)?.clientOrderId;
    this.log.record(principal, audited.action, typeof id === 'string' ? id.slice(0, 64) : '', 'BAD_INPUT', { fields: Object.keys(error.fields ?? {}) });
  }

  dispose(): void {
    this.denials.dispose();
  }

  private denied({ principal, channel }: Denial, repeats: AuditDetail = {}): void {
    this.log.record(principal, 'denied', channel, 'FORBIDDEN', { needs: invokeContract[channel].access, ...repeats });
  }
}

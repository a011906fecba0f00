// Pure core of the order ticket: the form's text → a TicketDraft → a checked OrderTicket, and how
// an error Result maps onto fields and an alert. No React here, so it is tested directly.
import type { Side } from '../../../src-shared/domain/account';
import type { ConsoleOrder, OrderTicket, OrderType } from '../../../src-shared/domain/order';
import type { SymbolSpec } from '../../../src-shared/domain/market';
import { checkTicket } from '../../../src-shared/domain/ticket-checks';
import type { TicketDraft, TicketErrors, TicketField } from '../../../src-shared/domain/ticket-checks';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { statusLabel } from '../../components/order-status';

/** What the trader typed, as text: number inputs are parsed only when checked. */
export interface TicketInputs {
  symbol: string;
  type: OrderType;
  volume: string;
  price: string;
  sl: string;
  tp: string;
}

export type NumberFieldName = 'volume' | 'price' | 'sl' | 'tp';

/** Number inputs whose text the browser could not read (`validity.badInput`: it reports ''). */
export type BadInputs = Partial<Record<NumberFieldName, boolean>>;

export const initialInputs: TicketInputs = { symbol: '', type: 'market', volume: '', price: '', sl: '', tp: '' };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** '' → undefined (not given); text that is not a plain decimal → NaN, so a check can name it. */
export function parseNumberField(text: string, badInput = false): number | undefined {
  if (badInput) return Number.NaN;
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function toDraft(inputs: TicketInputs, side: Side, bad: BadInputs = {}): TicketDraft {
  const read = (name: NumberFieldName) => parseNumberField(inputs[name], bad[name] === true);
  return {
    symbol: inputs.symbol,
    side,
    type: inputs.type,
    volume: read('volume'),
    // A market order has no price: whatever is left in the disabled field is not part of it.
    price: inputs.type === 'market' ? undefined : read('price'),
    sl: read('sl'),
    tp: read('tp'),
  };
}

/** The shared ticket checks (the same main applies), on the form's draft. */
export const checkDraft: (draft: TicketDraft, spec: SymbolSpec | undefined) => TicketErrors = checkTicket;

export type Prepared = { ok: true; ticket: OrderTicket } | { ok: false; errors: TicketErrors };

/** The order to send, or the field errors that keep it from being sent. */
export function prepareOrder(
  clientOrderId: string,
  inputs: TicketInputs,
  side: Side,
  spec: SymbolSpec | undefined,
  bad: BadInputs = {},
): Prepared {
  const draft = toDraft(inputs, side, bad);
  const errors = checkDraft(draft, spec);
  if (Object.keys(errors).length > 0 || draft.volume === undefined) return { ok: false, errors };
  return {
    ok: true,
    ticket: {
      clientOrderId,
      symbol: draft.symbol,
      side,
      type: draft.type,
      volume: draft.volume,
      ...(draft.price !== undefined ? { price: draft.price } : {}),
      ...(draft.sl !== undefined ? { sl: draft.sl } : {}),
      ...(draft.tp !== undefined ? { tp: draft.tp } : {}),
    },
  };
}

const TICKET_FIELDS: readonly TicketField[] = ['symbol', 'volume', 'price', 'sl', 'tp'];

function isTicketField(key: string): key is TicketField {
  return (TICKET_FIELDS as readonly string[]).includes(key);
}

export interface OrderErrorView {
  /** For the alert region. */
  message: string;
  /** Shown at the fields, like the form's own checks. */
  fields: TicketErrors;
  /** Set when a pre-trade check holds the order: the trader may send it anyway or drop it. */
  heldId?: string;
}

/** The words for a RECONCILING refusal, wherever an order command meets one. */
export const RECONCILING_MESSAGE = 'The console is reconciling orders with the hub; try again in a moment.';

/** Main's message as a sentence of its own: trimmed, ending in a full stop. */
function asSentence(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** How a refused or failed orders:place is shown; it branches on the code, never on the text. */
export function describeOrderError(error: ErrorData, clientOrderId: string): OrderErrorView {
  const id = error.clientOrderId ?? clientOrderId;
  switch (error.code) {
    case 'ORDER_UNKNOWN':
      return { message: `Order ${id}: fate unknown, not resent — check Orders before placing it again.`, fields: {} };
    case 'BAD_INPUT': {
      const fields: TicketErrors = {};
      const rest: string[] = [];
      for (const [key, text] of Object.entries(error.fields ?? {})) {
        if (isTicketField(key)) fields[key] = text;
        else rest.push(`${key}: ${text}`);
      }
      const detail = rest.length > 0 ? ` ${rest.join('; ')}` : '';
      return { message: `Not sent: the console refused the ticket.${detail}`, fields };
    }
    case 'UNKNOWN_SYMBOL':
      return { message: 'Rejected by the hub: unknown symbol.', fields: { symbol: error.message } };
    case 'INVALID_VOLUME':
      return { message: 'Rejected by the hub: invalid volume.', fields: { volume: error.message } };
    case 'INVALID_PRICE':
      return { message: `Rejected by the hub: invalid price. ${error.message}`, fields: {} };
    case 'REJECTED':
      return { message: `Rejected: ${error.message}`, fields: {} };
    case 'NOT_CONNECTED':
      return { message: `Not sent: no connection. ${error.message}`, fields: {} };
    case 'HUB_BUSY':
      return { message: `Not accepted: the hub is busy, try again. ${error.message}`, fields: {} };
    case 'TICKET_USED':
    case 'DUPLICATE_MISMATCH':
      return { message: `Not sent: ticket ${id} was already used. A new ticket has been issued.`, fields: {} };
    case 'TIMEOUT':
    case 'HUB_TIMEOUT':
      return { message: `Order ${id}: no answer in time — check Orders before placing it again.`, fields: {} };
    case 'HELD_DUPLICATE':
      return {
        // main's message is the reason (which order it repeats, how long ago) and says what to do.
        message: `Order ${id} held, not sent: ${asSentence(error.message) || 'it repeats an order just sent. Send it anyway, or drop it.'}`,
        fields: {},
        heldId: id,
      };
    case 'RECONCILING':
      return { message: RECONCILING_MESSAGE, fields: {} };
    case 'INVALID_STATE':
      return { message: `Order ${id} not sent: ${error.message}`, fields: {} };
    default:
      return { message: `Order failed (${error.code}): ${error.message}`, fields: {} };
  }
}

/** A one-line confirmation of what main accepted. */
export function describePlaced(order: ConsoleOrder): string {
  const what = `${order.side === 'buy' ? 'Buy' : 'Sell'} ${order.volume} ${order.symbol} ${order.type}`;
  return `${what}: ${statusLabel(order.status)} (${order.clientOrderId}).`;
}

// Order shapes: the hub's Order (wire), the trader's ticket, and the console's view of an order,
// whose status adds the console-only states pending/sent/unknown. Pure zod; no I/O.
import { z } from 'zod';
import { Side } from './account';
import { SymbolName } from './market';

export const CLIENT_ORDER_ID_PATTERN = /^[A-Za-z0-9_-]{1,31}$/;
export const ClientOrderId = z
  .string()
  .regex(CLIENT_ORDER_ID_PATTERN, 'clientOrderId must be 1-31 characters of A-Z a-z 0-9 _ -');

export const OrderType = z.enum(['market', 'limit', 'stop']);
export type OrderType = z.infer<typeof OrderType>;

export const HubOrderStatus = z.enum(['working', 'filled', 'canceled', 'rejected']);
export type HubOrderStatus = z.infer<typeof HubOrderStatus>;

const price = z.number().positive();

/** An order as the hub reports it (hub protocol v1 `Order`). */
export const HubOrder = z.object({
  orderId: z.string().min(1).max(64),
  clientOrderId: ClientOrderId,
  symbol: SymbolName,
  side: Side,
  type: OrderType,
  volume: z.number().positive(),
  price: price.nullable(),
  sl: price.nullable(),
  tp: price.nullable(),
  status: HubOrderStatus,
  filledVolume: z.number().nonnegative(),
  avgPrice: price.nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type HubOrder = z.infer<typeof HubOrder>;

/** What a trader submits: one ticket, one clientOrderId, given when the ticket was created. */
export const OrderTicket = z.object({
  clientOrderId: ClientOrderId,
  symbol: SymbolName,
  side: Side,
  type: OrderType,
  volume: z.number().positive(),
  price: price.optional(),
  sl: price.optional(),
  tp: price.optional(),
});
export type OrderTicket = z.infer<typeof OrderTicket>;

/**
 * The console's own states around the hub's: `held` (a pre-trade duplicate check holds it until the
 * trader confirms or drops it; not sent), `dropped` (the trader dropped a held order; never sent),
 * `pending` (recorded, not yet sent), `sent` (on the wire, no answer yet), `unknown` (no answer in
 * time: the hub may or may not have executed it; the console did not resend it), `not_received`
 * (reconciliation found the hub never received it: nothing was executed).
 */
export const ConsoleOrderStatus = z.enum([
  'held',
  'dropped',
  'pending',
  'sent',
  'working',
  'filled',
  'canceled',
  'rejected',
  'unknown',
  'not_received',
]);
export type ConsoleOrderStatus = z.infer<typeof ConsoleOrderStatus>;

export const ConsoleOrder = OrderTicket.extend({
  orderId: z.string().nullable(),
  status: ConsoleOrderStatus,
  filledVolume: z.number().nonnegative(),
  avgPrice: price.nullable(),
  /** Why the order is rejected or unknown, in words a trader can act on. */
  reason: z.string().nullable(),
  /**
   * Set on an unknown order the hub cannot account for (no history to prove absence, or lost on
   * the hub): reconciliation has given up, and a trader checks the terminal (orders:resolve).
   */
  needsPerson: z.literal(true).optional(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type ConsoleOrder = z.infer<typeof ConsoleOrder>;

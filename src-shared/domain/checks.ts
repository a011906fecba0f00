// Duplicate-order checks as the trader and support staff see them: counters of what the console and
// the hub stopped, and the result of verifying the ledger against the hub. Pure zod; no I/O.
import { z } from 'zod';

export const VerifyResult = z.object({
  at: z.number().int(),
  pass: z.boolean(),
  hubOrders: z.number().int().nonnegative(),
  ledgerOrders: z.number().int().nonnegative(),
  /** clientOrderIds the hub holds more than once: a double execution. */
  hubDuplicates: z.array(z.string()),
  /** Ledger orders whose state disagrees with the hub's (or that the hub should have but lacks). */
  mismatches: z.array(z.object({ clientOrderId: z.string(), ledger: z.string(), hub: z.string() })),
  /** Why it could not run (no hub connection, say); pass is false then. */
  error: z.string().nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResult>;

export const DuplicateSummary = z.object({
  ordersSent: z.number().int().nonnegative(),
  /** Replies that said the hub absorbed a repeat clientOrderId (`duplicate: true`). */
  duplicatesAbsorbedByHub: z.number().int().nonnegative(),
  /** Repeat submissions of a used ticket stopped in the console (double click, two windows …). */
  repeatSubmissionsStopped: z.number().int().nonnegative(),
  holds: z.number().int().nonnegative(),
  holdsConfirmed: z.number().int().nonnegative(),
  holdsDropped: z.number().int().nonnegative(),
  heldNow: z.number().int().nonnegative(),
  unknownNow: z.number().int().nonnegative(),
  /** Orders whose unknown/sent state reconciliation settled from the hub's answer. */
  reconciled: z.number().int().nonnegative(),
  notReceived: z.number().int().nonnegative(),
  /** Whether start-up reconciliation is still running (no new orders until it is done). */
  reconciling: z.boolean(),
  duplicateWindowMs: z.number().int().nonnegative(),
  lastVerify: VerifyResult.nullable(),
});
export type DuplicateSummary = z.infer<typeof DuplicateSummary>;

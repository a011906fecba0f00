// The closed set of error codes that cross the IPC boundary, and the Result shape carrying them.
// The UI branches on `code`, never on message text.
import { z } from 'zod';

/** Hub protocol v1 error codes; the console passes them through unchanged. */
export const HUB_ERROR_CODES = [
  'BAD_REQUEST',
  'UNKNOWN_OP',
  'UNKNOWN_SYMBOL',
  'INVALID_VOLUME',
  'INVALID_PRICE',
  'NOT_FOUND',
  'DUPLICATE_MISMATCH',
  'REJECTED',
  'HUB_TIMEOUT',
  'HUB_BUSY',
  'INTERNAL',
] as const;

const CONSOLE_ERROR_CODES = [
  'BAD_INPUT',
  'UNKNOWN_CHANNEL',
  'UNAUTHORIZED',
  /** The session's role may not do this (a viewer placing an order, changing settings …). */
  'FORBIDDEN',
  /** Too many messages on this connection; slow down. Nothing was done. */
  'RATE_LIMITED',
  'NOT_CONNECTED',
  'ORDER_UNKNOWN',
  'TICKET_USED',
  'TIMEOUT',
  /** A pre-trade check holds the order as a likely duplicate: confirm or drop it. */
  'HELD_DUPLICATE',
  /** Start-up reconciliation has not finished: no new order is accepted yet. */
  'RECONCILING',
  /** The order is not in a state that allows this (e.g. resubmitting one that is not not_received). */
  'INVALID_STATE',
  /** The settings gate refused a change (its findings say why); nothing changed. */
  'CHANGE_REFUSED',
  /** The settings gate holds a change for a second person's confirmation; nothing changed yet. */
  'CHANGE_HELD',
  /**
   * The hub cannot prove it never received an order (the origin gateway keeps no order history):
   * its fate needs a person, and it is never offered for resubmission.
   */
  'ABSENCE_UNPROVABLE',
] as const;

export const ErrorCode = z.enum([...CONSOLE_ERROR_CODES, ...HUB_ERROR_CODES]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  /** Field-level messages for BAD_INPUT, keyed by field path. */
  fields: z.record(z.string(), z.string()).optional(),
  /** The clientOrderId an order error is about. */
  clientOrderId: z.string().optional(),
});
export type ErrorData = z.infer<typeof ErrorData>;

export type Result<T> = { ok: true; result: T } | { ok: false; error: ErrorData };

/** An error that carries its code to the boundary, where it becomes `{ok:false, error}`. */
export class CodedError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly clientOrderId: string | undefined;

  constructor(code: ErrorCode, message: string, extra: { fields?: Record<string, string>; clientOrderId?: string } = {}) {
    super(message);
    this.name = 'CodedError';
    this.code = code;
    this.fields = extra.fields;
    this.clientOrderId = extra.clientOrderId;
  }

  toData(): ErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.clientOrderId ? { clientOrderId: this.clientOrderId } : {}),
    };
  }
}

export function ok<T>(result: T): Result<T> {
  return { ok: true, result };
}

export function fail(error: ErrorData): Result<never> {
  return { ok: false, error };
}

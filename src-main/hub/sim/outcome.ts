// The simulated hub's result-or-refusal type: errors travel as data with a protocol error code.
// Pure types and two constructors; nothing else.
import type { HubErrorCode } from '../protocol';

export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: HubErrorCode; readonly message: string };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

export function fail(code: HubErrorCode, message: string): Outcome<never> {
  return { ok: false, code, message };
}

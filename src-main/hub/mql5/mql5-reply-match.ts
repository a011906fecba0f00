// Which request a Data message answers, told from its shape alone (the EA's replies carry no
// request id): the awaited answer, an EA error that precedes a TRADE's confirmation, a stale
// message (another action's answer, or a fence's), or nothing the EA sends. Pure.
import type { z } from 'zod';
import { Mql5ActionReply, isFenceReply, shapeOf } from './mql5-wire';
import type { Mql5Shape } from './mql5-wire';

/** The Data message that answers a request: its shape, then its schema. */
export interface Expectation<T> {
  readonly shape: Mql5Shape;
  readonly schema: z.ZodType<T>;
  /** For shape 'action': the fence's 65538 (true) or any other action reply (false). */
  readonly fence?: boolean;
}

export type ReplyMatch =
  | { kind: 'answer' }
  /** An EA error pushed ahead of a TRADE's confirmation (4301 unknown symbol, 65538 unknown actionType). */
  | { kind: 'prelude'; action: Mql5ActionReply }
  | { kind: 'stale'; what: string }
  | { kind: 'unknown' };

export function matchReply(value: unknown, expected: Expectation<unknown>): ReplyMatch {
  const shape = shapeOf(value);
  if (shape === undefined) return { kind: 'unknown' };
  if (shape !== 'action') return shape === expected.shape ? { kind: 'answer' } : { kind: 'stale', what: `a ${shape} reply` };
  const action = Mql5ActionReply.safeParse(value);
  if (!action.success) return { kind: 'unknown' };
  const fence = isFenceReply(action.data);
  if (!fence && expected.shape === 'trade') return { kind: 'prelude', action: action.data };
  if (expected.shape === 'action' && fence === (expected.fence ?? false)) return { kind: 'answer' };
  return { kind: 'stale', what: fence ? 'a fence reply' : 'an action reply' };
}

export function describeExpected(expected: Expectation<unknown>): string {
  return expected.fence ? 'the fence' : expected.shape;
}

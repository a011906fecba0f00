// One router for every transport: finds the contract entry, checks the caller's role against it,
// parses the input with its zod schema, runs the handler and turns any failure into
// `{ok:false, error}` data. Never throws. A refusal (FORBIDDEN, BAD_INPUT) is told to `onRefused`,
// which the audit trail hears; a flood of FORBIDDEN writes a few warn lines, each count kept.
import { roleAllows } from '../../src-shared/ipc/access';
import type { Principal } from '../../src-shared/ipc/access';
import { isInvokeChannel } from '../../src-shared/ipc/channels';
import type { InvokeChannel } from '../../src-shared/ipc/channels';
import { invokeContract } from '../../src-shared/ipc/contract';
import type { InvokeInput, InvokeOutput } from '../../src-shared/ipc/contract';
import { CodedError, fail, ok } from '../../src-shared/ipc/errors';
import type { ErrorData, Result } from '../../src-shared/ipc/errors';
import type { Disposable } from '../../src-shared/util/emitter';
import { RepeatWindows } from '../../src-shared/util/repeat-windows';
import type { Logger } from 'pino';

/** What a handler knows of its caller, e.g. for the audit trail. */
export interface CallContext {
  principal: Principal;
}

export type Handlers = { [C in InvokeChannel]: (input: InvokeInput<C>, context: CallContext) => Promise<InvokeOutput<C>> };

export interface Router {
  /** `principal` is who asks: the transport that authenticated the caller says so, never the caller. */
  invoke(channel: unknown, input: unknown, principal: Principal): Promise<Result<unknown>>;
}

/** A router bound to one caller: what in-process users (tools, tests, the desktop window) call. */
export interface BoundRouter {
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

export function bindRouter(router: Router, principal: Principal): BoundRouter {
  return { invoke: (channel, input) => router.invoke(channel, input, principal) };
}

/** A call refused before its handler ran: the caller's role may not (FORBIDDEN) or its input is bad (BAD_INPUT). */
export interface Refusal {
  channel: InvokeChannel;
  principal: Principal;
  /** As the caller sent it: untrusted, and unparsed. */
  input: unknown;
  error: ErrorData;
}

/**
 * A caller refused the same channel again within this long is not logged (nor audited) again one
 * by one: the window's count follows in one line (one row) when it closes.
 */
export const REFUSAL_WINDOW_MS = 10_000;

export interface RouterOptions {
  /** Hears every refusal; it must not throw (if it does, that is logged and the refusal stands). */
  onRefused?: (refusal: Refusal) => void;
  /** How long a (token, channel) pair's repeated FORBIDDEN warn lines are held back; REFUSAL_WINDOW_MS. */
  refusalWindowMs?: number;
}

/** A channel that is not one, for the message: JSON when it has any (a cycle or a BigInt has none). */
function shown(channel: unknown): string {
  try {
    return String(JSON.stringify(channel)).slice(0, 80);
  } catch {
    return `(a ${typeof channel})`;
  }
}

/** dispose() writes the counts of the refusal warn lines still held back. */
export function createRouter(handlers: Handlers, logger: Logger, options: RouterOptions = {}): Router & Disposable {
  const windowMs = options.refusalWindowMs ?? REFUSAL_WINDOW_MS;
  // The first refusal of a token on a channel in full, then one line per window with how many more.
  const refusedLines = new RepeatWindows<{ channel: InvokeChannel; principal: Principal }>(windowMs, ({ first, count }) => {
    const { channel, principal } = first;
    logger.warn({ channel, role: principal.role, tokenId: principal.tokenId, repeated: count }, `refused: role may not (${count} more within ${windowMs / 1000} s)`);
  });
  const refuse = (channel: InvokeChannel, principal: Principal, input: unknown, error: ErrorData): Result<never> => {
    try {
      options.onRefused?.({ channel, principal, input, error });
    } catch (failure) {
      logger.error({ err: failure, channel }, 'the refusal hook failed');
    }
    return fail(error);
  };
  return {
    dispose: () => refusedLines.dispose(),
    async invoke(channel, input, principal) {
      if (!isInvokeChannel(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${shown(channel)}.` });
      }
      const needed = invokeContract[channel].access;
      if (!roleAllows(principal.role, needed)) {
        if (refusedLines.admit(`${principal.tokenId}\n${channel}`, { channel, principal })) {
          logger.warn({ channel, role: principal.role, tokenId: principal.tokenId }, 'refused: role may not');
        }
        return refuse(channel, principal, input, { code: 'FORBIDDEN', message: `A ${principal.role} may not use ${channel}; it needs a ${needed} token. Nothing was done.` });
      }
      const parsed = invokeContract[channel].input.safeParse(input ?? {});
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || '(input)'] = issue.message;
        return refuse(channel, principal, input, { code: 'BAD_INPUT', message: `Invalid input for ${channel}; nothing was done.`, fields });
      }
      try {
        const handler = handlers[channel] as (input: unknown, context: CallContext) => Promise<unknown>;
        return ok(await handler(parsed.data, { principal }));
      } catch (error) {
        if (error instanceof CodedError) return fail(error.toData());
        logger.error({ err: error, channel }, 'handler failed');
        return fail({ code: 'INTERNAL', message: 'Internal error in the console; see its log.' });
      }
    },
  };
}

// One router for every transport: finds the contract entry, parses the input with its zod schema,
// runs the handler and turns any failure into `{ok:false, error}` data. Never throws.
import { isInvokeChannel } from '../../src-shared/ipc/channels';
import type { InvokeChannel } from '../../src-shared/ipc/channels';
import { invokeContract } from '../../src-shared/ipc/contract';
import type { InvokeInput, InvokeOutput } from '../../src-shared/ipc/contract';
import { CodedError, fail, ok } from '../../src-shared/ipc/errors';
import type { Result } from '../../src-shared/ipc/errors';
import type { Logger } from 'pino';

export type Handlers = { [C in InvokeChannel]: (input: InvokeInput<C>) => Promise<InvokeOutput<C>> };

export interface Router {
  invoke(channel: unknown, input: unknown): Promise<Result<unknown>>;
}

export function createRouter(handlers: Handlers, logger: Logger): Router {
  return {
    async invoke(channel, input) {
      if (!isInvokeChannel(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${JSON.stringify(channel)?.slice(0, 80)}.` });
      }
      const parsed = invokeContract[channel].input.safeParse(input ?? {});
      if (!parsed.success) {
        const fields: Record<string, string> = {};
        for (const issue of parsed.error.issues) fields[issue.path.join('.') || '(input)'] = issue.message;
        return fail({ code: 'BAD_INPUT', message: `Invalid input for ${channel}; nothing was done.`, fields });
      }
      try {
        const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
        return ok(await handler(parsed.data));
      } catch (error) {
        if (error instanceof CodedError) return fail(error.toData());
        logger.error({ err: error, channel }, 'handler failed');
        return fail({ code: 'INTERNAL', message: 'Internal error in the console; see its log.' });
      }
    },
  };
}

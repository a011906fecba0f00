// One handler per protocol operation: checks the op's args with protocol.ts's schema, runs it on
// the engine and returns a result or a coded refusal. No sockets, no persistence, no faults.
import type { z } from 'zod';
import type { Quote } from '../../../src-shared/domain/market';
import { operations, type HelloResult, type HubOp } from '../protocol';
import type { SimEngine } from './engine';
import { fail, ok, type Outcome } from './outcome';
import type { Counters, SimHubStats } from './stats';
import { describeIssues } from './wire';

export interface DispatchContext {
  readonly engine: SimEngine;
  readonly counters: Counters;
  hello(): HelloResult;
  stats(): SimHubStats;
  /** admin.setQuote publishes the new price like a tick. */
  publishQuote(quote: Quote): void;
}

type Handler = (rawArgs: unknown, now: number) => Outcome<unknown>;

function withArgs<S extends z.ZodType>(schema: S, run: (args: z.output<S>, now: number) => Outcome<unknown>): Handler {
  return (raw, now) => {
    const parsed = schema.safeParse(raw);
    return parsed.success ? run(parsed.data, now) : fail('BAD_REQUEST', describeIssues(parsed.error, 'args'));
  };
}

export class SimDispatcher {
  private readonly handlers: Readonly<Record<HubOp, Handler>>;

  constructor(private readonly ctx: DispatchContext) {
    const { engine, counters } = ctx;
    this.handlers = {
      hello: withArgs(operations.hello.args, () => ok(ctx.hello())),
      ping: withArgs(operations.ping.args, (_args, now) => ok({ ts: now })),
      account: withArgs(operations.account.args, () => ok(engine.account())),
      symbols: withArgs(operations.symbols.args, () => ok(engine.symbols())),
      quotes: withArgs(operations.quotes.args, (args) => engine.quotes(args?.symbols)),
      positions: withArgs(operations.positions.args, () => ok(engine.positions())),
      orders: withArgs(operations.orders.args, (args) => ok(engine.orders(args?.status ?? 'all'))),
      placeOrder: withArgs(operations.placeOrder.args, (args, now) => {
        const placed = engine.placeOrder(args, now);
        if (!placed.ok) return placed;
        if (placed.value.duplicate) {
          counters.duplicatesAbsorbed += 1;
          return ok({ ...placed.value.order, duplicate: true });
        }
        counters.ordersCreated += 1;
        return ok(placed.value.order);
      }),
      cancelOrder: withArgs(operations.cancelOrder.args, (args, now) => engine.cancelOrder(args, now)),
      orderStatus: withArgs(operations.orderStatus.args, (args) => engine.orderStatus(args.clientOrderId)),
      'admin.stats': withArgs(operations['admin.stats'].args, () => ok(ctx.stats())),
      'admin.orders': withArgs(operations['admin.orders'].args, () => ok(engine.orders('all'))),
      'admin.setQuote': withArgs(operations['admin.setQuote'].args, (args, now) => {
        const set = engine.setQuote(args.symbol, args.bid, args.ask, now);
        if (set.ok) ctx.publishQuote(set.value);
        return set;
      }),
    };
  }

  dispatch(op: HubOp, args: unknown, now: number): Outcome<unknown> {
    if (op === 'placeOrder') this.ctx.counters.placeOrders += 1;
    const handler = this.handlers[op];
    return handler(args, now);
  }
}

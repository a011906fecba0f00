// Command-line flags of the simulated hub, the seeded dice and the stall schedule: pure parsing
// and decisions, no sockets.
import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../src-main/hub/sim/faults';
import { parseSimHubArgs } from '../../../src-main/hub/sim/options';
import { QuoteWalk } from '../../../src-main/hub/sim/quotes';
import { SIM_INSTRUMENTS } from '../../../src-main/hub/sim/instruments';
import { mulberry32 } from '../../../src-main/hub/sim/random';

describe('parseSimHubArgs', () => {
  it('applies the protocol defaults', () => {
    expect(parseSimHubArgs([])).toMatchObject({
      port: 5555,
      host: '127.0.0.1',
      requestTimeoutMs: 5000,
      maxBackoffMs: 2000,
      maxRetries: 10,
      heartbeatMs: 1000,
      dropRequest: 0,
      dropReply: 0,
      delayP: 1,
      duplicateReply: 0,
      dedupe: true,
    });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    const options = parseSimHubArgs([
      '--port=0', '--host', '0.0.0.0', '--state-file', '/tmp/x.sqlite', '--seed', '7', '--request-timeout-ms', '900',
      '--heartbeat-ms', '100', '--max-backoff-ms', '50', '--max-retries', '3', '--quote-ms', '0',
      '--drop-request', '0.25', '--drop-reply', '.5', '--delay-ms', '10-20', '--delay-p', '1', '--duplicate-reply', '1',
      '--stall-every-ms', '1000', '--stall-ms', '300', '--fault-ops', 'placeOrder,ping', '--no-dedupe', '--log-level', 'warn',
    ]);
    expect(options).toEqual({
      port: 0, host: '0.0.0.0', stateFile: '/tmp/x.sqlite', seed: 7, requestTimeoutMs: 900, heartbeatMs: 100,
      maxBackoffMs: 50, maxRetries: 3, quoteMs: 0, dropRequest: 0.25, dropReply: 0.5, delayMs: { min: 10, max: 20 },
      delayP: 1, duplicateReply: 1, stallEveryMs: 1000, stallMs: 300, faultOps: ['placeOrder', 'ping'], dedupe: false,
      logLevel: 'warn',
    });
  });

  it('lets a repeated flag override the earlier one', () => {
    expect(parseSimHubArgs(['--seed', '1', '--seed', '2']).seed).toBe(2);
  });

  it.each([
    [['--port', 'abc'], /--port: "abc"/],
    [['--port', '65535'], /--port/],
    [['--port'], /--port needs a value/],
    [['--port', '--seed', '1'], /--port needs a value/],
    [['--drop-request', '1.5'], /--drop-request: "1.5".*probability/],
    [['--drop-reply', '-0.1'], /--drop-reply/],
    [['--duplicate-reply', 'x'], /--duplicate-reply/],
    [['--delay-ms', '20-10'], /--delay-ms: "20-10"/],
    [['--delay-ms', '15'], /--delay-ms/],
    [['--delay-p', '0.5'], /--delay-p needs --delay-ms/],
    [['--stall-ms', '100'], /--stall-ms needs --stall-every-ms/],
    [['--stall-every-ms', '100'], /--stall-every-ms needs --stall-ms/],
    [['--request-timeout-ms', '0'], /--request-timeout-ms/],
    [['--fault-ops', 'ping,launchRocket'], /--fault-ops/],
    [['--no-dedupe=1'], /--no-dedupe takes no value/],
    [['--log-level', 'loud'], /--log-level/],
    [['--bogus'], /unknown flag --bogus/],
    [['stray'], /unexpected argument "stray"/],
  ])('refuses %j naming the flag', (argv, message) => {
    expect(() => parseSimHubArgs(argv)).toThrow(message);
  });
});

describe('faults and quotes', () => {
  it('runs for stallEveryMs, then stalls for stallMs, repeatedly', () => {
    const plan = new FaultPlan(
      { dropRequest: 0, dropReply: 0, delayP: 1, duplicateReply: 0, stallEveryMs: 1000, stallMs: 300 },
      mulberry32(1),
    );
    expect([0, 999, 1000, 1299, 1300, 2300, 2400].map((t) => plan.stallRemainingMs(t))).toEqual([0, 0, 300, 1, 0, 300, 200]);
  });

  it('rolls dice from the seed: the same seed gives the same fates', () => {
    const options = { dropRequest: 0.3, dropReply: 0.3, delayMs: { min: 5, max: 50 }, delayP: 0.5, duplicateReply: 0.3, stallEveryMs: 0, stallMs: 0 };
    const fates = (seed: number) => {
      const plan = new FaultPlan(options, mulberry32(seed));
      return Array.from({ length: 50 }, () => ({ request: plan.dropRequest(), reply: plan.replyFate() }));
    };
    expect(fates(42)).toEqual(fates(42));
    expect(fates(42)).not.toEqual(fates(43));
    const all = fates(42);
    expect(all.some((f) => f.request)).toBe(true);
    expect(all.some((f) => f.reply.drop)).toBe(true);
    expect(all.some((f) => f.reply.copies === 2)).toBe(true);
    expect(all.every((f) => f.reply.delayMs === 0 || (f.reply.delayMs >= 5 && f.reply.delayMs <= 50))).toBe(true);
  });

  it('walks prices reproducibly with a plausible spread', () => {
    const walk = (seed: number) => {
      const w = new QuoteWalk(mulberry32(seed));
      const inst = SIM_INSTRUMENTS[0]!;
      let q = { bidPoints: inst.initialBidPoints, askPoints: inst.initialBidPoints + 10 };
      return Array.from({ length: 200 }, () => (q = w.next(inst, q)));
    };
    const path = walk(5);
    expect(walk(5)).toEqual(path);
    expect(new Set(path.map((q) => q.bidPoints)).size).toBeGreaterThan(20);
    for (const q of path) {
      expect(q.askPoints - q.bidPoints).toBeGreaterThanOrEqual(6);
      expect(q.askPoints - q.bidPoints).toBeLessThanOrEqual(12);
      expect(Math.abs(q.bidPoints - 108_500)).toBeLessThan(2_000);
    }
  });
});

// Shared set-up for the simulated hub's integration tests: in-process hubs on free ports (always
// disposed), and an events subscriber with bounded waits (always closed).
import { afterEach } from 'vitest';
import { Subscriber } from 'zeromq';
import pino from 'pino';
import { parseSimHubArgs } from '../../../src-main/hub/sim/options';
import { startSimHub, type SimHub } from '../../../src-main/hub/sim/server';

const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

export function onCleanup(step: () => Promise<void> | void): void {
  cleanup.push(step);
}

/** An in-process hub on a free port pair, prices frozen unless the flags say otherwise. */
export async function startTestHub(flags: string[] = []): Promise<SimHub> {
  const hub = await startSimHub(parseSimHubArgs(['--port', '0', '--quote-ms', '0', '--seed', '11', ...flags]), {
    logger: pino({ level: 'silent' }),
  });
  onCleanup(() => hub.dispose());
  return hub;
}

export interface HubEvent {
  readonly topic: string;
  readonly body: Record<string, unknown>;
}

/** Subscribes to topics and keeps every event; wait() polls them with a deadline. */
export async function subscribe(endpoint: string, topics: string[]): Promise<{
  events: HubEvent[];
  wait(what: string, match: (event: HubEvent) => boolean, timeoutMs?: number): Promise<HubEvent>;
}> {
  const sub = new Subscriber({ linger: 0 });
  sub.connect(endpoint);
  for (const topic of topics) sub.subscribe(topic);
  const events: HubEvent[] = [];
  const reading = (async () => {
    try {
      for await (const [topic, body] of sub) {
        if (topic && body) events.push({ topic: topic.toString(), body: JSON.parse(body.toString()) as Record<string, unknown> });
      }
    } catch {
      // Closed while waiting.
    }
  })();
  onCleanup(async () => {
    sub.close();
    await reading;
  });
  const wait = async (what: string, match: (event: HubEvent) => boolean, timeoutMs = 5000): Promise<HubEvent> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = events.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} event within ${timeoutMs} ms; got ${events.map((e) => e.topic).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { events, wait };
}

export function request(id: string, op: string, args?: unknown): string {
  return JSON.stringify(args === undefined ? { v: 1, id, op } : { v: 1, id, op, args });
}

// The bench's raw floor: a bare ZeroMQ DEALER (linger 0) sending `ping`, no client, no retries, no
// schema: what transport + hub cost. Closed loop (the floor proper) and an id-matched pinger for
// the same open-loop runner the client goes through (the generator's and platform's own share).
import { Dealer } from 'zeromq';
import { performance } from 'node:perf_hooks';
import type { Histogram } from 'hdr-histogram-js';
import { newLatencyHistogram, recordLatencyMs } from '../../metrics/latency-figures';

export interface RawFloorOptions {
  warmup: number;
  count: number;
  /** A round trip longer than this fails the bench: the hub is clean, nothing should be lost. */
  timeoutMs: number;
}

function pingBody(id: string): string {
  return JSON.stringify({ v: 1, id, op: 'ping', args: {} });
}

function replyOf(frames: readonly Buffer[]): { id?: unknown; ok?: unknown } {
  return JSON.parse(frames[frames.length - 1]?.toString('utf8') ?? '') as { id?: unknown; ok?: unknown };
}

/** Closed loop: send, wait for the reply, repeat; each round trip into the histogram. */
export async function measureRawFloor(endpoint: string, options: RawFloorOptions): Promise<Histogram> {
  const dealer = new Dealer({ linger: 0, receiveTimeout: options.timeoutMs });
  dealer.connect(endpoint);
  const histogram = newLatencyHistogram();
  try {
    for (let i = 0; i < options.warmup + options.count; i += 1) {
      const id = `raw-${i}`;
      const started = performance.now();
      await dealer.send(pingBody(id));
      const frames = await dealer.receive();
      const elapsedMs = performance.now() - started;
      // Checked after the clock stops: the floor is the round trip, not our parsing.
      const reply = replyOf(frames);
      if (reply.id !== id || reply.ok !== true) throw new Error(`raw ping ${id}: unexpected reply ${JSON.stringify(reply)}`);
      if (i >= options.warmup) recordLatencyMs(histogram, elapsedMs);
    }
    return histogram;
  } finally {
    dealer.close();
  }
}

export interface RawPinger {
  /** One ping; resolves on its reply. No timeout: the bench's hub is clean and in this process. */
  ping(): Promise<void>;
  close(): void;
}

/** Many pings in flight on one DEALER, replies matched by id, sends serialised (one pending send). */
export function openRawPinger(endpoint: string): RawPinger {
  const dealer = new Dealer({ linger: 0 });
  dealer.connect(endpoint);
  const waiting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let sending: Promise<unknown> = Promise.resolve();
  void (async (): Promise<void> => {
    for await (const frames of dealer) {
      const reply = replyOf(frames);
      const entry = typeof reply.id === 'string' ? waiting.get(reply.id) : undefined;
      if (!entry) continue;
      waiting.delete(String(reply.id));
      if (reply.ok === true) entry.resolve();
      else entry.reject(new Error(`raw ping: unexpected reply ${JSON.stringify(reply)}`));
    }
  })().catch(() => undefined);
  return {
    ping: () =>
      new Promise<void>((resolve, reject) => {
        const id = `rawo-${nextId++}`;
        waiting.set(id, { resolve, reject });
        sending = sending.then(() => dealer.send(pingBody(id))).catch((error: unknown) => {
          waiting.delete(id);
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      }),
    close: () => {
      dealer.close();
      for (const entry of waiting.values()) entry.reject(new Error('raw pinger closed'));
      waiting.clear();
    },
  };
}

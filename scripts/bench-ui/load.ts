// The load: an open loop of market orders over the console's WebSocket API, scheduled by time (no
// coordinated omission), with its counts and latencies. Owns no process and no socket's lifetime.
import { latencyFigures, newLatencyHistogram, recordLatencyMs, throughputPerSecond } from '../../src-main/metrics/latency-figures';
import type { LatencyFigures } from '../../src-main/metrics/latency-figures';
import type { ApiClient } from './api-client';
import { round1, sumValues } from './numbers';

const DRAIN_TIMEOUT_MS = 30_000;
const PROGRESS_EVERY_MS = 500;
/** The console's pre-trade duplicate window (its default); the tickets never repeat within it. */
const DUPLICATE_WINDOW_MS = 3000;
const SYMBOLS = ['EURUSD', 'GBPUSD'] as const;

/** Orders per second, for how many seconds. */
export interface LoadPlan {
  rate: number;
  seconds: number;
}

/**
 * Order `index`: symbol and side rotate (buy then sell of the same volume, so positions stay near
 * flat), and the volume steps up every 4 orders through `volumeSteps` values, so the same
 * symbol/side/volume comes back only every 4 × volumeSteps orders, beyond the duplicate window.
 */
function ticketFor(index: number, clientOrderId: string, volumeSteps: number): Record<string, unknown> {
  const symbol = SYMBOLS[Math.floor(index / 2) % SYMBOLS.length] ?? 'EURUSD';
  const steps = 1 + (Math.floor(index / 4) % volumeSteps);
  return { clientOrderId, symbol, side: index % 2 === 0 ? 'buy' : 'sell', type: 'market', volume: Number((steps * 0.01).toFixed(2)) };
}

/** Volume values needed so no ticket repeats within the duplicate window (with 50 % headroom) at `rate`. */
function volumeStepsFor(rate: number): number {
  return Math.min(10_000, Math.max(97, Math.ceil((rate * DUPLICATE_WINDOW_MS * 1.5) / 1000 / 4)));
}

export interface LoadFigures {
  targetRate: number;
  seconds: number;
  connections: number;
  volumeSteps: number;
  sent: number;
  sentPerSecond: number;
  placed: number;
  placedPerSecond: number;
  /** From the first order sent to the last reply. */
  durationMs: number;
  held: number;
  failed: Record<string, number>;
  /** Not sent: the in-flight backlog was over its bound when they were due. */
  skipped: number;
  statuses: Record<string, number>;
  /** Why orders ended rejected or unknown, by reason with its numbers blanked out. */
  reasons: Record<string, number>;
  /** tickets:create sent → orders:place reply. */
  roundTripMs: LatencyFigures;
  /** orders:place sent → reply. */
  placeMs: LatencyFigures;
  /** The order's scheduled time → orders:place reply (counts the bench's own lag: no coordinated omission). */
  fromScheduleMs: LatencyFigures;
  /** The order's scheduled time → tickets:create sent: how far the bench itself fell behind its schedule. */
  sendLagMs: LatencyFigures;
  /** Events pushed to the bench's own sockets during the load (the host sends every socket every event). */
  benchSocketEvents: number;
  /** connection:changed during the load and its drain: the hub connection's state, seconds into the load. */
  connectionChanges: { atSeconds: number; state: string }[];
}

interface LoadRun {
  /** Resolves when every order sent has its reply (or DRAIN_TIMEOUT_MS passed). */
  done: Promise<LoadFigures>;
}

export function runLoad(clients: ApiClient[], plan: LoadPlan, onProgress: (text: string) => void): LoadRun {
  const { rate, seconds } = plan;
  const total = Math.round(rate * seconds);
  const volumeSteps = volumeStepsFor(rate);
  const maxInFlight = Math.max(2000, Math.ceil(rate * 10));
  const roundTrip = newLatencyHistogram();
  const place = newLatencyHistogram();
  const fromSchedule = newLatencyHistogram();
  const sendLag = newLatencyHistogram();
  const failed: Record<string, number> = {};
  const statuses: Record<string, number> = {};
  const reasons: Record<string, number> = {};
  const eventsBefore = clients.reduce((sum, client) => sum + client.events, 0);
  let sent = 0;
  let skipped = 0;
  let placed = 0;
  let held = 0;
  let inFlight = 0;
  let lastReplyAt = 0;
  const start = performance.now();
  const count = (into: Record<string, number>, key: string): void => {
    into[key] = (into[key] ?? 0) + 1;
  };

  const one = async (index: number, dueAt: number): Promise<void> => {
    const client = clients[index % clients.length] as ApiClient;
    const sentAt = performance.now();
    recordLatencyMs(sendLag, sentAt - dueAt);
    try {
      const ticket = await client.invoke('tickets:create', {});
      if (!ticket.ok) {
        count(failed, `tickets:create ${ticket.error.code}`);
        return;
      }
      const clientOrderId = (ticket.result as { clientOrderId: string }).clientOrderId;
      const placeAt = performance.now();
      const reply = await client.invoke('orders:place', ticketFor(index, clientOrderId, volumeSteps));
      const at = performance.now();
      recordLatencyMs(place, at - placeAt);
      recordLatencyMs(roundTrip, at - sentAt);
      recordLatencyMs(fromSchedule, at - dueAt);
      if (reply.ok) {
        const { status, reason } = reply.result as { status: string; reason: string | null };
        count(statuses, status);
        if (reason && status !== 'held') count(reasons, `${status}: ${reason.replace(/[\d.]+/g, 'N')}`);
        if (status === 'held') held += 1;
        else placed += 1;
      } else if (reply.error.code === 'HELD_DUPLICATE') {
        held += 1;
      } else {
        count(failed, reply.error.code);
      }
    } finally {
      inFlight -= 1;
      lastReplyAt = performance.now();
    }
  };

  const done = new Promise<LoadFigures>((resolveDone) => {
    let lastProgress = 0;
    const progress = (final: boolean): void => {
      const now = performance.now();
      if (!final && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      const elapsed = (now - start) / 1000;
      onProgress(
        `load ${Math.min(elapsed, seconds).toFixed(1)}/${seconds} s  sent ${sent}  placed ${placed} (${throughputPerSecond(placed, now - start)}/s)  held ${held}  failed ${sumValues(failed)}  in flight ${inFlight}${elapsed > seconds ? '  (draining)' : ''}`,
      );
    };
    // Open loop: every tick sends whatever is due by now, however many replies are outstanding.
    const tick = setInterval(() => {
      const now = performance.now();
      // Order i is due at start + i × 1000 / rate: order 0 at once.
      const due = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      for (let index = sent + skipped; index < due; index++) {
        if (inFlight >= maxInFlight) {
          skipped += 1;
          continue;
        }
        sent += 1;
        inFlight += 1;
        void one(index, start + (index * 1000) / rate);
      }
      progress(false);
      if (sent + skipped < total) return;
      clearInterval(tick);
      const drainStart = performance.now();
      const drain = setInterval(() => {
        progress(false);
        if (inFlight > 0 && performance.now() - drainStart < DRAIN_TIMEOUT_MS) return;
        clearInterval(drain);
        progress(true);
        if (inFlight > 0) failed.NO_REPLY_IN_30S = inFlight;
        const durationMs = (inFlight > 0 ? performance.now() : lastReplyAt) - start;
        resolveDone({
          targetRate: rate,
          seconds,
          connections: clients.length,
          volumeSteps,
          sent,
          sentPerSecond: throughputPerSecond(sent, Math.max(seconds * 1000, drainStart - start)),
          placed,
          placedPerSecond: throughputPerSecond(placed, durationMs),
          durationMs: Math.round(durationMs),
          held,
          failed,
          skipped,
          statuses,
          reasons,
          roundTripMs: latencyFigures(roundTrip),
          placeMs: latencyFigures(place),
          fromScheduleMs: latencyFigures(fromSchedule),
          sendLagMs: latencyFigures(sendLag),
          benchSocketEvents: clients.reduce((sum, client) => sum + client.events, 0) - eventsBefore,
          connectionChanges: (clients[0]?.connectionStates ?? [])
            .filter((change) => change.at >= start)
            .map((change) => ({ atSeconds: round1((change.at - start) / 1000), state: change.state })),
        });
      }, 10);
    }, 1);
  });
  return { done };
}

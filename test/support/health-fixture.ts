// The one builder of HealthNow figures for tests: healthy defaults (every alert rule's default target
// met, no orders), patches deep-merged over them, and the schema's check so a bad fixture fails loudly.
import { HealthNow, LatencySummary } from '../../src-shared/domain/health';
import { ConsoleOrderStatus } from '../../src-shared/domain/order';

/** Every field optional all the way down; arrays (and primitives) are replaced whole, never merged. */
export type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** 100 requests from 20 ms (P50) to 150 ms (max), none failed, with `patch` applied. */
export function latencySummary(patch: Partial<LatencySummary> = {}): LatencySummary {
  return LatencySummary.parse({ p50: 20, p90: 50, p99: 80, p99_9: 120, max: 150, count: 100, timeouts: 0, errors: 0, ...patch });
}

function healthyFigures(): HealthNow {
  return {
    at: 0,
    hub: { state: 'up', heartbeatAgeMs: 200, downForMs: null },
    availability: { '1h': 1, '24h': 1, '7d': 1 },
    throughput: { requestsPerSec: 200, ordersPerSec: 20 },
    latency: { recent: latencySummary(), sinceStart: latencySummary() },
    byOp: [],
    counters: {
      requests: 1000,
      errorsByCode: {},
      retries: 0,
      giveUps: 0,
      ordersByState: Object.fromEntries(ConsoleOrderStatus.options.map((status) => [status, 0])) as HealthNow['counters']['ordersByState'],
      duplicatesAbsorbed: 0,
      repeatsStopped: 0,
      holds: 0,
      rejectedHubMessages: {},
    },
    duplicateRate: 0,
    unknownOrders: { count: 0, oldestAgeMs: null },
    eventLoopDelay: { p50: 1, p99: 5, max: 10 },
    pushSuccessRate: 1,
    push: null,
    alertsFiring: 0,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** `patch` over `base`: plain objects merged key by key, anything else (arrays too) replaces; undefined keeps `base`. */
function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/** Healthy figures with each patch deep-merged over them in turn, checked against the schema. */
export function healthNow(...patches: DeepPartial<HealthNow>[]): HealthNow {
  return HealthNow.parse(patches.reduce<unknown>(deepMerge, healthyFigures()));
}

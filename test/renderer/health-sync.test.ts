// The health feed: it loads the live figures, the alerts and the rules on start, then keeps them
// live from events (alerts upserted by id, those racing the load applied after it), reloads after
// a reconnect, drops a superseded reply and retries a failed load.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HealthSync } from '../../src-renderer/api/health-sync';
import { feedHarness, settle } from './feed-harness';
import { alertEvent, healthNow, RULES } from './health-fixtures';

function setup() {
  const harness = feedHarness(HealthSync);
  const { answer, stores } = harness;
  const answerAll = async (index = -1) => {
    answer('health:now', { ok: true, result: healthNow({ at: 1_000 }) }, index);
    answer('alerts:list', { ok: true, result: { events: [alertEvent(1), alertEvent(2, { resolvedAt: null })] } }, index);
    answer('alerts:rules', { ok: true, result: { rules: RULES } }, index);
    await settle();
  };
  const alertIds = () => stores.alerts.getState().events.map((event) => event.id);
  return { ...harness, answerAll, alertIds };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('HealthSync', () => {
  it('loads the figures, the last 200 alerts and the rules on start', async () => {
    const { sync, callsTo, answerAll, stores, alertIds } = setup();
    sync.start();
    expect(callsTo('health:now')).toHaveLength(1);
    expect(callsTo('alerts:list')[0]?.input).toEqual({ limit: 200 });
    expect(callsTo('alerts:rules')).toHaveLength(1);
    await answerAll();
    expect(stores.health.getState().now?.at).toBe(1_000);
    expect(alertIds()).toEqual([2, 1]);
    expect(stores.alerts.getState()).toMatchObject({ firing: 1, status: 'ready', rules: RULES });
    sync.dispose();
  });

  it('replaces the figures on health:changed and upserts alerts on alerts:changed', async () => {
    const { bridge, sync, answerAll, stores, alertIds } = setup();
    sync.start();
    await answerAll();
    bridge.emit('health:changed', healthNow({ at: 2_000, alertsFiring: 2 }));
    bridge.emit('alerts:changed', { events: [alertEvent(2), alertEvent(3, { resolvedAt: null })] });
    expect(stores.health.getState().now).toMatchObject({ at: 2_000, alertsFiring: 2 });
    expect(alertIds()).toEqual([3, 2, 1]);
    expect(stores.alerts.getState().firing).toBe(1);
    sync.dispose();
  });

  it('applies alerts that raced the load on top of it', async () => {
    const { bridge, sync, answerAll, stores } = setup();
    sync.start();
    // Resolved while the list was on its way: the list still says it fires.
    bridge.emit('alerts:changed', { events: [alertEvent(2)] });
    await answerAll();
    expect(stores.alerts.getState().firing).toBe(0);
    sync.dispose();
  });

  it('keeps the newer figures when health:now answers after a health:changed', async () => {
    const { bridge, sync, answerAll, stores } = setup();
    sync.start();
    bridge.emit('health:changed', healthNow({ at: 5_000 }));
    await answerAll();
    expect(stores.health.getState().now?.at).toBe(5_000);
    sync.dispose();
  });

  it('reloads everything after a reconnect, dropping the replies of the load it replaced', async () => {
    const { bridge, sync, callsTo, answer, stores, alertIds } = setup();
    sync.start();
    bridge.reconnect();
    expect(callsTo('alerts:list')).toHaveLength(2);
    expect(callsTo('health:now')).toHaveLength(2);
    answer('alerts:list', { ok: true, result: { events: [alertEvent(7, { resolvedAt: null })] } }, 1);
    answer('alerts:rules', { ok: true, result: { rules: RULES } }, 1);
    await settle();
    answer('alerts:list', { ok: true, result: { events: [alertEvent(1)] } }, 0);
    await settle();
    expect(alertIds()).toEqual([7]);
    expect(stores.alerts.getState().firing).toBe(1);
    sync.dispose();
  });

  it('shows a failed alerts load as an error, still counts live alerts, and tries again', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { bridge, sync, callsTo, answer, stores } = setup();
    sync.start();
    answer('health:now', { ok: true, result: healthNow() });
    answer('alerts:list', { ok: false, error: { code: 'INTERNAL', message: 'store unreadable' } });
    answer('alerts:rules', { ok: true, result: { rules: RULES } });
    await settle();
    expect(stores.alerts.getState()).toMatchObject({ status: 'error', error: { code: 'INTERNAL' } });
    bridge.emit('alerts:changed', { events: [alertEvent(4, { resolvedAt: null })] });
    expect(stores.alerts.getState().firing).toBe(1);
    await vi.waitFor(() => expect(callsTo('alerts:list')).toHaveLength(2));
    answer('alerts:list', { ok: true, result: { events: [alertEvent(4, { resolvedAt: null }), alertEvent(1)] } });
    await settle();
    expect(stores.alerts.getState()).toMatchObject({ status: 'ready', error: null, firing: 1 });
    sync.dispose();
  });

  it('stops listening once disposed', async () => {
    const { bridge, sync, answerAll, stores } = setup();
    sync.start();
    await answerAll();
    sync.dispose();
    bridge.emit('health:changed', healthNow({ at: 9_000 }));
    bridge.reconnect();
    expect(stores.health.getState().now?.at).toBe(1_000);
  });
});

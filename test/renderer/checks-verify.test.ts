// The Verify against hub command: one run at a time, its result or failure recorded in the checks
// store, and nothing recorded after dispose.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ChecksVerify } from '../../src-renderer/api/checks-verify';
import { createStores } from '../../src-renderer/stores';
import { FakeBridge } from './fake-bridge';
import { verifyResult } from './fixtures';

function setup() {
  const bridge = new FakeBridge();
  const store = createStores().checks;
  const verify = new ChecksVerify(bridge, store, () => 7_000);
  const verifies = () => bridge.calls.filter((call) => call.channel === 'checks:verify');
  const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
  return { bridge, store, verify, verifies, settle };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('ChecksVerify', () => {
  it('asks once however often it is clicked while running, then records the result', async () => {
    const { store, verify, verifies, settle } = setup();
    verify.run();
    verify.run();
    expect(verifies()).toHaveLength(1);
    expect(store.getState().run).toEqual({ kind: 'running', startedAt: 7_000 });

    verifies()[0]?.answer({ ok: true, result: verifyResult({ pass: false, hubDuplicates: ['dup-1'] }) });
    await settle();
    expect(store.getState().run).toMatchObject({ kind: 'done', result: { pass: false, hubDuplicates: ['dup-1'] } });

    verify.run();
    expect(verifies()).toHaveLength(2);
  });

  it('records a call that got no result as failed', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { store, verify, verifies, settle } = setup();
    verify.run();
    verifies()[0]?.answer({ ok: false, error: { code: 'NOT_CONNECTED', message: 'link down' } });
    await settle();
    expect(store.getState().run).toEqual({ kind: 'failed', error: { code: 'NOT_CONNECTED', message: 'link down' } });
  });

  it('records nothing once disposed', async () => {
    const { store, verify, verifies, settle } = setup();
    verify.run();
    verify.dispose();
    verifies()[0]?.answer({ ok: true, result: verifyResult() });
    await settle();
    expect(store.getState().run.kind).toBe('running');
    verify.run();
    expect(verifies()).toHaveLength(1);
  });
});

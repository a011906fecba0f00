// Waits, bounded, for a hub client's first hello: the hub answered (up), refused our timing, or
// said nothing in time. Owns no client; the caller starts and disposes it.
import type { HubClient } from '../../hub/hub-client';

export type HelloOutcome = { kind: 'up' } | { kind: 'refused'; refusal: string } | { kind: 'silent'; message: string };

export function waitForHello(client: HubClient, address: string, waitMs: number): Promise<HelloOutcome> {
  const settled = (): HelloOutcome | undefined => {
    const info = client.connection;
    if (info.refusal) return { kind: 'refused', refusal: info.refusal };
    if (info.hub) return { kind: 'up' };
    return undefined;
  };
  const now = settled();
  if (now) return Promise.resolve(now);
  return new Promise<HelloOutcome>((resolve) => {
    const timer = setTimeout(
      () => done({ kind: 'silent', message: `no hello from the hub at ${address} within ${waitMs} ms (is it running? see --connect-timeout-ms)` }),
      waitMs,
    );
    const subscription = client.onDidChangeConnection(() => {
      const outcome = settled();
      if (outcome) done(outcome);
    });
    function done(outcome: HelloOutcome): void {
      clearTimeout(timer);
      subscription.dispose();
      resolve(outcome);
    }
  });
}

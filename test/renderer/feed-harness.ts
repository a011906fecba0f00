// The scaffolding of the reloading-feed tests (health, settings): the feed under test on a
// FakeBridge and the real stores (the session's principal as given, none by default), a short
// constant backoff, and answers to its requests by channel.
import { ConstantBackoff } from 'cockatiel';
import type { ReloadingFeedOptions } from '../../src-renderer/api/reloading-feed';
import { createStores, type Stores } from '../../src-renderer/stores';
import type { Principal } from '../../src-shared/ipc/access';
import type { InvokeChannel } from '../../src-shared/ipc/channels';
import type { Result } from '../../src-shared/ipc/errors';
import { FakeBridge } from './fake-bridge';

/** Lets the feed's continuations after an answer run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

type FeedClass<F> = new (bridge: FakeBridge, stores: Stores, options: ReloadingFeedOptions) => F;

/** `principal`: who main said the session is, as the first snapshot would have set it. */
export function feedHarness<F>(Feed: FeedClass<F>, principal: Principal | null = null) {
  const bridge = new FakeBridge();
  const stores = createStores();
  stores.connection.setState({ principal });
  const sync = new Feed(bridge, stores, { backoff: new ConstantBackoff(20) });
  const callsTo = (channel: InvokeChannel) => bridge.calls.filter((call) => call.channel === channel);
  /** Answers the `index`th request on `channel` (the latest by default). */
  const answer = (channel: InvokeChannel, result: Result<unknown>, index = -1) => {
    const call = callsTo(channel).at(index);
    if (!call) throw new Error(`no ${channel} was asked for`);
    call.answer(result);
  };
  return { bridge, stores, sync, callsTo, answer };
}

// The hub wires the console speaks (docs/dialects.md) and, per wire, what it can and cannot
// guarantee next to hub protocol v1: shown in the UI (Trade and Health) and tabled in
// docs/guarantees.md. Pure data; the adapters in src-main/hub enforce it.
import { z } from 'zod';

export const HubDialect = z.enum(['v1', 'origin', 'mql5-json-api']);
export type HubDialect = z.infer<typeof HubDialect>;

export interface DialectGuarantees {
  /** How the dialect is named to a trader. */
  readonly label: string;
  /** Order types the console can send over it. */
  readonly orderTypes: string;
  /** Whether the hub recognises a resend of the same clientOrderId rather than executing it again. */
  readonly deduplicates: boolean;
  /** Each way the dialect is weaker than hub protocol v1, in a trader's words; empty for v1. */
  readonly weaker: readonly string[];
}

export const DIALECT_GUARANTEES: Readonly<Record<HubDialect, DialectGuarantees>> = {
  v1: { label: 'hub protocol v1', orderTypes: 'market, limit, stop', deduplicates: true, weaker: [] },
  origin: {
    label: 'origin gateway',
    orderTypes: 'market only',
    // Its req_id cache holds successful orders only, in memory: not a guarantee to resubmit on.
    deduplicates: false,
    weaker: [
      'Timing is the gateway’s documented 5 s, not told by a handshake.',
      'No order history: an order missing from open positions may have been closed, so a lost order stays unknown until a person checks the terminal.',
      'No cancel: market orders only.',
    ],
  },
  'mql5-json-api': {
    label: 'MQL5-JSON-API expert advisor',
    orderTypes: 'market, limit, stop',
    deduplicates: false,
    weaker: [
      'Replies carry no request id: requests go one at a time (a request kept waiting past its timeout is refused unsent), and stale replies are drained.',
      'Timing is the EA README client’s 10 s, not told by a handshake.',
      'A fill counts only once its trade event confirms it; otherwise the order is unknown until the deal history settles it.',
      'Orders are found by comment: the EA must put comment in its lists, or only the trade events can settle an order.',
    ],
  },
};

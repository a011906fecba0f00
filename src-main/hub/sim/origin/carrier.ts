// Lets the simulated hub's request pipeline (queue, stalls, deadline, fault dice) carry the origin
// wire unchanged: each origin request goes in as a v1 envelope wrapping the decoded request, and
// each v1 reply comes out as the origin reply it wraps, or, for the pipeline's own refusals
// (HUB_TIMEOUT, HUB_BUSY, INTERNAL), as the origin reply the gateway gives in that case.
// Owns no socket: it reads and sends through the ROUTER it is handed, never closes it.
import { MAX_REQUEST_BYTES, PROTOCOL_VERSION, ReplyEnvelope, type HubOp } from '../../protocol';
import type { Sender } from '../send-queue';
import { RETCODE, decodeOrigin, envelope, orderFailure, type DecodedOrigin, type OriginAction, type OriginReply } from './wire';

/**
 * The v1 op each action travels as, which is what `--fault-ops` names: the orders as placeOrder,
 * the closes as cancelOrder, ADMIN_EXECUTIONS as admin.orders (so exempt from faults by default),
 * and anything else (bad bodies, unknown actions) as hello.
 */
const CARRIER_OPS: Readonly<Record<OriginAction, HubOp>> = {
  HEARTBEAT: 'ping',
  GET_ACCOUNT_INFO: 'account',
  GET_POSITIONS: 'positions',
  OPEN_ORDER: 'placeOrder',
  ORDER_SEND: 'placeOrder',
  CLOSE_POSITION: 'cancelOrder',
  KILL_SWITCH: 'cancelOrder',
  ADMIN_EXECUTIONS: 'admin.orders',
};

/** Carried requests whose refusal must still be answered in their own shape; oldest dropped first. */
const PENDING_LIMIT = 20_000;

interface Pending {
  readonly reqId: string;
  /** ORDER_SEND is answered in json_gateway.py's shape, everything else in the envelope. */
  readonly order: boolean;
}

export class OriginCarrier implements Sender {
  private seq = 0;
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly socket: AsyncIterable<Uint8Array[]> & Sender) {}

  /** The pipeline's request socket: every origin request re-addressed as a carried v1 request. */
  async *requests(): AsyncGenerator<Uint8Array[]> {
    for await (const frames of this.socket) yield this.carry(frames);
  }

  /** The pipeline's reply sender: unwraps the origin reply from the v1 reply. */
  send(frames: Array<string | Uint8Array>): Promise<void> {
    const last = frames[frames.length - 1];
    const text = typeof last === 'string' ? last : Buffer.from(last ?? []).toString('utf8');
    return this.socket.send([...frames.slice(0, -1), JSON.stringify(this.unwrap(text))]);
  }

  private carry(frames: Uint8Array[]): Uint8Array[] {
    const body = frames[frames.length - 1];
    // Left as they are, so the pipeline ignores, or drops and counts, them as for v1.
    if (frames.length < 2 || !body || frames.some((frame) => frame.byteLength > MAX_REQUEST_BYTES)) return frames;
    const origin = decodeOrigin(body);
    const id = `o${this.seq}`;
    this.seq += 1;
    const order = origin.kind === 'order-invalid' || (origin.kind === 'request' && origin.action === 'ORDER_SEND');
    this.pending.set(id, { reqId: origin.kind === 'order-invalid' ? 'unknown' : origin.reqId, order });
    if (this.pending.size > PENDING_LIMIT) {
      const oldest = this.pending.keys().next();
      if (!oldest.done) this.pending.delete(oldest.value);
    }
    const carried = { v: PROTOCOL_VERSION, id, op: carrierOp(origin), args: { origin } };
    return [...frames.slice(0, -1), Buffer.from(JSON.stringify(carried))];
  }

  private unwrap(text: string): OriginReply {
    const parsed = ReplyEnvelope.safeParse(JSON.parse(text));
    if (!parsed.success) return envelope('unknown', 'ERROR', null, 'Internal error', Date.now());
    const reply = parsed.data;
    if (reply.ok) return reply.result as OriginReply;
    const pending = reply.id === null ? undefined : this.pending.get(reply.id);
    const { code, message } = reply.error;
    if (pending?.order) {
      // json_gateway.py: a timeout is "status unknown", never retried by the gateway.
      if (code === 'HUB_TIMEOUT') return orderFailure(RETCODE.timeout, `Order execution timeout - status unknown (NOT retrying): ${message}`);
      return orderFailure(RETCODE.internal, `Internal error: ${message}`);
    }
    return envelope(pending?.reqId ?? 'unknown', 'ERROR', null, code === 'HUB_TIMEOUT' ? `Timeout: ${message}` : message, Date.now());
  }
}

function carrierOp(origin: DecodedOrigin): HubOp {
  if (origin.kind === 'order-invalid') return 'placeOrder';
  if (origin.kind === 'invalid') return 'hello';
  return Object.hasOwn(CARRIER_OPS, origin.action) ? CARRIER_OPS[origin.action as OriginAction] : 'hello';
}

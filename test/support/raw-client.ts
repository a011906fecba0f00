// Real-ZeroMQ helpers for tests that talk to a hub directly: one raw DEALER exchange (any frames,
// bounded wait) and one protocol call. Every socket is closed before returning.
import { randomUUID } from 'node:crypto';
import { Dealer } from 'zeromq';
import { ReplyEnvelope, PROTOCOL_VERSION } from '../../src-main/hub/protocol';

/** Sends `frames` from a fresh DEALER; the reply's frames, or undefined when none came in time. */
export async function rawDealerRequest(
  endpoint: string,
  frames: Array<string | Buffer>,
  timeoutMs: number,
): Promise<Buffer[] | undefined> {
  const dealer = new Dealer({ linger: 0, receiveTimeout: timeoutMs, sendTimeout: timeoutMs });
  try {
    dealer.connect(endpoint);
    await dealer.send(frames);
    return await dealer.receive();
  } catch (error) {
    if (isTimeout(error)) return undefined;
    throw error;
  } finally {
    dealer.close();
  }
}

/** One protocol request with a unique id; throws when no reply arrives within timeoutMs. */
export async function hubCall(endpoint: string, op: string, args?: unknown, timeoutMs = 5000): Promise<ReplyEnvelope> {
  const id = `t-${randomUUID()}`;
  const body = JSON.stringify(args === undefined ? { v: PROTOCOL_VERSION, id, op } : { v: PROTOCOL_VERSION, id, op, args });
  const frames = await rawDealerRequest(endpoint, [body], timeoutMs);
  if (!frames) throw new Error(`no reply to ${op} from ${endpoint} within ${timeoutMs} ms`);
  const reply = ReplyEnvelope.parse(JSON.parse(lastFrame(frames)));
  if (reply.id !== id && reply.id !== null) throw new Error(`reply id ${reply.id} does not match request id ${id}`);
  return reply;
}

/** The result of a successful call, or an Error carrying the hub's code and message. */
export async function hubResult<T = unknown>(endpoint: string, op: string, args?: unknown, timeoutMs = 5000): Promise<T> {
  const reply = await hubCall(endpoint, op, args, timeoutMs);
  if (!reply.ok) throw new Error(`${op} failed: ${reply.error.code} ${reply.error.message}`);
  return reply.result as T;
}

export function lastFrame(frames: readonly Buffer[]): string {
  const last = frames[frames.length - 1];
  if (!last) throw new Error('empty reply');
  return last.toString('utf8');
}

function isTimeout(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'EAGAIN';
}

// Request bodies in, reply bodies out: decodes and checks a request envelope (never throws on any
// input) and encodes replies. Pure; knows the envelope, not what an operation does.
import type { z } from 'zod';
import { PROTOCOL_VERSION, RequestEnvelope, RequestId, isHubOp, type HubErrorCode, type HubOp } from '../protocol';

export type DecodedRequest =
  | { readonly kind: 'request'; readonly id: string; readonly op: HubOp; readonly args: unknown }
  | { readonly kind: 'invalid'; readonly id: string | null; readonly code: HubErrorCode; readonly message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeRequest(body: Uint8Array): DecodedRequest {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    return invalid(null, 'BAD_REQUEST', 'body is not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return invalid(null, 'BAD_REQUEST', 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return invalid(null, 'BAD_REQUEST', 'body must be a JSON object');
  }
  const fields = value as Record<string, unknown>;
  const id = RequestId.safeParse(fields['id']);
  if (!id.success) return invalid(null, 'BAD_REQUEST', 'id must be a string of 1 to 64 characters');
  if (fields['v'] !== PROTOCOL_VERSION) {
    return invalid(id.data, 'BAD_REQUEST', `v must be ${PROTOCOL_VERSION} (got ${JSON.stringify(fields['v']) ?? 'nothing'})`);
  }
  const envelope = RequestEnvelope.safeParse(value);
  if (!envelope.success) return invalid(id.data, 'BAD_REQUEST', describeIssues(envelope.error));
  const { op, args } = envelope.data;
  if (!isHubOp(op)) return invalid(id.data, 'UNKNOWN_OP', `unknown op ${op}`);
  return { kind: 'request', id: id.data, op, args };
}

/** A zod error as one readable line: `args.volume: expected number, received string`. */
export function describeIssues(error: z.ZodError, prefix?: string): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = [prefix, ...issue.path.map(String)].filter((p) => p !== undefined && p !== '').join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

export function encodeSuccess(id: string, result: unknown): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, id, ok: true, result });
}

export function encodeFailure(id: string | null, code: HubErrorCode, message: string): string {
  return JSON.stringify({ v: PROTOCOL_VERSION, id, ok: false, error: { code, message } });
}

function invalid(id: string | null, code: HubErrorCode, message: string): DecodedRequest {
  return { kind: 'invalid', id, code, message };
}

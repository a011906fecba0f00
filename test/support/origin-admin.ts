// Asks the origin gateway emulator an action with an empty payload, as a plain REQ would, and
// returns its `data`: KILL_SWITCH, and ADMIN_EXECUTIONS (the emulator's own count of executions,
// the ground truth a test checks the console against; the real gateway has no such action).
import { lastFrame, rawDealerRequest } from './raw-client';

export async function originAdmin<T>(requests: string, action: string): Promise<T> {
  const body = JSON.stringify({ action, req_id: `admin-${action}`, timestamp: Date.now() / 1000, payload: {} });
  const frames = await rawDealerRequest(requests, ['', body], 5000);
  if (!frames) throw new Error(`no reply to ${action}`);
  return (JSON.parse(lastFrame(frames)) as { data: T }).data;
}

export interface OriginExecutions {
  total: number;
  byComment: Record<string, number>;
}

export function originExecutions(requests: string): Promise<OriginExecutions> {
  return originAdmin(requests, 'ADMIN_EXECUTIONS');
}

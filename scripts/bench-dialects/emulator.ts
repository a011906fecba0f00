// A bridge dialect's emulator started in this process for the dialect bench and its test, with the
// simulated hub's fault flags, and the emulator's own count of executions per comment (= clientOrderId):
// the ground truth a run is checked against. The real bridges offer no such count.
import { Request } from 'zeromq';
import type { HubDialect } from '../../src-shared/domain/dialects';
import { startMql5Emulator } from '../../src-main/hub/sim/mql5/server';
import { parseSimHubArgs } from '../../src-main/hub/sim/options';
import { startOriginGateway } from '../../src-main/hub/sim/origin/server';

export type BridgeDialect = Exclude<HubDialect, 'v1'>;

export interface DialectEmulator {
  readonly dialect: BridgeDialect;
  /** What the console connects to (`--hub`). */
  readonly address: string;
  /** How many times the emulator executed each comment. */
  executions(): Promise<Map<string, number>>;
  dispose(): Promise<void>;
}

const ADMIN_TIMEOUT_MS = 5000;

/** `flags` are `npm run hub` flags (faults, seed, state file); `port` 0 (the default) is a free one. */
export async function startDialectEmulator(dialect: BridgeDialect, flags: readonly string[], port = 0): Promise<DialectEmulator> {
  const options = parseSimHubArgs(['--dialect', dialect, '--port', String(port), '--log-level', 'silent', ...flags]);
  if (dialect === 'origin') {
    const gateway = await startOriginGateway(options);
    return { dialect, address: gateway.requests, executions: () => originExecutions(gateway.requests), dispose: () => gateway.dispose() };
  }
  const { faultOps: _v1Ops, dialect: _dialect, ...common } = options;
  const ea = await startMql5Emulator(common);
  return { dialect, address: ea.system, executions: async () => ea.executions(), dispose: () => ea.dispose() };
}

/** ADMIN_EXECUTIONS, the origin emulator's own action (exempt from faults). */
async function originExecutions(requests: string): Promise<Map<string, number>> {
  const socket = new Request({ linger: 0, immediate: true, receiveTimeout: ADMIN_TIMEOUT_MS, sendTimeout: ADMIN_TIMEOUT_MS });
  try {
    socket.connect(requests);
    await socket.send(JSON.stringify({ action: 'ADMIN_EXECUTIONS', req_id: 'bench-admin', timestamp: Date.now() / 1000, payload: {} }));
    const [reply] = await socket.receive();
    const { byComment } = (JSON.parse(String(reply)) as { data: { byComment: Record<string, number> } }).data;
    return new Map(Object.entries(byComment));
  } finally {
    socket.close();
  }
}

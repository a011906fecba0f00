// The settings gate end to end: real SQLite in a temp dir, a real local chat-completions endpoint as
// the reviewer, config.json really written. Refusals, approvals, holds and second-person confirms,
// the breaker failing fast, rollback through the same gate, bad input, and a restart.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src-main/app/config';
import { ChatReviewer } from '../../src-main/settings/reviewer';
import type { ChatReviewerOptions } from '../../src-main/settings/reviewer';
import { SettingsGate } from '../../src-main/settings/settings-gate';
import type { SettingsChanged } from '../../src-main/settings/settings-gate';
import { writeSettingsToConfig } from '../../src-main/settings/settings-apply';
import type { ReviewableSettings } from '../../src-shared/domain/settings';
import type { HubInfo } from '../../src-shared/ipc/contract';
import { CodedError } from '../../src-shared/ipc/errors';
import { ChatSim } from '../support/chat-sim';
import type { ChatReply } from '../support/chat-sim';

const HUB: HubInfo = { address: 'tcp://127.0.0.1:5555', embedded: false, hubId: 'hub-1', epoch: 1, requestTimeoutMs: 5000, maxBackoffMs: 2000, maxRetries: 10, heartbeatMs: 1000 };
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Harness {
  gate: SettingsGate;
  dir: string;
  applied: ReviewableSettings[];
  events: SettingsChanged[];
  hub: { info: HubInfo | null };
  sim: ChatSim | null;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hubdesk-settings-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A gate whose apply writes config.json in the data dir; `replies` script a reviewer (none: no reviewer). */
async function harness(options: { replies?: ChatReply[]; always?: ChatReply; reviewer?: Partial<ChatReviewerOptions>; dir?: string; initial?: ReviewableSettings } = {}): Promise<Harness> {
  const dir = options.dir ?? tempDir();
  let sim: ChatSim | null = null;
  if (options.replies || options.always) {
    const started = await ChatSim.start();
    cleanup.push(() => started.close());
    started.queue(...(options.replies ?? []));
    if (options.always) started.always(options.always);
    sim = started;
  }
  const reviewer = sim ? new ChatReviewer({ baseUrl: sim.baseUrl, model: 'gate-model', apiKey: 'k', retries: 0, initialBackoffMs: 5, maxBackoffMs: 10, ...options.reviewer }) : null;
  const hub = { info: HUB as HubInfo | null };
  const applied: ReviewableSettings[] = [];
  const gate = new SettingsGate({
    dataDir: dir,
    logger: pino({ level: 'silent' }),
    hubInfo: () => hub.info,
    reviewer,
    apply: (after) => {
      writeSettingsToConfig(join(dir, 'config.json'), after);
      applied.push(after);
    },
    now: () => 1_700_000_000_000,
    ...(options.initial ? { initial: options.initial } : {}),
  });
  cleanup.push(() => gate.dispose());
  const events: SettingsChanged[] = [];
  gate.onDidChange((event) => events.push(event));
  return { gate, dir, applied, events, hub, sim };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(CodedError);
  return (error as CodedError).code;
}

const change = (changes: Record<string, unknown>, author = 'ana', reason = 'desk request'): unknown => ({ changes, reason, author });

describe('SettingsGate: the done-when', () => {
  it("refuses a timeout below the hub's deadline, naming both numbers, and applies nothing", async () => {
    const { gate, applied, sim } = await harness({ always: { kind: 'verdict', verdict: 'approve' } });
    const record = await gate.propose(change({ requestTimeoutMs: 3000 }));
    expect(record.status).toBe('refused');
    expect(record.findings.find((f) => f.severity === 'refuse')?.message).toMatch(/3000 ms is below the hub's requestTimeoutMs 5000 ms/);
    expect(gate.current().requestTimeoutMs).toBeNull();
    expect(applied).toEqual([]);
    expect(sim?.requests).toHaveLength(0);
    expect(gate.history(10).map((r) => [r.id, r.status])).toEqual([[record.id, 'refused']]);
  });

  it('applies an approved change, rolls it back through the gate, and the history shows both, linked', async () => {
    const { gate, dir, applied, sim } = await harness({ always: { kind: 'verdict', verdict: 'approve', reasons: ['within the hub limits'] } });
    const first = await gate.propose(change({ requestTimeoutMs: 6000 }, 'ana', 'slower bridge'));
    const second = await gate.propose(change({ requestTimeoutMs: 9000, duplicateWindowMs: 5000 }, 'ben'));
    expect([first.status, second.status]).toEqual(['applied', 'applied']);
    expect(second.reviewer).toMatchObject({ verdict: 'approve', model: 'gate-model', text: 'within the hub limits' });
    expect(loadConfig({ argv: [], env: {}, defaultDataDir: dir })).toMatchObject({ requestTimeoutMs: 9000, duplicateWindowMs: 5000 });

    const rollback = await gate.rollback(first.id, 'cleo', 'second change made the desk slow');
    expect(rollback).toMatchObject({ status: 'applied', rollbackOf: first.id, changes: { requestTimeoutMs: 6000, duplicateWindowMs: 3000 } });
    expect(rollback.after).toEqual(first.after);
    expect(gate.current()).toEqual(first.after);
    expect(applied.at(-1)).toEqual(first.after);
    expect(loadConfig({ argv: [], env: {}, defaultDataDir: dir })).toMatchObject({ requestTimeoutMs: 6000, duplicateWindowMs: 3000 });
    expect(sim?.requests).toHaveLength(3);
    const history = gate.history(10);
    expect(history.map((r) => [r.id, r.status, r.rollbackOf])).toEqual([
      [rollback.id, 'applied', first.id],
      [second.id, 'applied', null],
      [first.id, 'applied', null],
    ]);
    expect(history[1]?.before).toEqual(first.after);
  });
});

describe('SettingsGate: reviewer verdicts, holds and confirmation', () => {
  it('holds a change when the reviewer is unreachable; the author cannot confirm it, a second person can', async () => {
    const { gate, applied, hub } = await harness({ always: { kind: 'status', status: 500 } });
    const held = await gate.propose(change({ requestTimeoutMs: 7000 }, 'ana'));
    expect(held).toMatchObject({ status: 'held', reviewer: null, confirmedBy: null });
    expect(held.findings.find((f) => f.rule === 'reviewer-unavailable')?.message).toMatch(/HTTP 500.*second person must confirm/);
    expect(applied).toEqual([]);

    expect(await codeOf(gate.confirm(held.id, ' ANA '))).toBe('INVALID_STATE');
    hub.info = { ...HUB, requestTimeoutMs: 6000 };
    const confirmed = await gate.confirm(held.id, 'ben');
    expect(confirmed).toMatchObject({ id: held.id, status: 'confirmed', confirmedBy: 'ben', confirmedAt: 1_700_000_000_000 });
    expect(gate.current().requestTimeoutMs).toBe(7000);
    expect(applied).toHaveLength(1);
    expect(await codeOf(gate.confirm(held.id, 'cleo'))).toBe('INVALID_STATE');
  });

  it('re-runs the rules at confirmation against the settings and hub in force then', async () => {
    const { gate, applied, hub } = await harness({ always: { kind: 'verdict', verdict: 'unsure', reasons: ['cannot judge'] } });
    const held = await gate.propose(change({ requestTimeoutMs: 7000 }));
    expect(held.status).toBe('held');
    expect(held.findings.find((f) => f.rule === 'reviewer-unsure')?.message).toMatch(/cannot judge/);
    hub.info = { ...HUB, requestTimeoutMs: 8000 };
    const decided = await gate.confirm(held.id, 'ben');
    expect(decided.status).toBe('refused');
    expect(decided.findings.map((f) => f.message).join('\n')).toMatch(/7000 ms is below the hub's requestTimeoutMs 8000 ms/);
    expect(applied).toEqual([]);
  });

  it('refuses on a reviewer reject, with its reasons; a held change can be rejected and then not confirmed', async () => {
    const { gate, applied } = await harness({ replies: [{ kind: 'verdict', verdict: 'reject', reasons: ['no reason for a looser alert'] }, { kind: 'content', content: 'hmm' }] });
    const rejected = await gate.propose(change({ alertThresholds: { p99: 20_000 } }, 'ana', ''));
    expect(rejected).toMatchObject({ status: 'refused', reviewer: { verdict: 'reject' } });
    expect(rejected.findings.find((f) => f.source === 'reviewer')?.message).toMatch(/no reason for a looser alert/);
    const held = await gate.propose(change({ alertThresholds: { p99: 4000 } }));
    expect(held).toMatchObject({ status: 'held', reviewer: { verdict: 'unsure', text: 'unreadable verdict: hmm' } });
    expect(await gate.rejectHeld(held.id, 'ben')).toMatchObject({ status: 'rejected-by-confirmer', confirmedBy: 'ben' });
    expect(await codeOf(gate.confirm(held.id, 'cleo'))).toBe('INVALID_STATE');
    expect(applied).toEqual([]);
  });

  it('holds the next proposal without calling the reviewer once its breaker is open', async () => {
    const { gate, sim } = await harness({
      always: { kind: 'slow', delayMs: 2000, then: { kind: 'verdict', verdict: 'approve' } },
      reviewer: { timeoutMs: 150, breakerThreshold: 2, halfOpenAfterMs: 60_000 },
    });
    for (const ms of [6000, 6100]) expect((await gate.propose(change({ requestTimeoutMs: ms }))).findings.map((f) => f.message).join()).toMatch(/no reply within 150 ms/);
    const third = await gate.propose(change({ requestTimeoutMs: 6200 }));
    expect(third.status).toBe('held');
    expect(third.findings.find((f) => f.rule === 'reviewer-unavailable')?.message).toMatch(/circuit open/);
    expect(sim?.requests).toHaveLength(2);
  });

  it('without a reviewer applies on the built-in rules alone and says so; events tell what applies when', async () => {
    const { gate, events } = await harness();
    const record = await gate.propose(change({ duplicateWindowMs: 1000, hubAddress: 'tcp://10.0.0.9:5555' }));
    expect(record.status).toBe('applied');
    expect(record.findings.map((f) => f.rule)).toEqual(expect.arrayContaining(['no-reviewer', 'applies']));
    expect(events.map((e) => [e.record.id, e.plan])).toEqual([[record.id, { live: ['duplicateWindowMs'], atRestart: ['hubAddress'] }]]);
    expect(events[0]?.settings.duplicateWindowMs).toBe(1000);
  });
});

describe('SettingsGate: input, rollback targets, persistence', () => {
  it.each<[string, unknown, string]>([
    ['a wrong type', change({ requestTimeoutMs: '6000' }), 'changes.requestTimeoutMs'],
    ['an unknown setting', change({ requestTimeoutSeconds: 6 }), 'changes'],
    ['an unknown alert rule', change({ alertThresholds: { p95: 100 } }), 'changes.alertThresholds'],
    ['a fractional count', change({ maxRetries: 1.5 }), 'changes.maxRetries'],
    ['no author', { changes: { maxRetries: 1 }, reason: '', author: '  ' }, 'author'],
    ['an unknown top-level key', { changes: { maxRetries: 1 }, reason: '', author: 'ana', approved: true }, '(input)'],
    ['not an object', 'maxRetries=1', '(input)'],
  ])('rejects %s as BAD_INPUT, recording and applying nothing', async (_name, input, field) => {
    const { gate, applied, events } = await harness();
    const error = await gate.propose(input).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(CodedError);
    expect((error as CodedError).code).toBe('BAD_INPUT');
    expect(Object.keys((error as CodedError).fields ?? {})).toContain(field);
    expect([gate.history(10), applied, events]).toEqual([[], [], []]);
  });

  it('rolls back only to applied changes that exist, and a rollback meets the rules of today', async () => {
    const { gate, hub } = await harness();
    const refused = await gate.propose(change({ requestTimeoutMs: 100 }));
    expect(await codeOf(gate.rollback(refused.id, 'ben', 'undo'))).toBe('INVALID_STATE');
    expect(await codeOf(gate.rollback(999, 'ben', 'undo'))).toBe('NOT_FOUND');
    const applied = await gate.propose(change({ requestTimeoutMs: 6000 }));
    await gate.propose(change({ requestTimeoutMs: null }));
    hub.info = { ...HUB, requestTimeoutMs: 7000 };
    const rollback = await gate.rollback(applied.id, 'ben', 'restore');
    expect(rollback).toMatchObject({ status: 'refused', rollbackOf: applied.id });
    expect(gate.current().requestTimeoutMs).toBeNull();
  });

  it('serialises concurrent proposals: each is decided against the settings the previous one left', async () => {
    const { gate } = await harness({ always: { kind: 'verdict', verdict: 'approve' } });
    const [a, b] = await Promise.all([gate.propose(change({ maxRetries: 5 })), gate.propose(change({ maxBackoffMs: 1000 }))]);
    expect(b?.before).toEqual(a?.after);
    expect(gate.current()).toMatchObject({ maxRetries: 5, maxBackoffMs: 1000 });
  });

  it('keeps history and the settings in force across a restart on the same data dir', async () => {
    const first = await harness();
    const record = await first.gate.propose(change({ alertThresholds: { p50: 400 }, duplicateWindowMs: 0 }, 'ana', 'algo desk sends identical clips'));
    first.gate.dispose();
    // `initial` only seeds a data dir that has no settings yet.
    const second = await harness({ dir: first.dir, initial: { ...record.before, maxRetries: 1 } });
    expect(second.gate.current()).toEqual(record.after);
    expect(second.gate.current().alertThresholds.p50).toBe(400);
    expect(second.gate.history(5)).toEqual([record]);
    expect(second.gate.get(record.id)).toEqual(record);
  });
});

describe('writeSettingsToConfig', () => {
  it('writes the start-up keys atomically, removes null ones, and keeps every other key', async () => {
    const dir = tempDir();
    const path = join(dir, 'config.json');
    writeFileSync(path, JSON.stringify({ logLevel: 'debug', hubAddress: 'tcp://old:1', metricsPort: 9100 }));
    const { gate } = await harness({ dir });
    writeSettingsToConfig(path, { ...gate.current(), requestTimeoutMs: 6000, duplicateWindowMs: 2000 });
    const current = gate.current();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      logLevel: 'debug',
      metricsPort: 9100,
      requestTimeoutMs: 6000,
      duplicateWindowMs: 2000,
      maxRetries: current.maxRetries,
      maxBackoffMs: current.maxBackoffMs,
      retryOps: current.retryOps,
    });
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    writeFileSync(path, '{ not json');
    expect(() => writeSettingsToConfig(path, gate.current())).toThrow(/not valid JSON.*left as it is/);
    expect(readFileSync(path, 'utf8')).toBe('{ not json');
  });
});

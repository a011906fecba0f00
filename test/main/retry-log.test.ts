// The retry log on disk: what one process writes another sees (the stress tool's retries show in
// the console), entries survive a restart, the window in memory is bounded, and CSV is exact.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { retryLogCsv } from '../../src-shared/domain/retry';
import type { RetryEntry } from '../../src-shared/domain/retry';
import type { RetryEvent } from '../../src-main/hub/retry-policy';
import { RetryLog } from '../../src-main/retry-log/retry-log';

const logs: RetryLog[] = [];
afterEach(() => {
  for (const log of logs.splice(0)) log.dispose();
});

function open(dataDir: string, source: string, capacity?: number): RetryLog {
  const log = new RetryLog({ dataDir, source, logger: pino({ level: 'silent' }), pollMs: 0, ...(capacity ? { capacity } : {}) });
  log.start();
  logs.push(log);
  return log;
}

const event = (callId: string, attempt: number, kind: RetryEvent['kind'] = 'retry', op = 'ping'): RetryEvent => ({
  callId,
  op,
  requestId: `${callId}-r${attempt}`,
  attempt,
  maxAttempts: 11,
  kind,
  delayMs: kind === 'retry' ? 100 * attempt : null,
  code: 'TIMEOUT',
  message: 'no reply to ping from the hub within 5500 ms',
});

describe('retry log', () => {
  it('shows what another process wrote, with outcomes, newest first', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-retry-'));
    const consoleLog = open(dir, 'console');
    const stressLog = open(dir, 'stress');
    const changes: RetryEntry[][] = [];
    consoleLog.onDidChange((entries) => changes.push(entries));

    stressLog.onRetry(event('c1', 1));
    stressLog.onRetry(event('c1', 2));
    stressLog.onSettled('c1', 'succeeded');
    stressLog.onRetry(event('c2', 1, 'retry', 'orders'));
    stressLog.onRetry(event('c2', 2, 'give-up', 'orders'));
    stressLog.onSettled('c2', 'gave-up');
    consoleLog.poll();

    expect(changes.flat().length).toBeGreaterThanOrEqual(4);
    const all = consoleLog.list({}).entries;
    expect(all.map((e) => [e.requestId, e.outcome, e.source])).toEqual([
      ['c2-r2', 'gave-up', 'stress'],
      ['c2-r1', 'gave-up', 'stress'],
      ['c1-r2', 'succeeded', 'stress'],
      ['c1-r1', 'succeeded', 'stress'],
    ]);
    expect(consoleLog.list({ op: 'orders' }).total).toBe(2);
    expect(consoleLog.list({ outcome: 'succeeded' }).entries.map((e) => e.requestId)).toEqual(['c1-r2', 'c1-r1']);
  });

  it('keeps every entry across a restart, and only the newest in memory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hubdesk-retry-'));
    const first = open(dir, 'console');
    for (let i = 1; i <= 30; i++) first.onRetry(event(`k${i}`, 1));
    first.dispose();
    logs.splice(logs.indexOf(first), 1);

    const second = open(dir, 'console', 10);
    const { entries, total } = second.list({ limit: 100 });
    expect(total).toBe(30);
    expect(entries).toHaveLength(10);
    expect(entries[0]?.callId).toBe('k30');
    expect(second.csv({}).rows).toBe(30);
  });

  it('writes CSV that quotes commas, quotes and newlines', () => {
    const entry: RetryEntry = {
      id: 1, callId: 'c', time: Date.UTC(2026, 10, 28, 12), op: 'ping', requestId: 'r', attempt: 1, maxAttempts: 11,
      kind: 'retry', delayMs: 5, code: 'TIMEOUT', message: 'said "no",\nthen left', outcome: 'pending', source: 'console',
    };
    const [header, row] = retryLogCsv([entry]).split('\r\n');
    expect(header).toBe('id,time,op,requestId,attempt,maxAttempts,kind,delayMs,code,message,outcome,callId,source');
    expect(row).toBe('1,2026-11-28T12:00:00.000Z,ping,r,1,11,retry,5,TIMEOUT,"said ""no"",\nthen left",pending,c,console'.split('\r\n')[0]);
  });
});

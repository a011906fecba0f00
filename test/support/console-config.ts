// A console configuration for tests: a fresh temp data dir and quiet logs, the defaults otherwise.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConsoleConfig } from '../../src-main/app/config';

export function testConfig(overrides: Partial<ConsoleConfig> = {}): ConsoleConfig {
  return {
    dataDir: mkdtempSync(join(tmpdir(), 'hubdesk-test-')),
    port: 0,
    initialRequestTimeoutMs: 5000,
    duplicateWindowMs: 3000,
    logLevel: 'silent',
    ...overrides,
  };
}

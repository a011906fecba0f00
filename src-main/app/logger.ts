// The console's log: pino to stderr (stdout is kept for machine-readable lines) and to a file in the
// data dir, so support staff can read what happened after a restart.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from 'pino';
import type { ConsoleConfig } from './config';

export function createLogger(config: Pick<ConsoleConfig, 'dataDir' | 'logLevel'>): Logger {
  const dir = join(config.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const streams = pino.multistream([
    { level: config.logLevel === 'silent' ? 'silent' : 'warn', stream: pino.destination(2) },
    { level: config.logLevel === 'silent' ? 'silent' : 'trace', stream: pino.destination({ dest: join(dir, 'hubdesk.log'), sync: false }) },
  ]);
  // Secrets never reach a log line, whatever a caller passes by mistake.
  const redact = { paths: ['token', 'secret', '*.token', '*.secret', 'authorization', '*.authorization', '*.cookie', '*.headers.cookie', '*.headers.authorization'], censor: '[redacted]' };
  return pino({ level: config.logLevel, base: { app: 'hubdesk' }, redact }, streams);
}

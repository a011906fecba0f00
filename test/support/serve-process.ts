// Starts `npm run serve` (the headless console) as a child process for tests and reads its one
// JSON line. Bounded wait; the child is always stoppable.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServedConsole {
  url: string;
  /** The read-only link for support staff. */
  viewerUrl: string;
  dataDir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');

/** `env` is added to this process's environment (e.g. NOTION_TOKEN for the Notion bridge). */
export async function spawnServe(flags: string[], waitMs = 30_000, env: Record<string, string> = {}): Promise<ServedConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-serve-'));
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/host/cli.ts', '--port', '0', '--data-dir', dataDir, ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const line = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL within ${waitMs} ms; stderr:\n${stderr}`)), waitMs);
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (text) => {
      clearTimeout(timer);
      resolveLine(text);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before printing its URL; stderr:\n${stderr}`));
    });
  }).catch(async (error: unknown) => {
    await stop();
    throw error;
  });
  const { url, viewerUrl } = JSON.parse(line) as { url: string; viewerUrl: string };
  return { url, viewerUrl, dataDir, process: child, stop };
}

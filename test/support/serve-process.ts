// Starts `npm run serve` (the headless console) as a child process for tests and reads its one
// JSON line. tsx runs the console in a grandchild, so the child gets its own process group and a
// kill goes to the whole group: SIGKILL really kills the console. Bounded wait; always stoppable.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { groupGone, signalGroup } from './hub-process';

export interface ServedConsole {
  url: string;
  /** The read-only link for support staff. */
  viewerUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** SIGTERM (a clean stop), then SIGKILL to the whole group if it is still running after 5 s. */
  stop(): Promise<void>;
  /** Sends `signal` to the console's process group and waits until every process in it has gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');

/** `env` is added to this process's environment (e.g. NOTION_TOKEN for the Notion bridge). */
export async function spawnServe(flags: string[], waitMs = 30_000, env: Record<string, string> = {}): Promise<ServedConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-serve-'));
  const child = spawn(join(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/host/cli.ts', '--port', '0', '--data-dir', dataDir, ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    detached: true,
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('could not spawn serve');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  // Never leave a console behind if the test runner itself exits.
  const killOnExit = (): void => signalGroup(pgid, 'SIGKILL');
  process.once('exit', killOnExit);
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    signalGroup(pgid, signal);
    const gone = await groupGone(pgid, 5000);
    process.removeListener('exit', killOnExit);
    if (!gone) throw new Error(`serve process group ${pgid} still running 5 s after ${signal}`);
  };
  const stop = async (): Promise<void> => {
    // tsx relays SIGTERM to the console, which disposes and exits 0.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    if (!(await groupGone(pgid, 5000))) await kill('SIGKILL');
    process.removeListener('exit', killOnExit);
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
  return { url, viewerUrl, dataDir, process: child, stop, kill };
}

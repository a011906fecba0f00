// The bench's child processes (simulated hub, headless console): started in their own process group,
// so SIGTERM/SIGKILL reach tsx's node too, and stopped for sure. Knows nothing of what they serve.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = resolve(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const START_TIMEOUT_MS = 60_000;
const KILL_AFTER_MS = 5000;

export interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  readonly exited: Promise<void>;
  /** The last lines it wrote on stderr, for an error message. */
  readonly stderrTail: string[];
  stderrLines: number;
}

/** Runs `tsx ARGS` from the repo root; `line` is the first JSON object it prints on stdout (within lineWaitMs). */
export function startChild(name: string, args: string[], lineWaitMs = START_TIMEOUT_MS): { child: Child; line: Promise<Record<string, unknown>> } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('HUBDESK_')));
  const proc = spawn(TSX, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<void>((done) => proc.once('exit', () => done()));
  const child: Child = { name, proc, exited, stderrTail: [], stderrLines: 0 };
  if (proc.stderr) {
    createInterface({ input: proc.stderr }).on('line', (text) => {
      child.stderrLines += 1;
      child.stderrTail.push(text);
      if (child.stderrTail.length > 20) child.stderrTail.shift();
    });
  }
  const line = new Promise<Record<string, unknown>>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: no JSON line on stdout within ${lineWaitMs / 1000} s${tail(child)}`)), lineWaitMs);
    proc.once('error', (error) => reject(new Error(`${name}: ${error.message}`)));
    // 'close', not 'exit': by then its stderr is read to the end, so the message shows why.
    proc.once('close', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before printing its JSON line${tail(child)}`));
    });
    if (!proc.stdout) return reject(new Error(`${name}: no stdout`));
    createInterface({ input: proc.stdout }).on('line', (text) => {
      try {
        const parsed: unknown = JSON.parse(text);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
          clearTimeout(timer);
          resolveLine(parsed as Record<string, unknown>);
        }
      } catch {
        // Not the JSON line; keep reading.
      }
    });
  });
  line.catch(() => undefined);
  return { child, line };
}

function tail(child: Child): string {
  return child.stderrTail.length > 0 ? `; its stderr ended with:\n  ${child.stderrTail.join('\n  ')}` : '';
}

/** Sends `signal` to the child's whole process group. */
export function signalChild(child: Child, signal: NodeJS.Signals): void {
  const pid = child.proc.pid;
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      child.proc.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

/** SIGTERM, then SIGKILL after KILL_AFTER_MS; resolves once it exited. */
export async function stopChild(child: Child): Promise<void> {
  if (child.proc.pid === undefined) return;
  if (child.proc.exitCode === null && child.proc.signalCode === null) {
    signalChild(child, 'SIGTERM');
    const timer = setTimeout(() => signalChild(child, 'SIGKILL'), KILL_AFTER_MS);
    await child.exited;
    clearTimeout(timer);
  }
  // tsx's node child may outlive the wrapper: make sure the group is gone.
  signalChild(child, 'SIGKILL');
}

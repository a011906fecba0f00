// Starts any tsx script (a tools CLI, a simulator) as a child in its own process group, so SIGKILL
// really kills what tsx started (it runs the script in a grandchild); collects stdout and the tail of
// stderr; bounded waits; the group is killed if the test runner exits first.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const EXIT_WAIT_MS = 5000;

export interface TsxRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface TsxProcess {
  readonly pid: number;
  /** Resolves when the child has exited, with what it wrote. */
  readonly ended: Promise<TsxRun>;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` to the child's whole group and waits (bounded) for it to end. */
  kill(signal: NodeJS.Signals): Promise<TsxRun>;
}

export function startTsx(script: string, args: readonly string[], env: Record<string, string> = {}): TsxProcess {
  const child = spawn(resolve(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, ...env },
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not spawn ${script}`);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-16_000)));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      // Already gone.
    }
  };
  const killOnExit = (): void => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  const ended = new Promise<TsxRun>((done) => {
    child.once('close', (code, signal) => {
      // Whatever tsx left in the group goes with it.
      signalGroup('SIGKILL');
      process.removeListener('exit', killOnExit);
      done({ code, signal, stdout, stderr });
    });
  });
  return {
    pid,
    ended,
    stdout: () => stdout,
    stderr: () => stderr,
    async kill(signal) {
      signalGroup(signal);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, fail) => {
        timer = setTimeout(() => fail(new Error(`${script} still running ${EXIT_WAIT_MS} ms after ${signal}`)), EXIT_WAIT_MS);
      });
      try {
        return await Promise.race([ended, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Waits (bounded) for the child to end by itself; kills its group if it does not. */
export async function waitForExit(child: TsxProcess, waitMs: number): Promise<TsxRun> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((done) => {
    timer = setTimeout(() => done('late'), waitMs);
  });
  const outcome = await Promise.race([child.ended, late]);
  clearTimeout(timer);
  if (outcome !== 'late') return outcome;
  await child.kill('SIGKILL').catch(() => undefined);
  throw new Error(`still running after ${waitMs} ms; stderr:\n${child.stderr()}`);
}

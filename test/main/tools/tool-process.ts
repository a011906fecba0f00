// Starts a tools CLI (`tsx src-main/tools/…`) as a child in its own process group that a test can
// SIGKILL mid-run (tsx runs the script in a grandchild: the signal goes to the whole group). Bounded
// waits; the group is killed if the test runner exits first.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { ToolRun } from './run-tool';

export interface ToolProcess {
  /** Resolves when the child has exited (killed or not), with what it wrote. */
  readonly ended: Promise<ToolRun>;
  /** Sends `signal` to the whole group and waits (bounded) for the child to end. */
  kill(signal: NodeJS.Signals): Promise<ToolRun>;
}

const ROOT = resolve(__dirname, '..', '..', '..');
const EXIT_WAIT_MS = 5000;

export function startTool(script: string, args: readonly string[]): ToolProcess {
  const child = spawn(resolve(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error(`could not spawn ${script}`);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pgid, signal);
    } catch {
      // Already gone.
    }
  };
  const killOnExit = (): void => signalGroup('SIGKILL');
  process.once('exit', killOnExit);
  const ended = new Promise<ToolRun>((done) => {
    child.once('close', (code) => {
      // Whatever tsx left in the group goes with it.
      signalGroup('SIGKILL');
      process.removeListener('exit', killOnExit);
      done({ code, stdout, stderr });
    });
  });
  return {
    ended,
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

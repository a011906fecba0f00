// Runs a tools CLI (`tsx src-main/tools/…`) as a child process in its own process group, collects
// stdout and stderr, and kills the whole group if it outlives its bounded wait.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

const ROOT = resolve(__dirname, '..', '..', '..');

export function runTool(script: string, args: readonly string[], waitMs: number): Promise<ToolRun> {
  const child = spawn(resolve(ROOT, 'node_modules', '.bin', 'tsx'), [script, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killGroup = (): void => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', killGroup);
  return new Promise<ToolRun>((done, fail) => {
    const timer = setTimeout(() => {
      killGroup();
      fail(new Error(`${script} ${args.join(' ')} still running after ${waitMs} ms; stderr:\n${stderr}`));
    }, waitMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      killGroup();
      process.removeListener('exit', killGroup);
      done({ code, stdout, stderr });
    });
  });
}

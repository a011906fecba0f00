// Starts the simulated hub (`tsx src-main/hub/sim/cli.ts FLAGS`) as a child process for tests and
// reads its one JSON line. tsx runs the hub in a grandchild, so the child gets its own process
// group and every signal goes to the whole group: SIGKILL really kills the hub. Bounded waits.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface HubProcess {
  readonly requests: string;
  readonly events: string;
  readonly hubId: string;
  readonly epoch: number;
  readonly process: ChildProcess;
  /** What the hub wrote on stderr (the last 8 KB). */
  stderr(): string;
  /** SIGTERM (a clean dispose), then SIGKILL if it is still running after 5 s. */
  stop(): Promise<void>;
  /** Sends `signal` to the hub's process group and waits until every process in it has gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const ROOT = resolve(__dirname, '..', '..');
const EXIT_WAIT_MS = 5000;

export async function spawnHub(flags: string[], waitMs = 20_000): Promise<HubProcess> {
  const child = spawn(resolve(ROOT, 'node_modules', '.bin', 'tsx'), ['src-main/hub/sim/cli.ts', ...flags], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('could not spawn the hub');
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
  });
  const exited = new Promise<void>((done) => {
    if (child.exitCode !== null || child.signalCode !== null) done();
    else child.once('exit', () => done());
  });
  // Never leave a hub behind if the test runner itself exits.
  const killOnExit = (): void => signalGroup(pgid, 'SIGKILL');
  process.once('exit', killOnExit);

  /** True once the child has exited (its exit code or signal is set) and its group is empty. */
  const gone = async (timeoutMs: number): Promise<boolean> => {
    const exitedInTime = await Promise.race([exited.then(() => true), delay(timeoutMs).then(() => false)]);
    return exitedInTime && (await groupGone(pgid, timeoutMs));
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    signalGroup(pgid, signal);
    const ok = await gone(EXIT_WAIT_MS);
    process.removeListener('exit', killOnExit);
    if (!ok) throw new Error(`hub process group ${pgid} still running ${EXIT_WAIT_MS} ms after ${signal}`);
  };
  const stop = async (): Promise<void> => {
    // tsx relays SIGTERM to the hub, which disposes and exits 0.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    else signalGroup(pgid, 'SIGTERM');
    if (!(await gone(EXIT_WAIT_MS))) await kill('SIGKILL');
    process.removeListener('exit', killOnExit);
  };

  try {
    const line = await firstLine(child, waitMs, () => stderr);
    child.stdout?.resume();
    const parsed = JSON.parse(line) as { requests: string; events: string; hubId: string; epoch: number };
    return { ...parsed, process: child, stderr: () => stderr, stop, kill };
  } catch (error) {
    await kill('SIGKILL').catch(() => undefined);
    throw error;
  }
}

function firstLine(child: ChildProcess, waitMs: number, stderr: () => string): Promise<string> {
  return new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const finish = (error: Error | undefined, line?: string): void => {
      clearTimeout(timer);
      lines.close();
      child.removeListener('exit', onExit);
      if (error) reject(error);
      else resolveLine(line ?? '');
    };
    const onExit = (code: number | null): void =>
      finish(new Error(`hub exited with ${String(code)} before printing its endpoints; stderr:\n${stderr()}`));
    const timer = setTimeout(
      () => finish(new Error(`hub did not print its endpoints within ${waitMs} ms; stderr:\n${stderr()}`)),
      waitMs,
    );
    lines.once('line', (line) => finish(undefined, line));
    child.once('exit', onExit);
  });
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // The group has already gone.
  }
}

/** Whether any live (non-zombie) process is left in the group; zombies hold no sockets or locks. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self/stat')) return true;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue;
    }
    // "pid (comm) state ppid pgrp ...": comm may hold spaces, so read after its closing paren.
    const [state, , group] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(group) === pgid && state !== 'Z') return true;
  }
  return false;
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms).unref());
}

async function groupGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await delay(20);
  }
  return true;
}

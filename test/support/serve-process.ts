// Starts `npm run serve` (the headless console) as a child process for tests and reads its one
// JSON line. Built on startTsx: the console runs in its own process group, so a kill reaches the
// console itself (tsx runs it in a grandchild) and SIGKILL really kills it. Bounded waits.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTsx } from './tsx-process';
import type { TsxRun } from './tsx-process';
import { waitFor } from './wait';

export interface ServedConsole {
  url: string;
  /** The read-only link for support staff. */
  viewerUrl: string;
  dataDir: string;
  /** SIGTERM (a clean stop), then SIGKILL to the whole group if it is still running after 5 s. */
  stop(): Promise<void>;
  /** Sends `signal` to the console's process group and waits until it has ended. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** `env` is added to this process's environment (e.g. NOTION_TOKEN for the Notion bridge). */
export async function spawnServe(flags: string[], waitMs = 30_000, env: Record<string, string> = {}): Promise<ServedConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hubdesk-serve-'));
  const child = startTsx('src-main/host/cli.ts', ['--port', '0', '--data-dir', dataDir, ...flags], env);
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    await child.kill(signal);
  };
  const stop = (): Promise<void> => kill('SIGTERM').catch(() => kill('SIGKILL').catch(() => undefined));
  let exited: TsxRun | undefined;
  void child.ended.then((run) => (exited = run));
  try {
    const line = await waitFor(
      () => {
        if (exited) throw new Error(`serve exited with ${String(exited.code ?? exited.signal)} before printing its URL; stderr:\n${exited.stderr}`);
        return child.stdout().includes('\n') ? child.stdout().split('\n')[0] : undefined;
      },
      'the URL line of serve',
      waitMs,
    );
    const { url, viewerUrl } = JSON.parse(line ?? '{}') as { url: string; viewerUrl: string };
    return { url, viewerUrl, dataDir, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}

// The Notion simulator CLI as a child process for the Notion tests (it reads the one JSON line the
// simulator prints), and the one JSON line a tool printed. Other tsx children: ./tsx-process.
import { startTsx, type TsxProcess, type TsxRun } from './tsx-process';

// The Notion tests take all their child handling from here.
export { startTsx, waitForExit, type TsxProcess, type TsxRun } from './tsx-process';

export interface NotionSimProcess {
  readonly url: string;
  readonly databaseId: string;
  readonly child: TsxProcess;
  /** SIGTERM (the simulator closes and exits 0), then SIGKILL if still running. */
  stop(): Promise<TsxRun>;
}

export async function spawnNotionSim(flags: readonly string[], waitMs = 20_000): Promise<NotionSimProcess> {
  const child = startTsx('src-main/integrations/notion/notion-sim-cli.ts', flags);
  const line = await new Promise<string>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`notion-sim printed nothing within ${waitMs} ms; stderr:\n${child.stderr()}`)), waitMs);
    void child.ended.then((run) => {
      clearTimeout(timer);
      fail(new Error(`notion-sim exited (${String(run.code)}) before listening; stderr:\n${run.stderr}`));
    });
    const poll = setInterval(() => {
      const first = child.stdout().split('\n')[0];
      if (first !== undefined && child.stdout().includes('\n')) {
        clearInterval(poll);
        clearTimeout(timer);
        done(first);
      }
    }, 20);
    void child.ended.then(() => clearInterval(poll));
  }).catch(async (error: unknown) => {
    await child.kill('SIGKILL').catch(() => undefined);
    throw error;
  });
  const parsed = JSON.parse(line) as { url: string; databaseId: string };
  return {
    ...parsed,
    child,
    async stop() {
      try {
        return await child.kill('SIGTERM');
      } catch {
        return child.kill('SIGKILL');
      }
    },
  };
}

/** The one JSON object a tool printed on stdout (fails the parse if it printed anything else). */
export function onlyJsonLine(text: string): unknown {
  const lines = text.trim().split('\n');
  if (lines.length !== 1) throw new Error(`expected one line on stdout, got ${lines.length}:\n${text}`);
  return JSON.parse(lines[0] ?? '');
}

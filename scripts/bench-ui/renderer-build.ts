// The built renderer the bench measures (out/renderer): builds it when missing, warns when older than
// its sources, and names the bundle for the report. Never rebuilds a build that exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './processes';

const RENDERER_INDEX = join(ROOT, 'out', 'renderer', 'index.html');

/** The renderer bundle measured (out/renderer/assets/index-HASH.js) and when it was built. */
export function rendererBuild(): string {
  const script = /src="[^"]*?([^/"]+\.js)"/.exec(readFileSync(RENDERER_INDEX, 'utf8'))?.[1] ?? 'index.html';
  return `${script}, built ${statSync(RENDERER_INDEX).mtime.toISOString()}`;
}

export function ensureRendererBuilt(): void {
  if (!existsSync(RENDERER_INDEX)) {
    process.stderr.write('bench:ui: building the renderer (out/renderer/index.html is missing)…\n');
    const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) throw new Error('electron-vite build failed; see the output above');
    return;
  }
  const builtAt = statSync(RENDERER_INDEX).mtimeMs;
  const newer = ['src-renderer', 'src-shared'].some((dir) => newestMtime(join(ROOT, dir)) > builtAt);
  if (newer) process.stderr.write('bench:ui: warning: out/renderer is older than src-renderer/ or src-shared/; run `npx electron-vite build` to measure the current UI\n');
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

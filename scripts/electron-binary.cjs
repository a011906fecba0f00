// Where the Electron binary is, if this machine has one (npm ci here skips its download).
// CommonJS, so both the npm scripts and Playwright's TypeScript loader can require it.
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

function electronBinary() {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return undefined;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const ELECTRON_MISSING =
  'the Electron binary is not installed (npm ci skips its download: allowScripts electron=false). ' +
  'Run `npm start` (it fetches it) on a machine that can reach the Electron download, with Node 22+.';

module.exports = { electronBinary, ELECTRON_MISSING };

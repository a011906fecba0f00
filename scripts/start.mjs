// `npm start`: the desktop app on the embedded simulated hub. Fetches the Electron binary when
// missing (npm ci skips it), rebuilds native modules for Electron's ABI, builds, and launches.
// Flags after `--` go to the console: npm start -- --hub tcp://HOST:PORT
import { execSync, spawnSync } from 'node:child_process';
import electronBinaryModule from './electron-binary.cjs';

const { ELECTRON_MISSING, electronBinary } = electronBinaryModule;

const run = (command) => execSync(command, { stdio: 'inherit' });

if (!electronBinary()) {
  console.error('hubdesk: fetching the Electron binary…');
  const fetched = spawnSync(process.execPath, ['node_modules/electron/install.js'], { stdio: 'inherit' });
  if (fetched.status !== 0 || !electronBinary()) {
    console.error(`hubdesk: cannot start the desktop app: ${ELECTRON_MISSING}\nWithout Electron, run the same console in a browser: npm run serve`);
    process.exit(1);
  }
}
run('npx electron-builder install-app-deps');
run('npx electron-vite build');
// `.` runs package.json's main (out/main/index.js); the console's flags pass through.
const app = spawnSync(electronBinary(), ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(app.status ?? 1);

// `npm run dist`: packages the desktop app with electron-builder for this platform (needs the
// Electron download, so it runs where that is reachable). Native modules are rebuilt for Electron.
import { execSync } from 'node:child_process';

const run = (command) => execSync(command, { stdio: 'inherit' });
run('npx electron-vite build');
run(`npx electron-builder --config electron-builder.yml ${process.argv.slice(2).join(' ')}`);

// better-sqlite3 is built against one runtime's ABI at a time. `npm start` rebuilds it for Electron;
// tests run in Node, so rebuild it for Node here when it no longer loads.
import { execSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const Database = require('better-sqlite3');
  new Database(':memory:').close();
} catch (error) {
  if (!/NODE_MODULE_VERSION|was compiled against/.test(String(error))) throw error;
  console.error('better-sqlite3 was built for Electron; rebuilding it for Node (about a minute)…');
  execSync('npm rebuild better-sqlite3', { stdio: 'inherit' });
}

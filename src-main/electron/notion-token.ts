// The desktop app's Notion token: encrypted with Electron's safeStorage (the OS keychain) in the
// data dir, decrypted only in main, never sent to the renderer. NOTION_TOKEN still wins if set.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { NotionSecrets } from '../app/notion-service';

export function safeStorageNotionToken(dataDir: string, env: NodeJS.ProcessEnv): NotionSecrets {
  if (env.NOTION_TOKEN) return { source: 'env', token: () => env.NOTION_TOKEN };
  const file = join(dataDir, 'notion-token.bin');
  return {
    source: 'safeStorage',
    token: () => (existsSync(file) && safeStorage.isEncryptionAvailable() ? safeStorage.decryptString(readFileSync(file)) : undefined),
    store: (token) => {
      if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS offers no encrypted storage here: set NOTION_TOKEN instead');
      writeFileSync(file, safeStorage.encryptString(token), { mode: 0o600 });
    },
  };
}

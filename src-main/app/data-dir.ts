// Where the headless console keeps its data when no --data-dir is given (XDG on Linux, the usual
// per-user folders elsewhere). Electron uses its own userData path instead.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(env: Record<string, string | undefined> = process.env): string {
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'hubdesk');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'hubdesk');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'hubdesk');
}

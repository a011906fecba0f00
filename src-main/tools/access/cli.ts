// `npm run access -- --data-dir DIR [list | rotate trader|viewer] [--json]`: the headless host's
// tokens from the command line. A rotation takes effect in a running `serve` within a second and is
// recorded in the data dir's audit trail (audited-rotation.ts).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Role } from '../../../src-shared/ipc/access';
import { AccessFileError, TokenStore } from '../../access/token-store';
import { runToolMain } from '../tool-main';
import { auditedRotation } from './audited-rotation';

export const ACCESS_USAGE = 'usage: npm run access -- --data-dir DIR [list | rotate trader|viewer] [--json]';

function main(argv: string[]): number {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`access: ${(error as Error).message}\n${ACCESS_USAGE}\n`);
    return 2;
  }
  const { dataDir, command, role, json } = parsed;
  if (!existsSync(dataDir)) {
    process.stderr.write(`access: ${dataDir} does not exist (no console has used this data dir)\n`);
    return 1;
  }
  const store = TokenStore.inDataDir(dataDir);
  try {
    if (command === 'rotate' && role) {
      const { token, secret } = auditedRotation(dataDir, store, role);
      const out = { role: token.role, id: token.id, token: secret };
      process.stdout.write(json ? `${JSON.stringify(out)}\n` : `new ${token.role} token ${token.id}: ${secret}\n(the old ${token.role} token no longer works; open the console with ?token=<new token>)\n`);
      return 0;
    }
    const tokens = store.list();
    if (json) process.stdout.write(`${JSON.stringify({ file: store.file, tokens })}\n`);
    else if (tokens.length === 0) process.stdout.write(`no tokens yet in ${store.file} (npm run serve creates them)\n`);
    else for (const token of tokens) process.stdout.write(`${token.role.padEnd(7)} ${token.id}  since ${new Date(token.createdAt).toISOString()}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof AccessFileError)) throw error;
    process.stderr.write(`access: ${error.message}\n`);
    return 1;
  }
}

function parse(argv: string[]): { dataDir: string; command: 'list' | 'rotate'; role: Role | undefined; json: boolean } {
  const { values, positionals } = parseArgs({ args: argv, options: { 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  const dataDir = values['data-dir'];
  if (!dataDir) throw new Error('--data-dir DIR is required');
  const [command = 'list', roleName, ...extra] = positionals;
  if (extra.length > 0) throw new Error(`unexpected ${extra.join(' ')}`);
  if (command === 'list' && roleName === undefined) return { dataDir, command, role: undefined, json: values.json ?? false };
  const role = Role.safeParse(roleName);
  if (command !== 'rotate' || !role.success) throw new Error(`expected "list" or "rotate trader|viewer", got "${positionals.join(' ')}"`);
  return { dataDir, command, role: role.data, json: values.json ?? false };
}

runToolMain('access', async () => main(process.argv.slice(2)));

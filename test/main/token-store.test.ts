// The host's tokens as an operator handles them: created once per role in a 0600 file, a
// rotation ends the old token at once (from the console or `npm run access`), a damaged file
// admits nobody and is never overwritten, and no secret is ever printed by a listing.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessFileError, TokenStore } from '../../src-main/access/token-store';
import { runTool } from './tools/run-tool';

function freshStore(): TokenStore {
  return TokenStore.inDataDir(mkdtempSync(join(tmpdir(), 'hubdesk-tokens-')));
}

describe('TokenStore', () => {
  it('creates one token per role, readable by this user only, and admits each as its role', () => {
    const store = freshStore();
    store.ensure();
    expect(statSync(store.file).mode & 0o777).toBe(0o600);
    const trader = store.secretOf('trader') ?? '';
    const viewer = store.secretOf('viewer') ?? '';
    expect(trader).toMatch(/^[\w-]{43}$/);
    expect(store.authenticate(trader)).toMatchObject({ role: 'trader', tokenId: expect.stringMatching(/^trader-[0-9a-f]{8}$/) });
    expect(store.authenticate(viewer)).toMatchObject({ role: 'viewer' });
    for (const wrong of ['', trader.slice(1), `${trader}x`, trader.toUpperCase(), 'x'.repeat(10_000)]) expect(store.authenticate(wrong)).toBeUndefined();
    const again = TokenStore.inDataDir(join(store.file, '..'));
    again.ensure();
    expect(again.secretOf('trader')).toBe(trader);
  });

  it('rotation ends the old token at once, here and in another process reading the same file', () => {
    const store = freshStore();
    store.ensure();
    const other = new TokenStore(store.file);
    const old = store.secretOf('viewer') ?? '';
    const oldId = store.authenticate(old)?.tokenId ?? '';
    expect(other.authenticate(old)).toBeDefined();
    const { token, secret } = store.rotate('viewer');
    expect(token.id).not.toBe(oldId);
    expect(store.authenticate(old)).toBeUndefined();
    expect(store.isLive(oldId)).toBe(false);
    expect(other.authenticate(old)).toBeUndefined();
    expect(other.authenticate(secret)).toMatchObject({ role: 'viewer', tokenId: token.id });
    expect(store.authenticate(store.secretOf('trader') ?? '')).toMatchObject({ role: 'trader' });
  });

  it('a damaged access file admits nobody and is left as it is', () => {
    const store = freshStore();
    store.ensure();
    const trader = store.secretOf('trader') ?? '';
    writeFileSync(store.file, '{"version":1,"tokens":[{"role":"root"}]}');
    expect(() => store.authenticate(trader)).toThrow(AccessFileError);
    expect(store.authenticate(trader)).toBeUndefined();
    expect(() => new TokenStore(store.file).ensure()).toThrow(/not a hubdesk access file/);
    expect(readFileSync(store.file, 'utf8')).toContain('root');
  });
});

describe('npm run access', () => {
  const tool = 'src-main/tools/access/cli.ts';

  it('rotates a role and lists ids without secrets', async () => {
    const store = freshStore();
    store.ensure();
    const dataDir = join(store.file, '..');
    const rotated = await runTool(tool, ['--data-dir', dataDir, 'rotate', 'viewer', '--json'], 30_000);
    expect(rotated.code).toBe(0);
    const { token, id } = JSON.parse(rotated.stdout) as { token: string; id: string };
    expect(store.authenticate(token)).toMatchObject({ role: 'viewer', tokenId: id });
    const listed = await runTool(tool, ['--data-dir', dataDir], 30_000);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout).not.toContain(store.secretOf('trader') ?? '');
  });

  it('refuses a bad role or a missing data dir with a clear message', async () => {
    const bad = await runTool(tool, ['--data-dir', tmpdir(), 'rotate', 'admin'], 30_000);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/expected "list" or "rotate trader\|viewer"/);
    const missing = await runTool(tool, ['--data-dir', join(tmpdir(), 'no-such-hubdesk-dir'), 'list'], 30_000);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});

// The host's tokens as an operator handles them: created once per role in a 0600 file, a
// rotation ends the old token at once (from the console or `npm run access`), a damaged file
// admits nobody and is never overwritten, and no secret is ever printed by a listing. A rotation
// from the command line is in the data dir's audit trail (without its secret), also while a console
// has that ledger open.
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { AccessFileError, TokenStore } from '../../src-main/access/token-store';
import { startConsoleApp } from '../../src-main/app/console-app';
import { OrderLedger } from '../../src-main/orders/ledger';
import { auditTrailText, readAuditTrail } from '../../src-main/tools/ledger/audit-trail';
import type { AuditEntry } from '../../src-shared/domain/audit';
import { testConfig } from '../support/console-config';
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

  it('a damaged access file admits nobody and is left as it is, by this process or another', () => {
    const store = freshStore();
    store.ensure();
    const trader = store.secretOf('trader') ?? '';
    const damaged = readFileSync(store.file, 'utf8').replace('"version": 1', '"version": 1,,');
    writeFileSync(store.file, damaged);
    for (let i = 0; i < 2; i++) {
      expect(() => store.authenticate(trader)).toThrow(AccessFileError);
      expect(() => store.rotate('viewer')).toThrow(AccessFileError);
      expect(() => store.ensure()).toThrow(AccessFileError);
    }
    expect(() => new TokenStore(store.file).ensure()).toThrow(/not valid JSON/);
    expect(readFileSync(store.file, 'utf8')).toBe(damaged);
    // The message names the file, never what is in it (the parser's own message quotes it).
    expect(() => store.authenticate(trader)).toThrow(/^\S+access\.json is not valid JSON; fix or remove it$/);
    writeFileSync(store.file, '{"version":1,"tokens":[{"role":"root"}]}');
    expect(() => store.authenticate(trader)).toThrow(/not a hubdesk access file/);
  });

  it("waits for another writer's lock, and takes over one left by a writer that died", () => {
    const store = freshStore();
    store.ensure();
    const lockFile = `${store.file}.lock`;
    writeFileSync(lockFile, '');
    expect(() => store.rotate('viewer')).toThrow(/held by another writer/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile, old, old);
    const { secret } = store.rotate('viewer');
    expect(new TokenStore(store.file).authenticate(secret)).toMatchObject({ role: 'viewer' });
    expect(existsSync(lockFile)).toBe(false);
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
    // No console ever ran here: there is no trail to write to, and none is made.
    expect(rotated.stderr).toMatch(/no ledger in .* yet \(no console has run there\), so this rotation is not in the audit trail/);
    expect(existsSync(join(dataDir, 'ledger.sqlite'))).toBe(false);
    const listed = await runTool(tool, ['--data-dir', dataDir], 30_000);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);
    expect(listed.stdout).not.toContain(token);
    expect(listed.stdout).not.toContain(store.secretOf('trader') ?? '');
  });

  it('records a rotation in the audit trail of the ledger as the operator at the command line, without the secret', async () => {
    const store = freshStore();
    store.ensure();
    const dataDir = join(store.file, '..');
    // A console has run here: its ledger is there.
    new OrderLedger(dataDir, (error) => {
      throw error;
    }).close();
    const rotated = await runTool(tool, ['--data-dir', dataDir, 'rotate', 'viewer', '--json'], 30_000);
    expect(rotated.code).toBe(0);
    expect(rotated.stderr).toBe('');
    const { token, id } = JSON.parse(rotated.stdout) as { token: string; id: string };
    // Read and printed as `npm run ledger -- --audit --json` does.
    const printed = auditTrailText(readAuditTrail(dataDir), 'json');
    expect(JSON.parse(printed)).toEqual([
      { seq: 1, at: expect.any(Number), time: expect.any(String), role: 'trader', tokenId: 'command-line', action: 'access.rotate', target: 'viewer', outcome: 'ok', detail: { tokenId: id } },
    ]);
    expect(printed).not.toContain(token);
  });

  it('rotates and records while a console has the same data dir open', async () => {
    const app = await startConsoleApp(testConfig(), pino({ level: 'silent' }));
    try {
      const dataDir = join(app.access.file, '..');
      app.access.ensure();
      expect(await app.local.invoke('access:rotate', { role: 'trader' })).toMatchObject({ ok: true });
      // The console keeps writing to its ledger meanwhile: each refusal is another token's first,
      // so each is its own row (repeats of one token are coalesced, see audit.md).
      let denied = 0;
      let done = false;
      const running = runTool(tool, ['--data-dir', dataDir, 'rotate', 'viewer', '--json'], 30_000).finally(() => (done = true));
      while (!done) {
        expect(await app.router.invoke('orders:place', {}, { role: 'viewer', tokenId: `viewer-5e6f7a8b-${denied}` })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
        denied++;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      const rotated = await running;
      expect(rotated.code).toBe(0);
      expect(rotated.stderr).toBe('');
      const { token, id } = JSON.parse(rotated.stdout) as { token: string; id: string };
      expect(app.access.authenticate(token)).toMatchObject({ role: 'viewer', tokenId: id });
      // The console reads the row the command line wrote into its open ledger, after its own.
      const listed = await app.local.invoke('audit:list', { action: 'access.rotate' });
      const entries = listed.ok ? (listed.result as { entries: AuditEntry[] }).entries : [];
      expect(entries.map(({ role, tokenId, target, outcome, detail }) => ({ role, tokenId, target, outcome, detail }))).toEqual([
        { role: 'trader', tokenId: 'command-line', target: 'viewer', outcome: 'ok', detail: { tokenId: id } },
        { role: 'trader', tokenId: 'desktop', target: 'trader', outcome: 'ok', detail: { tokenId: expect.stringMatching(/^trader-/) } },
      ]);
      expect(denied).toBeGreaterThan(0);
      expect(readAuditTrail(dataDir).filter((entry) => entry.action === 'denied')).toHaveLength(denied);
    } finally {
      await app.dispose();
    }
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

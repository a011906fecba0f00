// The headless host's access tokens: one live token per role in DATA_DIR/access.json (mode 0600,
// written under a lock file, fsynced and renamed), so `serve` can print its URLs after a restart
// and the command line can rotate them while it runs. Never logs a secret; compares in constant time.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ROLES, Role } from '../../src-shared/ipc/access';
import type { AccessToken, Principal } from '../../src-shared/ipc/access';
import { Emitter } from '../../src-shared/util/emitter';

export const ACCESS_FILE = 'access.json';

/** 256 random bits per token: far beyond guessing, and rotation is one call. */
const SECRET_BYTES = 32;

const StoredToken = z.object({ id: z.string().min(1).max(64), role: Role, secret: z.string().min(32).max(200), createdAt: z.number().int() });
type StoredToken = z.infer<typeof StoredToken>;
const AccessFile = z.object({ version: z.literal(1), tokens: z.array(StoredToken) });

export class AccessFileError extends Error {
  override readonly name = 'AccessFileError';
}

/** How long a writer waits for another's lock, and when a lock is taken for abandoned. */
const LOCK_WAIT_MS = 3000;
const LOCK_STALE_MS = 10_000;

export class TokenStore {
  private tokens: StoredToken[] = [];
  private seen = '';
  /** Set while the file on disk is damaged: every read throws it, and nothing is written over it. */
  private damage: AccessFileError | undefined;
  private readonly changed = new Emitter<void>();
  /** Fires after this process rotated or created a token (another process's change shows at refresh). */
  readonly onDidChange = this.changed.event;

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): TokenStore {
    return new TokenStore(join(dataDir, ACCESS_FILE));
  }

  /** Creates a token for each role that has none; an unreadable file is refused, never overwritten. */
  ensure(): void {
    this.refresh();
    if (ROLES.every((role) => this.tokens.some((token) => token.role === role))) return;
    this.update((tokens) => [...tokens, ...ROLES.filter((role) => !tokens.some((token) => token.role === role)).map(issue)]);
  }

  /**
   * Re-reads the file when it changed on disk (a rotation by the command line). True if it did. A
   * damaged file throws, now and at every call until the file changes, and leaves no token live:
   * nobody is admitted until it is fixed, and nothing here writes over it.
   */
  refresh(): boolean {
    const stamp = fileStamp(this.file);
    if (stamp === this.seen) {
      if (this.damage) throw this.damage;
      return false;
    }
    this.seen = stamp;
    this.tokens = [];
    this.damage = undefined;
    try {
      this.tokens = stamp === '' ? [] : readTokens(this.file);
    } catch (error) {
      this.damage = error as AccessFileError;
      throw error;
    }
    return true;
  }

  /** The principal a presented secret stands for, or undefined. Constant time per live token. */
  authenticate(presented: string): Principal | undefined {
    return this.match(presented, (token) => token.secret);
  }

  /**
   * The session cookie's value for a token on one port: derived from the secret, never the secret
   * itself, so a cookie sent to another service on the same host is no link to this console.
   */
  static cookieValue(secret: string, port: number): string {
    return createHmac('sha256', secret).update(`hubdesk-session:${port}`).digest('base64url');
  }

  /** The principal a session cookie stands for on `port`, or undefined. */
  authenticateCookie(presented: string, port: number): Principal | undefined {
    return this.match(presented, (token) => TokenStore.cookieValue(token.secret, port));
  }

  /** True while the token with this id is live (a rotation ends it). */
  isLive(tokenId: string): boolean {
    return this.tokens.some((token) => token.id === tokenId);
  }

  /** The secret of a role's live token, for the URLs `serve` prints. */
  secretOf(role: Role): string | undefined {
    this.refresh();
    return this.tokens.find((token) => token.role === role)?.secret;
  }

  list(): AccessToken[] {
    this.refresh();
    return this.tokens.map(({ id, role, createdAt }) => ({ id, role, createdAt }));
  }

  /** A new token for `role`; the old one stops working now. */
  rotate(role: Role): { token: AccessToken; secret: string } {
    this.refresh();
    const fresh = issue(role);
    this.update((tokens) => [...tokens.filter((token) => token.role !== role), fresh]);
    return { token: { id: fresh.id, role, createdAt: fresh.createdAt }, secret: fresh.secret };
  }

  private match(presented: string, expected: (token: StoredToken) => string): Principal | undefined {
    this.refresh();
    if (presented.length === 0 || presented.length > 200) return undefined;
    const given = digest(presented);
    let found: StoredToken | undefined;
    for (const token of this.tokens) if (timingSafeEqual(given, digest(expected(token)))) found = token;
    return found ? { role: found.role, tokenId: found.id } : undefined;
  }

  /**
   * Read, change and write under the lock file, so a rotation here and one by `npm run access` at
   * the same moment cannot bring back a token the other just ended. The file is read again inside
   * the lock: what another process wrote since our last look is the base.
   */
  private update(change: (tokens: StoredToken[]) => StoredToken[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const release = lock(`${this.file}.lock`);
    try {
      const current = existsSync(this.file) ? readTokens(this.file) : [];
      const tokens = change(current);
      const temp = `${this.file}.${process.pid}.tmp`;
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, `${JSON.stringify({ version: 1, tokens }, null, 2)}\n`);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.file);
      this.tokens = tokens;
      this.seen = fileStamp(this.file);
      this.damage = undefined;
    } finally {
      release();
    }
    this.changed.fire();
  }
}

/** Takes `path` as a lock (created exclusively); waits up to LOCK_WAIT_MS; a lock left by a dead writer is taken over. */
function lock(path: string): () => void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      closeSync(openSync(path, 'wx', 0o600));
      return () => unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (existsSync(path) && Date.now() - statSync(path).mtimeMs > LOCK_STALE_MS) {
        unlinkSync(path);
        continue;
      }
      if (Date.now() > deadline) throw new AccessFileError(`${path} is held by another writer; try again`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    }
  }
}

function issue(role: Role): StoredToken {
  return { id: `${role}-${randomBytes(4).toString('hex')}`, role, secret: randomBytes(SECRET_BYTES).toString('base64url'), createdAt: Date.now() };
}

/** Fixed-length digests, so the comparison takes the same time whatever was presented. */
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

function fileStamp(file: string): string {
  if (!existsSync(file)) return '';
  const stat = statSync(file);
  return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
}

function readTokens(file: string): StoredToken[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    // Never the parser's message: it quotes the file, secrets included.
    const code = (error as NodeJS.ErrnoException).code;
    throw new AccessFileError(`${file} is ${code ? `unreadable (${code})` : 'not valid JSON'}; fix or remove it`);
  }
  const parsed = AccessFile.safeParse(raw);
  if (!parsed.success) throw new AccessFileError(`${file} is not a hubdesk access file; fix or remove it`);
  return parsed.data.tokens;
}

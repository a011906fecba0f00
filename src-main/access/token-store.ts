// The headless host's access tokens: one live token per role in DATA_DIR/access.json (mode 0600,
// written atomically), so `serve` can print its URLs after a restart and the command line can
// rotate them while it runs. Never logs a secret; compares them in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ROLES, Role } from '../../src-shared/ipc/access';
import type { AccessToken, Principal } from '../../src-shared/ipc/access';

export const ACCESS_FILE = 'access.json';

/** 256 random bits per token: far beyond guessing, and rotation is one call. */
const SECRET_BYTES = 32;

const StoredToken = z.object({ id: z.string().min(1).max(64), role: Role, secret: z.string().min(32).max(200), createdAt: z.number().int() });
type StoredToken = z.infer<typeof StoredToken>;
const AccessFile = z.object({ version: z.literal(1), tokens: z.array(StoredToken) });

export class AccessFileError extends Error {
  override readonly name = 'AccessFileError';
}

export class TokenStore {
  private tokens: StoredToken[] = [];
  private seen = '';

  constructor(readonly file: string) {}

  static inDataDir(dataDir: string): TokenStore {
    return new TokenStore(join(dataDir, ACCESS_FILE));
  }

  /** Creates a token for each role that has none; an unreadable file is refused, never overwritten. */
  ensure(): void {
    this.refresh();
    const missing = ROLES.filter((role) => !this.tokens.some((token) => token.role === role));
    if (missing.length === 0) return;
    this.write([...this.tokens, ...missing.map(issue)]);
  }

  /**
   * Re-reads the file when it changed on disk (a rotation by the command line). True if it did. A
   * damaged file throws and leaves no token live: nobody is admitted until it is fixed.
   */
  refresh(): boolean {
    const stamp = fileStamp(this.file);
    if (stamp === this.seen) return false;
    this.seen = stamp;
    this.tokens = [];
    this.tokens = stamp === '' ? [] : readTokens(this.file);
    return true;
  }

  /** The principal a presented secret stands for, or undefined. Constant time per live token. */
  authenticate(presented: string): Principal | undefined {
    this.refresh();
    if (presented.length === 0 || presented.length > 200) return undefined;
    const given = digest(presented);
    let match: StoredToken | undefined;
    for (const token of this.tokens) if (timingSafeEqual(given, digest(token.secret))) match = token;
    return match ? { role: match.role, tokenId: match.id } : undefined;
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
    this.write([...this.tokens.filter((token) => token.role !== role), fresh]);
    return { token: { id: fresh.id, role, createdAt: fresh.createdAt }, secret: fresh.secret };
  }

  private write(tokens: StoredToken[]): void {
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify({ version: 1, tokens }, null, 2)}\n`, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    this.tokens = tokens;
    this.seen = fileStamp(this.file);
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
    throw new AccessFileError(`${file} is not readable JSON (${(error as Error).message}); fix or remove it`);
  }
  const parsed = AccessFile.safeParse(raw);
  if (!parsed.success) throw new AccessFileError(`${file} is not a hubdesk access file; fix or remove it`);
  return parsed.data.tokens;
}

// Who a request to the headless host is, and whether it comes from where the console is served:
// the token (query or Bearer header) or the session cookie set when the page was opened (a value
// derived from the token for this port, never the token), the Host header against the names the
// console is served as, and a browser's Origin against our own.
import type { IncomingMessage } from 'node:http';
import type { Principal } from '../../src-shared/ipc/access';
import { TokenStore } from '../access/token-store';

export interface AccessGateOptions {
  tokens: TokenStore;
  /** http or https: part of every allowed Origin. */
  scheme: 'http' | 'https';
  /** Known once the server listens (port 0 picks one). */
  port: () => number;
  /** Host names (or addresses) the console is reached by; anything else is refused (DNS rebinding). */
  hostNames: readonly string[];
  onError: (error: unknown) => void;
}

export class AccessGate {
  private readonly hostNames: ReadonlySet<string>;

  constructor(private readonly options: AccessGateOptions) {
    this.hostNames = new Set(options.hostNames.map((name) => name.toLowerCase()));
  }

  /** Per port, so two consoles on one machine do not overwrite each other's cookie; `__Host-` under TLS. */
  get cookieName(): string {
    return `${this.options.scheme === 'https' ? '__Host-' : ''}hubdesk_${this.options.port()}`;
  }

  /** The principal of a request, or undefined when it carries no live token (or a wrong Host). */
  principal(request: IncomingMessage, url: URL): Principal | undefined {
    if (!this.hostAllowed(request)) return undefined;
    const presented = url.searchParams.get('token') || bearer(request);
    try {
      if (presented) return this.options.tokens.authenticate(presented);
      const session = cookie(request, this.cookieName);
      return session ? this.options.tokens.authenticateCookie(session, this.options.port()) : undefined;
    } catch (error) {
      // A damaged access file admits nobody; the console itself keeps running.
      this.options.onError(error);
      return undefined;
    }
  }

  /** A browser always sends Origin on a WebSocket; it must be our own. Other clients send none. */
  originAllowed(request: IncomingMessage): boolean {
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    return parsed.protocol === `${this.options.scheme}:` && Number(parsed.port || defaultPort(this.options.scheme)) === this.options.port() && this.hostNames.has(parsed.hostname.toLowerCase());
  }

  /** The cookie that lets the page load its assets and open its WebSocket without the token in every URL. */
  sessionCookie(secret: string): string {
    const value = TokenStore.cookieValue(secret, this.options.port());
    return `${this.cookieName}=${value}; Path=/; HttpOnly; SameSite=Strict${this.options.scheme === 'https' ? '; Secure' : ''}`;
  }

  private hostAllowed(request: IncomingMessage): boolean {
    const host = request.headers.host;
    if (host === undefined) return false;
    try {
      return this.hostNames.has(new URL(`${this.options.scheme}://${host}`).hostname.toLowerCase());
    } catch {
      return false;
    }
  }
}

function bearer(request: IncomingMessage): string | undefined {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

function defaultPort(scheme: 'http' | 'https'): number {
  return scheme === 'https' ? 443 : 80;
}

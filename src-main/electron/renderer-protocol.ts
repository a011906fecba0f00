// Serves the built renderer at app://hubdesk/ instead of file:// (Electron security checklist:
// prefer a custom protocol), and decides which page URLs are ours. Serves only files under the
// renderer folder, each with the CSP header; never another host, never a path that leaves it.
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, sep } from 'node:path';
import type { CustomScheme, Protocol } from 'electron';

const SCHEME = 'app';
const HOST = 'hubdesk';
export const RENDERER_INDEX_URL = `${SCHEME}://${HOST}/index.html`;

/**
 * Registered before ready. `standard` gives the page a real origin (relative URLs, localStorage)
 * and `secure` a secure context; no CORS, fetch, service-worker or CSP-bypass privileges.
 */
export const RENDERER_SCHEME: CustomScheme = { scheme: SCHEME, privileges: { standard: true, secure: true } };

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/**
 * Which page URLs are our renderer: the dev server's exact origin when there is one (development
 * only), otherwise app://hubdesk/. Navigation guards and the IPC sender check both use it.
 */
export function rendererUrlCheck(devServerUrl: string | undefined): (url: string) => boolean {
  const devOrigin = devServerUrl === undefined ? undefined : new URL(devServerUrl).origin;
  return (url) => {
    const parsed = URL.parse(url);
    if (!parsed) return false;
    if (devOrigin !== undefined) return parsed.origin === devOrigin;
    // Node gives non-special schemes an opaque origin, so compare scheme and host.
    return parsed.protocol === `${SCHEME}:` && parsed.host === HOST;
  };
}

/** The file under `root` an app://hubdesk/ URL names, or undefined when the URL is not ours or leaves root. */
export function rendererFile(root: string, url: string): string | undefined {
  const parsed = URL.parse(url);
  if (!parsed || parsed.protocol !== `${SCHEME}:` || parsed.host !== HOST) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  const file = join(root, path === '/' ? 'index.html' : path);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return undefined;
  return file;
}

/** Answers app:// requests from the renderer folder; anything else is a 404. */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, root: string, csp: string): void {
  protocol.handle(SCHEME, async (request) => {
    const file = rendererFile(root, request.url);
    if (!file) return new Response(null, { status: 404 });
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return new Response(null, { status: 404 });
    }
    return new Response(new Uint8Array(body), {
      headers: {
        'Content-Type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
}

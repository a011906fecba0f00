// Words and links of the Access panel. Pure, so the rules are tested without a page.
import type { AccessToken, Role } from '../../../src-shared/ipc/access';

/** The link a rotated token opens: this page's origin when served over http(s), else the bare token. */
export function accessLinkText(secret: string, where: { protocol: string; origin: string }): string {
  return where.protocol === 'http:' || where.protocol === 'https:' ? `${where.origin}/?token=${secret}` : secret;
}

export function rotateWarning(role: Role, own: Role): string {
  if (role === 'viewer') return 'Every open viewer session ends; support staff need the new link.';
  return own === 'trader' ? 'Every trader session ends, this browser included unless it is the desktop app: open the new link.' : '';
}

export function tokenSinceText(token: AccessToken): string {
  return `${new Date(token.createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

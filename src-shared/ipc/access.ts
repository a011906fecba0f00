// Who may do what: the two roles of the headless host and the events each may receive. The router
// checks every invoke against its contract entry's `access`; the host filters events by role.
import { z } from 'zod';
import type { EventChannel } from './channels';

/** `viewer`: support staff, read-only; `trader`: everything. The desktop window is a trader. */
export const ROLES = ['viewer', 'trader'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Who is asking: the role and the id of the token used (never the token itself). */
export const Principal = z.object({ role: Role, tokenId: z.string().min(1).max(64) });
export type Principal = z.infer<typeof Principal>;

/** The person at the desktop app's own window: no token, full rights. */
export const DESKTOP_PRINCIPAL: Principal = Object.freeze({ role: 'trader', tokenId: 'desktop' });

/** The operator at the command line (`npm run access`): whoever can reach the data dir, full rights. */
export const COMMAND_LINE_PRINCIPAL: Principal = Object.freeze({ role: 'trader', tokenId: 'command-line' });

const RANK: Record<Role, number> = { viewer: 0, trader: 1 };

/** True when `role` holds at least the rights of `needed`. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** Events a viewer receives: what its views (Health, Duplicate checks, Retry log, Alerts, Reports) show. */
const VIEWER_EVENTS: ReadonlySet<EventChannel> = new Set<EventChannel>([
  'connection:changed',
  'retries:changed',
  'checks:changed',
  'health:changed',
  'alerts:changed',
]);

export function mayReceive(role: Role, channel: EventChannel): boolean {
  return role === 'trader' || VIEWER_EVENTS.has(channel);
}

/** A token as shown to people: its id and role, never its secret. */
export const AccessToken = z.object({ id: z.string().min(1).max(64), role: Role, createdAt: z.number().int() });
export type AccessToken = z.infer<typeof AccessToken>;

export const AccessStatus = z.object({
  /** The live token of each role. */
  tokens: z.array(AccessToken),
  /** Where `npm run serve` keeps them, so the command line can rotate them too. */
  file: z.string(),
});
export type AccessStatus = z.infer<typeof AccessStatus>;

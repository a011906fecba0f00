// The channel names of the IPC contract, as plain constants with no dependencies, so the sandboxed
// preload can allow exactly these and nothing else. contract.ts checks it covers the same keys.

export const INVOKE_CHANNELS = [
  'session:snapshot',
  'tickets:create',
  'orders:place',
  'orders:cancel',
  'retries:list',
  'retries:csv',
  'orders:confirmHeld',
  'orders:dropHeld',
  'orders:resubmit',
  'orders:resolve',
  'checks:summary',
  'checks:verify',
  'health:now',
  'health:history',
  'alerts:list',
  'alerts:rules',
  'alerts:setRule',
  'reports:build',
  'settings:get',
  'settings:propose',
  'settings:confirm',
  'settings:rejectHeld',
  'settings:history',
  'settings:rollback',
  'notion:status',
  'notion:configure',
  'outbox:list',
  'outbox:retry',
  'outbox:retryParked',
  'reports:push',
  'access:status',
  'access:rotate',
  'audit:list',
  'audit:export',
] as const;
export const EVENT_CHANNELS = [
  'connection:changed',
  'symbols:changed',
  'quotes:changed',
  'orders:changed',
  'account:changed',
  'retries:changed',
  'checks:changed',
  'health:changed',
  'alerts:changed',
  'settings:changed',
  'outbox:changed',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}

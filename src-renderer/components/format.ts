// Number and time formatting shared by the views. Display only: no maths on money happens here.

const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A price to the symbol's digits; '—' when there is none. */
export function formatPrice(value: number | null | undefined, digits: number | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits ?? 5);
}

/** Volumes as lots without float noise (0.30000000000000004 → 0.3). */
export function formatVolume(value: number): string {
  return String(Number(value.toFixed(8)));
}

export function formatMoney(value: number, currency?: string): string {
  const text = money.format(value);
  return currency ? `${text} ${currency}` : text;
}

/** Signed, for P/L: a gain shows its plus. */
export function formatSignedMoney(value: number): string {
  return value > 0 ? `+${money.format(value)}` : money.format(value);
}

/** Spread in points, as traders read it. */
export function formatSpread(bid: number, ask: number, digits: number): string {
  return String(Math.round((ask - bid) * 10 ** digits));
}

export function formatTime(ms: number): string {
  return time.format(ms);
}

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Local date and time to the millisecond, for logs read next to other logs: 2025-03-01 14:02:11.042. */
export function formatLogTime(ms: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

const count = new Intl.NumberFormat('en-US');

/** Whole counts with thousands separators: 1,234. */
export function formatCount(value: number): string {
  return count.format(value);
}

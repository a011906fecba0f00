// Number and time formatting shared by the views. Display only: no maths on money happens here.
import type { AlertRuleDef } from '../../src-shared/domain/alerts';

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

/** A UTC time for file names, without the colons Windows refuses: 2025-03-01T14-02-11Z. */
export function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}

const count = new Intl.NumberFormat('en-US');

/** Whole counts with thousands separators: 1,234. */
export function formatCount(value: number): string {
  return count.format(value);
}

/** Local time of day (14:02:11), with the date in front when it is not today: 2025-03-01 14:02:11. */
export function formatClock(ms: number, now: number = Date.now()): string {
  const d = new Date(ms);
  const today = new Date(now);
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const sameDay = d.getFullYear() === today.getFullYear() && d.getMonth() === today.getMonth() && d.getDate() === today.getDate();
  return sameDay ? clock : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
}

/** Shown for a figure that is not known (yet). */
export const DASH = '—';

/** Sub-10 ms figures keep a decimal (1.2 ms); larger ones are whole (523 ms, 5000 ms). */
export function formatMs(ms: number): string {
  return `${ms < 10 ? Number(ms.toFixed(1)) : Math.round(ms)} ms`;
}

/** A share in [0, 1] as a percentage to 2 decimals (0.99951 → "99.95 %"); "—" when unknown. */
export function formatShare(share: number | null): string {
  return share === null ? DASH : `${(share * 100).toFixed(2)} %`;
}

/** Rates to one decimal without a trailing ".0" (12.34 → "12.3", 4 → "4"); below 1 to two digits (0.033). */
export function formatRate(rate: number): string {
  return String(Number(rate > 0 && rate < 1 ? rate.toPrecision(2) : rate.toFixed(1)));
}

/** A rule's value in its unit: 500 ms, 10 s, 99 %, 100/s. */
export function formatRuleValue(def: Pick<AlertRuleDef, 'unit'>, value: number): string {
  switch (def.unit) {
    case 'ms':
      return formatMs(value);
    case '%':
      return `${Number(value.toFixed(2))} %`;
    case '/s':
      return `${formatRate(value)}/s`;
    case 's':
      return `${Number(value.toFixed(1))} s`;
  }
}

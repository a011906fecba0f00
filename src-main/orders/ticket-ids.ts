// Makes clientOrderIds for new tickets: date and time for people reading logs (FIX advises a date
// for uniqueness across days), a counter, and random bits so two consoles or restarts never collide.
import { randomBytes } from 'node:crypto';

export class TicketIdFactory {
  private counter = 0;

  constructor(private readonly prefix = 'HD') {}

  /** At most 31 characters of [A-Za-z0-9_-] (MetaTrader 5's comment length). */
  next(now = new Date()): string {
    const iso = now.toISOString(); // 2026-11-28T17:03:09.123Z
    const stamp = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;
    this.counter = (this.counter + 1) % 36 ** 3;
    const count = this.counter.toString(36).padStart(3, '0');
    const random = randomBytes(3).toString('hex');
    return `${this.prefix}-${stamp}-${count}${random}`;
  }
}

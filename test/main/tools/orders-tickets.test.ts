// The tickets of a stress orders run: every one passes the console's own ticket checks, neighbours
// differ in symbol, side or volume, and each symbol's net position returns to flat.
import { describe, expect, it } from 'vitest';
import type { SymbolSpec } from '../../../src-shared/domain/market';
import { checkTicket } from '../../../src-shared/domain/ticket-checks';
import { findRecentDuplicate } from '../../../src-main/orders/duplicate-check';
import { pendingOrder } from '../../../src-main/orders/order-state';
import { VOLUME_STEPS, stressTicket } from '../../../src-main/tools/stress/orders-tickets';

const fx = { digits: 5, contractSize: 100_000, minVolume: 0.01, maxVolume: 100, volumeStep: 0.01 };
const SYMBOLS: SymbolSpec[] = [
  { symbol: 'EURUSD', ...fx },
  { symbol: 'GBPUSD', ...fx },
  { symbol: 'XAUUSD', digits: 2, contractSize: 100, minVolume: 0.1, maxVolume: 100, volumeStep: 0.1 },
];

const tickets = Array.from({ length: 2 * SYMBOLS.length * VOLUME_STEPS * 3 }, (_, i) => stressTicket(i, `T-${i}`, SYMBOLS));

describe('stressTicket', () => {
  it('makes market tickets the console accepts, volumes written as whole steps', () => {
    for (const ticket of tickets) {
      expect(ticket.type).toBe('market');
      const spec = SYMBOLS.find((s) => s.symbol === ticket.symbol);
      expect(checkTicket(ticket, spec)).toEqual({});
      expect(String(ticket.volume)).toMatch(/^\d+(\.\d{1,2})?$/);
    }
  });

  it('starts at a symbol\'s minimum volume and keeps within its maximum', () => {
    const gold = tickets.filter((t) => t.symbol === 'XAUUSD').map((t) => t.volume);
    expect(Math.min(...gold)).toBe(0.1);
    const tiny: SymbolSpec[] = [{ symbol: 'XAUUSD', digits: 2, contractSize: 100, minVolume: 0.1, maxVolume: 0.3, volumeStep: 0.1 }];
    const volumes = Array.from({ length: 4 * VOLUME_STEPS }, (_, i) => stressTicket(i, `T-${i}`, tiny).volume);
    expect(Math.max(...volumes)).toBe(0.3);
  });

  it('is never held by the default 3 s pre-trade check against the orders just before it', () => {
    const window = 2 * SYMBOLS.length; // the orders of one buy-sell round
    tickets.forEach((ticket, i) => {
      const recent = tickets.slice(Math.max(0, i - window), i).map((t) => ({ order: pendingOrder(t, 0), sentAt: 0 }));
      expect(findRecentDuplicate(ticket, recent, 0, 3000)).toBeUndefined();
    });
  });

  it('returns each symbol to flat after every buy-sell pair', () => {
    const net = new Map<string, number>();
    tickets.forEach((ticket, i) => {
      const steps = Math.round(ticket.volume * 100);
      net.set(ticket.symbol, (net.get(ticket.symbol) ?? 0) + (ticket.side === 'buy' ? steps : -steps));
      if ((i + 1) % (2 * SYMBOLS.length) === 0) for (const value of net.values()) expect(value).toBe(0);
    });
  });

  it('needs a symbol', () => {
    expect(() => stressTicket(0, 'T-0', [])).toThrow(/at least one symbol/);
  });
});

// Market data shapes shared by main and renderer: symbols and quotes. Pure zod; no I/O.
import { z } from 'zod';

export const SymbolName = z.string().regex(/^[A-Z0-9._]{1,20}$/, 'symbol must be 1-20 of A-Z 0-9 . _');

const positive = z.number().positive();

export const SymbolSpec = z.object({
  symbol: SymbolName,
  digits: z.number().int().min(0).max(8),
  contractSize: positive,
  minVolume: positive,
  maxVolume: positive,
  volumeStep: positive,
});
export type SymbolSpec = z.infer<typeof SymbolSpec>;

export const Quote = z.object({
  symbol: SymbolName,
  bid: positive,
  ask: positive,
  ts: z.number().int().nonnegative(),
});
export type Quote = z.infer<typeof Quote>;

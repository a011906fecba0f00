// Account and netting-position shapes shared by main and renderer. Pure zod; no I/O.
import { z } from 'zod';
import { SymbolName } from './market';

export const Side = z.enum(['buy', 'sell']);
export type Side = z.infer<typeof Side>;

export const Account = z.object({
  currency: z.string().min(1).max(8),
  balance: z.number(),
  equity: z.number(),
  margin: z.number().nonnegative(),
  freeMargin: z.number(),
});
export type Account = z.infer<typeof Account>;

export const Position = z.object({
  symbol: SymbolName,
  side: Side,
  volume: z.number().positive(),
  avgPrice: z.number().positive(),
  unrealizedPnl: z.number(),
});
export type Position = z.infer<typeof Position>;

// The MQL5-JSON-API emulator's options: the simulated hub's own schema entries (host, seed, state
// file, quote cadence, fault flags) plus the EA's port block and the emulator's switches. Schema only.
import { z } from 'zod';
import { SimHubOptions } from '../options';
import { MQL5_ACTIONS } from './wire';

export const Mql5EmulatorOptions = SimHubOptions.pick({
  host: true,
  stateFile: true,
  seed: true,
  quoteMs: true,
  dropRequest: true,
  dropReply: true,
  delayMs: true,
  delayP: true,
  duplicateReply: true,
  stallEveryMs: true,
  stallMs: true,
  logLevel: true,
}).extend({
  /** System socket; data, live and streaming sit on the next three (the EA's 15555-15558). 0: any free block. */
  port: z.number().int().min(0).max(65532).default(15555),
  /** Actions the request/reply faults apply to; unset: every request, bad bodies included. */
  faultActions: z.array(z.enum(MQL5_ACTIONS)).min(1).optional(),
  /** false: lists without `comment`, as the stock EA sends them (see docs/dialects.md). */
  commentInLists: z.boolean().default(true),
});
export type Mql5EmulatorOptions = z.output<typeof Mql5EmulatorOptions>;
export type Mql5EmulatorOptionsInput = z.input<typeof Mql5EmulatorOptions>;

// The origin emulator's position tickets: every fill the gateway executed (with its comment, magic
// and req_id) and every close, kept in memory and, with a state file, appended to a JSON-lines
// sidecar before the reply goes out. MT5 keeps positions in the terminal, so they survive a gateway
// restart; the req_id cache does not (see gateway.ts). No engine calls, no sockets.
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { Side } from '../../../../src-shared/domain/account';

const Opened = z.object({
  kind: z.literal('open'),
  ticket: z.number().int().positive(),
  reqId: z.string(),
  action: z.enum(['ORDER_SEND', 'OPEN_ORDER']),
  symbol: z.string(),
  side: Side,
  volume: z.number().positive(),
  price: z.number().positive(),
  sl: z.number().nullable(),
  tp: z.number().nullable(),
  magic: z.number().int(),
  comment: z.string(),
  time: z.number().int().nonnegative(),
});
export type Opened = z.infer<typeof Opened>;

const Closed = z.object({
  kind: z.literal('close'),
  ticket: z.number().int().positive(),
  /** The engine order that closed it. */
  orderId: z.number().int().positive(),
  price: z.number().positive(),
  time: z.number().int().nonnegative(),
});
export type Closed = z.infer<typeof Closed>;

const Row = z.discriminatedUnion('kind', [Opened, Closed]);
type Row = z.infer<typeof Row>;

export class OriginLedger {
  private readonly opened: Opened[] = [];
  private readonly open = new Map<number, Opened>();
  private readonly closes: Closed[] = [];

  /**
   * `file`: the sidecar, or undefined for memory only. `persistedBelow`: the engine's next order
   * number as stored; a row at or above it was written just before a crash that lost its engine
   * change, so it is dropped (and the file rewritten without it).
   */
  constructor(
    private readonly file: string | undefined,
    persistedBelow: number,
  ) {
    if (!file || !existsSync(file)) return;
    const rows: Row[] = [];
    let dropped = false;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const parsed = parseRow(line);
      const orderId = parsed && (parsed.kind === 'open' ? parsed.ticket : parsed.orderId);
      if (!parsed || orderId === undefined || orderId >= persistedBelow) {
        dropped = true;
        continue;
      }
      rows.push(parsed);
      this.remember(parsed);
    }
    if (dropped) {
      writeFileSync(`${file}.tmp`, rows.map((row) => `${JSON.stringify(row)}\n`).join(''));
      renameSync(`${file}.tmp`, file);
    }
  }

  recordOpen(row: Omit<Opened, 'kind'>): Opened {
    const opened: Opened = { kind: 'open', ...row };
    this.write(opened);
    this.remember(opened);
    return opened;
  }

  recordClose(row: Omit<Closed, 'kind'>): void {
    const closed: Closed = { kind: 'close', ...row };
    this.write(closed);
    this.remember(closed);
  }

  openPositions(): Opened[] {
    return [...this.open.values()];
  }

  position(ticket: number): Opened | undefined {
    return this.open.get(ticket);
  }

  /** Every fill that opened a position, in execution order. */
  executions(): readonly Opened[] {
    return this.opened;
  }

  closeCount(): number {
    return this.closes.length;
  }

  private write(row: Row): void {
    if (this.file) appendFileSync(this.file, `${JSON.stringify(row)}\n`);
  }

  private remember(row: Row): void {
    if (row.kind === 'open') {
      this.opened.push(row);
      this.open.set(row.ticket, row);
    } else {
      this.closes.push(row);
      this.open.delete(row.ticket);
    }
  }
}

/** A line the process wrote; a torn last line after a SIGKILL parses to undefined. */
function parseRow(line: string): Row | undefined {
  try {
    const parsed = Row.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

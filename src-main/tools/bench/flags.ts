// `npm run bench` flags, validated with zod. Pure: throws a FlagError naming the flag.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FlagError, numberFrom } from '../stress/flags';

const count = z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(1_000_000, { error: 'must be at most 1000000' });

export const BenchOptions = z
  .object({
    json: z.boolean(),
    rawWarmup: count,
    rawCount: count,
    clientWarmup: count,
    count,
    rate: z.number().positive({ error: 'must be above 0' }).max(1_000_000, { error: 'must be at most 1000000' }),
  })
  .strict();
export type BenchOptions = z.infer<typeof BenchOptions>;

export const BENCH_USAGE =
  'usage: npm run bench -- [--json] [--rate 1000] [--count 5000] [--raw-count 5000] [--raw-warmup 500] [--client-warmup 500]';

const FLAGS = {
  json: { type: 'boolean' },
  rate: { type: 'string' },
  count: { type: 'string' },
  'raw-count': { type: 'string' },
  'raw-warmup': { type: 'string' },
  'client-warmup': { type: 'string' },
} as const;

const FLAG_OF: Readonly<Record<string, string>> = {
  rawWarmup: '--raw-warmup',
  rawCount: '--raw-count',
  clientWarmup: '--client-warmup',
  count: '--count',
  rate: '--rate',
};

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true; allowPositionals: false }>>['values'];
  try {
    values = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
  const result = BenchOptions.safeParse({
    json: values.json ?? false,
    rate: numberFrom('--rate', values.rate) ?? 1000,
    count: numberFrom('--count', values.count) ?? 5000,
    rawCount: numberFrom('--raw-count', values['raw-count']) ?? 5000,
    rawWarmup: numberFrom('--raw-warmup', values['raw-warmup']) ?? 500,
    clientWarmup: numberFrom('--client-warmup', values['client-warmup']) ?? 500,
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    throw new FlagError(`${FLAG_OF[key] ?? key} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

// The two steps a tool's command line shares (stress notion, ledger): node's strict parseArgs, then
// the zod check, each failure a FlagError that names the flag. Pure: never prints or exits.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { z } from 'zod';

export class FlagError extends Error {
  override name = 'FlagError';
}

export function numberFrom(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new FlagError(`${flag} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

type FlagSpecs = NonNullable<ParseArgsConfig['options']>;

export type FlagValues<O extends FlagSpecs> = ReturnType<typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: false }>>['values'];

/** `argv` read against `options`, no positionals: an unknown flag or a missing value is a FlagError. */
export function parseFlags<O extends FlagSpecs>(argv: readonly string[], options: O): FlagValues<O> {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new FlagError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * `candidate` checked by `schema`; the first issue is a FlagError naming the flag `flagOf` gives for
 * its key (the key itself if none). The message is the schema's, never the value's.
 */
export function validatedFlags<S extends z.ZodType>(schema: S, flagOf: Readonly<Record<string, string>>, candidate: unknown): z.infer<S> {
  const result = schema.safeParse(candidate);
  if (!result.success) {
    const issue = result.error.issues[0];
    const key = String(issue?.path[0] ?? '');
    throw new FlagError(`${flagOf[key] ?? key} ${issue?.message ?? 'is invalid'}`);
  }
  return result.data;
}

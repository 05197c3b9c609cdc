/** Helpers the data commands of the `edubridge` command line share. */
import { stat } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { parseDate } from '../../import/fields.ts';

/** Exit codes: 0 success, 1 the input has errors, 2 a usage mistake, 3 no such child. */
export const EXIT = { ok: 0, inputErrors: 1, usage: 2, noSuchChild: 3 } as const;

/** A usage mistake: printed to stderr, exit code 2. */
export class UsageError extends Error {}

export function parseAsOf(value: string): string {
  const parsed = parseDate(value);
  if (!parsed.ok || !/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return parsed.value;
}

export function parseCount(value: string): number {
  if (!/^\d{1,7}$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export function parseSeed(value: string): number {
  if (!/^-?\d{1,15}$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** Checks a data path exists and is readable before loading. */
export async function requireReadablePath(path: string): Promise<void> {
  try {
    await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (error as Error).message}`);
  }
}

/** Runs a command's action, turning a UsageError (or an unreadable path) into exit code 2 on stderr. */
export function runAction<A extends unknown[]>(action: (...args: A) => Promise<number>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = await action(...args);
    } catch (error) {
      if (error instanceof UsageError) {
        process.stderr.write(`edubridge: ${error.message}\n`);
        process.exitCode = EXIT.usage;
        return;
      }
      throw error;
    }
  };
}

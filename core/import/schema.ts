/**
 * Building blocks for row schemas: zod string fields that parse (dates, flags, numbers, codes) and tag
 * each failure with the problem code the report uses.
 */
import { z } from 'zod';
import { parseDate, parseMoney, parseWholeNumber, parseYesNo, show, type Parsed } from './fields.ts';
import type { ProblemCode } from './problem.ts';

type Parser<T> = (raw: string) => Parsed<T>;

function fail(ctx: z.RefinementCtx, message: string, problem: ProblemCode): never {
  ctx.addIssue({ code: 'custom', message, params: { problem } });
  return z.NEVER;
}

function field<T>(parse: Parser<T>, problem: ProblemCode) {
  return {
    /** A column that must have a value. */
    required: z.string().optional().transform((raw, ctx): T => {
      if (raw === undefined || raw.trim() === '') return fail(ctx, 'is required but empty', 'missing-field');
      const parsed = parse(raw);
      return parsed.ok ? parsed.value : fail(ctx, parsed.message, problem);
    }),
    /** A column that may be empty or absent. */
    optional: z.string().optional().transform((raw, ctx): T | undefined => {
      if (raw === undefined || raw.trim() === '') return undefined;
      const parsed = parse(raw);
      return parsed.ok ? parsed.value : fail(ctx, parsed.message, problem);
    }),
  };
}

const text: Parser<string> = (raw) => ({ ok: true, value: raw.trim() });

export const Text = field(text, 'bad-value');
export const DateField = field(parseDate, 'bad-date');
export const YesNo = field(parseYesNo, 'bad-value');
export const WholeNumber = field((raw) => parseWholeNumber(raw), 'bad-value');
export const Money = field(parseMoney, 'bad-value');

/** One of a fixed set of codes, matched without regard to case; `aliases` maps other spellings. */
export function oneOf<const T extends string>(values: readonly T[], aliases: Readonly<Record<string, T>> = {}) {
  const byUpper = new Map<string, T>();
  for (const value of values) byUpper.set(value.toUpperCase(), value);
  for (const [alias, value] of Object.entries(aliases)) byUpper.set(alias.toUpperCase(), value);
  const list = values.join(', ');
  return field<T>((raw) => {
    const value = byUpper.get(raw.trim().toUpperCase());
    return value !== undefined ? { ok: true, value } : { ok: false, message: `${show(raw)} is not one of ${list}` };
  }, 'bad-value');
}

/** Where a zod issue points (the column) and what problem code it carries. */
export function describeIssue(issue: z.core.$ZodIssue): { column: string; message: string; problem: ProblemCode } {
  const column = issue.path.length > 0 ? issue.path.map(String).join('.') : '-';
  const params = (issue as { params?: { problem?: ProblemCode } }).params;
  return { column, message: issue.message, problem: params?.problem ?? 'bad-value' };
}

/**
 * Building blocks for row schemas: zod string fields that parse (dates, flags, numbers, codes) and tag
 * each failure with the problem code the report uses. Each field also keeps its plain parser, so a row
 * schema made of them gives a fast path for clean CSV rows (`fastFieldsOf`) that cannot disagree with it.
 */
import { z } from 'zod';
import { parseDate, parseMoney, parseWholeNumber, parseYesNo, show, type Parsed } from './fields.ts';
import { KeptStrings } from './kept-strings.ts';
import type { ProblemCode } from './problem.ts';

export type Parser<T> = (raw: string) => Parsed<T>;

/** What a field built by `field` does, without zod: its parser, and whether it must have a value. */
interface PlainField {
  parse: Parser<unknown>;
  required: boolean;
}

const plainFields = new WeakMap<z.ZodType, PlainField>();

function fail(ctx: z.RefinementCtx, message: string, problem: ProblemCode): never {
  ctx.addIssue({ code: 'custom', message, params: { problem } });
  return z.NEVER;
}

/**
 * A column read with `parse` (given the raw text, not empty after trimming), whose failures are reported
 * as `problem`: as a column that must have a value, or one that may be empty or absent (undefined).
 * `parse` must be pure and give a string, number or boolean: the fast path reuses a value for equal text.
 */
export function field<T>(parse: Parser<T>, problem: ProblemCode) {
  const forms = {
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
  plainFields.set(forms.required, { parse, required: true });
  plainFields.set(forms.optional, { parse, required: false });
  return forms;
}

/**
 * A CSV row read straight from its fields, as `schema.safeParse` would give it for a clean row; for any
 * other row (a required column absent or empty, a value its parser rejects) undefined, so the schema
 * explains the problem. `at[i]` is the index in `fields` of `columns[i]`, or -1 when the file lacks it.
 */
export type FastFields<T> = (fields: readonly string[], at: readonly number[]) => T | undefined;

/**
 * The fast path for clean rows of a row schema made only of `field` columns (undefined for any other
 * schema), reading the columns of `columns` it names. Like zod, the row has the schema's keys in its
 * order: an empty column's key holds undefined, and an absent column's key is left out.
 */
export function fastFieldsOf<T>(schema: z.ZodType<T, Record<string, string | undefined>>, columns: readonly string[]): FastFields<T> | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  const keys: string[] = [];
  const positions: number[] = [];
  const parsers: Parser<unknown>[] = [];
  const required: boolean[] = [];
  for (const [key, fieldSchema] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const plain = plainFields.get(fieldSchema);
    const position = columns.indexOf(key);
    if (plain === undefined || position < 0) return undefined;
    keys.push(key);
    positions.push(position);
    parsers.push(plain.parse);
    required.push(plain.required);
  }
  const count = keys.length;
  // Each column's last text and its value: files come sorted (by pupil, by date), so a column often
  // repeats the row before, and its value (the same string, for text) is reused without parsing.
  const lastRaw: (string | undefined)[] = new Array<string | undefined>(count).fill(undefined);
  const lastValue: unknown[] = new Array<unknown>(count).fill(undefined);
  // Text values are kept as strings of their own, once per new value (see KeptStrings).
  const kept = new KeptStrings();
  return (fields, at) => {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < count; k++) {
      const index = at[positions[k] as number] as number;
      if (index < 0) {
        if (required[k]) return undefined;
        continue;
      }
      const raw = fields[index] as string;
      if (raw === lastRaw[k]) {
        row[keys[k] as string] = lastValue[k];
        continue;
      }
      if (raw.trim() === '') {
        if (required[k]) return undefined;
        row[keys[k] as string] = undefined;
        continue;
      }
      const parsed = (parsers[k] as Parser<unknown>)(raw);
      if (!parsed.ok) return undefined;
      const value = typeof parsed.value === 'string' ? kept.of(parsed.value) : parsed.value;
      lastRaw[k] = raw;
      lastValue[k] = value;
      row[keys[k] as string] = value;
    }
    return row as T;
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

/**
 * Field parsers shared by every import format: dates as `YYYY-MM-DD` or `DD/MM/YYYY`, Y/N flags, whole
 * numbers. Each returns the value or a plain-English reason it is not valid.
 */
import { daysInMonth, readIsoDateDigits } from '../rules/calendar.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/** A real calendar date in the years an import accepts (1900–2100). */
function validDate(year: number, month: number, day: number): boolean {
  return year >= 1900 && year <= 2100 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Show a value in a message: quoted, shortened, control characters made visible. */
export function show(value: string): string {
  const shortened = value.length > 40 ? `${value.slice(0, 37)}…` : value;
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(shortened).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** One string per date, by year (from 1900) and then day of the year counted as 31 days a month: big
 * files repeat a few hundred dates. */
const cleanDates: (string | undefined)[][] = [];

/**
 * `text` when it is exactly a real `YYYY-MM-DD` date (years 1900–2100, as `parseDate` accepts), else
 * undefined. Checked character by character, without a regular expression or new strings, and the
 * first string seen for each date is returned for every later copy, so a file's rows share one.
 */
export function cleanIsoDate(text: string): string | undefined {
  const packed = readIsoDateDigits(text);
  if (packed < 0) return undefined;
  const year = Math.floor(packed / 10_000);
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  if (!validDate(year, month, day)) return undefined;
  let days = cleanDates[year - 1900];
  if (days === undefined) {
    for (let y = cleanDates.length; y <= year - 1900; y++) cleanDates.push(new Array<string | undefined>(12 * 31).fill(undefined));
    days = cleanDates[year - 1900] as (string | undefined)[];
  }
  const slot = (month - 1) * 31 + day - 1;
  const known = days[slot];
  if (known !== undefined) return known;
  days[slot] = text;
  return text;
}

/** Whether `text` is exactly a real `YYYY-MM-DD` date. */
export function isCleanIsoDate(text: string): boolean {
  return cleanIsoDate(text) !== undefined;
}

/** A calendar date written `YYYY-MM-DD` or `DD/MM/YYYY` (as SSDA903 and most MIS exports write them). */
export function parseDate(raw: string): Parsed<string> {
  const text = raw.trim();
  // The usual case, without a regular expression (and one string for each date: see cleanIsoDate).
  const clean = cleanIsoDate(text);
  if (clean !== undefined) return { ok: true, value: clean };
  let match = ISO.exec(text);
  if (match) {
    const [, y, m, d] = match;
    if (validDate(Number(y), Number(m), Number(d))) return { ok: true, value: text };
    return { ok: false, message: `${show(raw)} is not a real date` };
  }
  match = UK.exec(text);
  if (match) {
    const [, d, m, y] = match;
    if (validDate(Number(y), Number(m), Number(d))) return { ok: true, value: `${y}-${(m as string).padStart(2, '0')}-${(d as string).padStart(2, '0')}` };
    return { ok: false, message: `${show(raw)} is not a real date` };
  }
  return { ok: false, message: `${show(raw)} is not a date: write YYYY-MM-DD or DD/MM/YYYY` };
}

export function parseYesNo(raw: string): Parsed<boolean> {
  const text = raw.trim().toUpperCase();
  if (text === 'Y' || text === 'YES' || text === 'TRUE' || text === '1') return { ok: true, value: true };
  if (text === 'N' || text === 'NO' || text === 'FALSE' || text === '0') return { ok: true, value: false };
  return { ok: false, message: `${show(raw)} is not Y or N` };
}

export function parseWholeNumber(raw: string, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): Parsed<number> {
  const text = raw.trim();
  if (!/^\d{1,15}$/.test(text)) return { ok: false, message: `${show(raw)} is not a whole number` };
  const value = Number(text);
  if (value < min || value > max) return { ok: false, message: `${show(raw)} is not between ${min} and ${max}` };
  return { ok: true, value };
}

/** An amount of money in pounds: digits with optional pence, an optional £ sign and thousands commas. */
export function parseMoney(raw: string): Parsed<number> {
  const text = raw.trim().replace(/^£/, '').replace(/,(?=\d{3}\b)/g, '');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(text)) return { ok: false, message: `${show(raw)} is not an amount in pounds` };
  return { ok: true, value: Number(text) };
}

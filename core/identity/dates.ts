import { daysInMonth } from '../rules/calendar.ts';

/**
 * Dates of birth as UK case-management systems write them: 03/03/2012, 3/3/2012, 03.03.2012, 03-03-2012,
 * 2012-03-03, 3 Mar 2012, 3rd March 2012, Tuesday 3 March 2012, 03-MAR-2012 (Oracle-style), and the
 * Welsh month names (3 Mawrth 2012). Numeric dates are day first, as in the UK; a date that can only be
 * month first (03/13/2012) is not read. A two-digit year (03/03/12) is not guessed: it is reported as
 * uncertain, as is a text with two different dates in it.
 */

export type DateFormat = 'auto' | 'dd/mm/yyyy' | 'yyyy-mm-dd' | 'd mmm yyyy';

export type PageDate =
  | { kind: 'date'; date: string }
  | { kind: 'uncertain'; why: 'two-digit-year' | 'several-dates' }
  | { kind: 'unreadable' };

/** Month names and their usual abbreviations, English and Welsh, folded to lower case without accents. */
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['jan', 'january', 'ionawr'],
  ['feb', 'february', 'chwefror', 'chwef'],
  ['mar', 'march', 'mawrth'],
  ['apr', 'april', 'ebrill'],
  ['may', 'mai'],
  ['jun', 'june', 'mehefin'],
  ['jul', 'july', 'gorffennaf', 'gorff'],
  ['aug', 'august', 'awst'],
  ['sep', 'sept', 'september', 'medi'],
  ['oct', 'october', 'hydref'],
  ['nov', 'november', 'tachwedd', 'tach'],
  ['dec', 'december', 'rhagfyr'],
];
const MONTH_BY_NAME = new Map<string, number>(MONTH_NAMES.flatMap((names, index) => names.map((name) => [name, index + 1] as const)));

function iso(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

interface Found {
  date?: string;
  twoDigitYear?: boolean;
}

const ISO = /(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)/gu;
const NUMERIC = /(?<![\d.\-/])(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?![\d.\-/]*\d)/gu;
const WORDED = /(?<![\p{L}\d])(\d{1,2})(?:st|nd|rd|th)?[\s\-/.]+(\p{L}{3,10})\.?,?[\s\-/.]+(\d{4}|\d{2})(?!\d)/gu;

function findAll(text: string, format: DateFormat): Found[] {
  const found: Found[] = [];
  if (format === 'auto' || format === 'yyyy-mm-dd') {
    for (const m of text.matchAll(ISO)) found.push({ date: iso(Number(m[1]), Number(m[2]), Number(m[3])) });
  }
  if (format === 'auto' || format === 'dd/mm/yyyy') {
    for (const m of text.matchAll(NUMERIC)) {
      const year = m[4]!;
      if (year.length === 2) found.push({ twoDigitYear: true });
      else found.push({ date: iso(Number(year), Number(m[3]), Number(m[1])) });
    }
  }
  if (format === 'auto' || format === 'd mmm yyyy') {
    for (const m of text.matchAll(WORDED)) {
      const month = MONTH_BY_NAME.get(
        m[2]!
          .normalize('NFKD')
          .replace(/\p{M}/gu, '')
          .toLowerCase(),
      );
      if (month === undefined) continue;
      const year = m[3]!;
      if (year.length === 2) found.push({ twoDigitYear: true });
      else found.push({ date: iso(Number(year), month, Number(m[1])) });
    }
  }
  return found;
}

/** The date a page's text shows, read strictly: a date, an honest "uncertain", or "unreadable". */
export function readPageDate(text: string, format: DateFormat = 'auto'): PageDate {
  const found = findAll(text, format);
  const dates = new Set(found.map((f) => f.date).filter((d): d is string => d !== undefined));
  if (dates.size > 1) return { kind: 'uncertain', why: 'several-dates' };
  if (dates.size === 1) return { kind: 'date', date: [...dates][0]! };
  if (found.some((f) => f.twoDigitYear)) return { kind: 'uncertain', why: 'two-digit-year' };
  return { kind: 'unreadable' };
}

/** A date as a case-management page writes it, as `YYYY-MM-DD`; undefined unless it is read for certain. */
export function parsePageDate(text: string, format: DateFormat = 'auto'): string | undefined {
  const read = readPageDate(text, format);
  return read.kind === 'date' ? read.date : undefined;
}

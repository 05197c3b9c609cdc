import { z } from 'zod';

/**
 * The school calendar: academic years, terms, England and Wales bank holidays, working days and school
 * days.
 *
 * Every date is an ISO `YYYY-MM-DD` string treated as a calendar date in UTC, so results never depend on
 * the time zone of the machine running the code. Internally a date is a day number (days since
 * 1970-01-01), which makes adding days and counting between dates plain integer arithmetic.
 */

// ---------------------------------------------------------------------------------------------------
// Dates as day numbers

/** The digit at `index` of `text`, or -1 when it is not an ASCII digit. */
function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - 48;
  return digit >= 0 && digit <= 9 ? digit : -1;
}

/**
 * `YYYY-MM-DD` read as the whole number YYYYMMDD, or -1 when `text` is not four, two and two ASCII digits
 * joined by hyphens. Read character by character, with no regular expression and no new strings, for the
 * hot paths (attendance rules, importers); the month and day are not checked against the calendar.
 */
export function readIsoDateDigits(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return -1;
  let packed = 0;
  for (let index = 0; index < 10; index += 1) {
    if (index === 4 || index === 7) continue;
    const digit = digitAt(text, index);
    if (digit < 0) return -1;
    packed = packed * 10 + digit;
  }
  return packed;
}

/** Day number (days since 1970-01-01) of an ISO date `YYYY-MM-DD`, any year 0000–9999 (proleptic
 * Gregorian calendar); throws a RangeError naming the value if it is not a real calendar date. Counted
 * with integer arithmetic — no Date, whose years 0–99 mean 19xx — since the attendance rules call it for
 * every day of marks. */
export function toDayNumber(date: string): number {
  const packed = readIsoDateDigits(date);
  if (packed >= 0) {
    const year = Math.floor(packed / 10_000);
    const month = Math.floor(packed / 100) % 100;
    const day = packed % 100;
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) return daysFromCivil(year, month, day);
  }
  throw new RangeError(`"${date}" is not a calendar date in the form YYYY-MM-DD`);
}

/** The ISO date of a day number. */
export function fromDayNumber(dayNumber: number): string {
  // Proleptic Gregorian calendar from a day count (H. Hinnant's civil_from_days): plain integer
  // arithmetic, many times faster than formatting a Date, which matters on the attendance hot path.
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1–12) of `year`, in the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

function isoOf(year: number, month: number, day: number): string {
  return fromDayNumber(daysFromCivil(year, month, day));
}

/** Day of the week of a day number: 0 Sunday … 6 Saturday (1970-01-01 was a Thursday). */
function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

/** Day of the week of a day number (see `toDayNumber`): 0 Sunday … 6 Saturday. */
export const weekdayOfDayNumber = weekdayOf;

/** Day of the week of an ISO date: 0 Sunday … 6 Saturday. */
export function dayOfWeek(date: string): number {
  return weekdayOf(toDayNumber(date));
}

export function isWeekend(date: string): boolean {
  const weekday = dayOfWeek(date);
  return weekday === 0 || weekday === 6;
}

/** `date` plus `n` calendar days (n may be negative). */
export function addDays(date: string, n: number): string {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from `from` to `to` (to − from; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/** The Monday on or before `date`: the key of the week for weekly series. */
export function weekStart(date: string): string {
  const dayNumber = toDayNumber(date);
  return fromDayNumber(dayNumber - ((weekdayOf(dayNumber) + 6) % 7));
}

/** First day of the given weekday (0 Sunday … 6 Saturday) on or after `dayNumber`. */
function onOrAfter(dayNumber: number, weekday: number): number {
  return dayNumber + ((weekday - weekdayOf(dayNumber) + 7) % 7);
}

/** Last day of the given weekday on or before `dayNumber`. */
function onOrBefore(dayNumber: number, weekday: number): number {
  return dayNumber - ((weekdayOf(dayNumber) - weekday + 7) % 7);
}

function dayNumberOf(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day);
}

const MONDAY = 1;
const FRIDAY = 5;

// ---------------------------------------------------------------------------------------------------
// Academic years

export interface AcademicYear {
  /** The calendar year in which the academic year starts (2025 for 2025/26). */
  startYear: number;
  /** e.g. "2025/26" */
  label: string;
  /** 1 September */
  start: string;
  /** 31 August */
  end: string;
}

/** The label of the academic year starting in `startYear`, e.g. 2025 → "2025/26". */
export function academicYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The academic year a date falls in: 1 September to 31 August (the DfE's school year). */
export function academicYearOf(date: string): AcademicYear {
  toDayNumber(date);
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const startYear = month >= 9 ? year : year - 1;
  return academicYearStarting(startYear);
}

/** The academic year starting on 1 September of `startYear`. */
export function academicYearStarting(startYear: number): AcademicYear {
  return {
    startYear,
    label: academicYearLabel(startYear),
    start: isoOf(startYear, 9, 1),
    end: isoOf(startYear + 1, 8, 31),
  };
}

// ---------------------------------------------------------------------------------------------------
// Bank holidays (England and Wales)

/**
 * Easter Sunday of a year in the Gregorian calendar, by the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher), as a day number.
 */
function easterSundayDayNumber(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayNumberOf(year, month, day);
}

/** Easter Sunday of a year (Gregorian), as an ISO date. */
export function easterSunday(year: number): string {
  return fromDayNumber(easterSundayDayNumber(year));
}

/**
 * One-off changes to the England and Wales bank holidays, by year: days added, and rule-made days moved.
 * Source: DOMAIN.md §3 [P: gov.uk bank holidays] for 2011, 2012, 2020, 2022 and 2023. The 1995, 1999
 * and 2002 entries are from gov.uk's historical announcements and are not in DOMAIN.md [U]: easy to
 * correct here. Add future one-off days (royal occasions) to this table when they are proclaimed.
 */
export const BANK_HOLIDAY_CHANGES: Readonly<
  Record<number, { added?: readonly string[]; moved?: readonly { from: string; to: string }[] }>
> = {
  1995: { moved: [{ from: '1995-05-01', to: '1995-05-08' }] }, // VE Day 50th anniversary [U]
  1999: { added: ['1999-12-31'] }, // Millennium [U]
  2002: { moved: [{ from: '2002-05-27', to: '2002-06-04' }], added: ['2002-06-03'] }, // Golden Jubilee [U]
  2011: { added: ['2011-04-29'] }, // Royal wedding [P]
  2012: { moved: [{ from: '2012-05-28', to: '2012-06-04' }], added: ['2012-06-05'] }, // Diamond Jubilee [P]
  2020: { moved: [{ from: '2020-05-04', to: '2020-05-08' }] }, // VE Day 75th anniversary [P]
  2022: {
    moved: [{ from: '2022-05-30', to: '2022-06-02' }],
    added: ['2022-06-03', '2022-09-19'], // Platinum Jubilee; State Funeral of Queen Elizabeth II [P]
  },
  2023: { added: ['2023-05-08'] }, // Coronation of King Charles III [P]
};

/**
 * England and Wales bank holidays of a calendar year, ISO dates, sorted.
 *
 * By rule (DOMAIN.md §3 [P: gov.uk bank holidays]): New Year's Day, Good Friday, Easter Monday, the first
 * Monday of May (early May, since 1978), the last Monday of May (spring), the last Monday of August
 * (summer), Christmas Day and Boxing Day; a fixed-date holiday falling at a weekend moves to the next
 * weekday that is not already a holiday (so Christmas on a Saturday gives Monday 27 and Tuesday 28
 * December). Then the one-off changes in `BANK_HOLIDAY_CHANGES`. Accurate from 1978; earlier years get
 * the same rule, which is not what was observed then.
 */
export function bankHolidays(year: number): string[] {
  if (!Number.isInteger(year) || year < 1 || year > 9999) {
    throw new RangeError(`Bank holidays need a whole year between 1 and 9999, not ${year}`);
  }
  return [...bankHolidaySet(year)].sort();
}

const bankHolidayCache = new Map<number, ReadonlySet<string>>();

function bankHolidaySet(year: number): ReadonlySet<string> {
  const cached = bankHolidayCache.get(year);
  if (cached) return cached;
  const days = new Set<number>();
  // Fixed-date holidays, in date order so substitutes cascade (Christmas, then Boxing Day).
  for (const fixed of [dayNumberOf(year, 1, 1), dayNumberOf(year, 12, 25), dayNumberOf(year, 12, 26)]) {
    let day = fixed;
    while (weekdayOf(day) === 0 || weekdayOf(day) === 6 || days.has(day)) day += 1;
    days.add(day);
  }
  const easter = easterSundayDayNumber(year);
  days.add(easter - 2); // Good Friday
  days.add(easter + 1); // Easter Monday
  days.add(onOrAfter(dayNumberOf(year, 5, 1), MONDAY)); // early May
  days.add(onOrBefore(dayNumberOf(year, 5, 31), MONDAY)); // spring
  days.add(onOrBefore(dayNumberOf(year, 8, 31), MONDAY)); // summer
  const isoDays = new Set([...days].map(fromDayNumber));
  const changes = BANK_HOLIDAY_CHANGES[year];
  for (const move of changes?.moved ?? []) {
    isoDays.delete(move.from);
    isoDays.add(move.to);
  }
  for (const added of changes?.added ?? []) isoDays.add(added);
  bankHolidayCache.set(year, isoDays);
  return isoDays;
}

export function isBankHoliday(date: string): boolean {
  toDayNumber(date);
  return bankHolidaySet(Number(date.slice(0, 4))).has(date);
}

// ---------------------------------------------------------------------------------------------------
// Working days: Monday to Friday, not a bank holiday (England and Wales)

export function isWorkingDay(date: string): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/**
 * `date` plus `n` working days. Counting starts the day after `date` (or before it, for negative n),
 * so the result is always a working day unless n is 0, which returns `date` unchanged — whether or not
 * `date` is itself a working day. For example, a deadline "within 20 working days" of a Friday is
 * `addWorkingDays(friday, 20)`.
 */
export function addWorkingDays(date: string, n: number): string {
  return stepDays(date, n, isWorkingDay);
}

/**
 * The working days stepped over going from `from` to `to`: those after `from` up to and including `to`,
 * or, when `to` is earlier, minus those from `to` up to but not including `from`. The inverse of
 * `addWorkingDays`: `workingDaysBetween(d, addWorkingDays(d, n)) === n`.
 */
export function workingDaysBetween(from: string, to: string): number {
  return countDays(from, to, isWorkingDay);
}

function stepDays(date: string, n: number, counts: (date: string) => boolean): string {
  if (!Number.isInteger(n)) throw new RangeError(`Days to add must be a whole number, not ${n}`);
  let dayNumber = toDayNumber(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    dayNumber += step;
    if (counts(fromDayNumber(dayNumber))) remaining -= 1;
  }
  return fromDayNumber(dayNumber);
}

function countDays(from: string, to: string, counts: (date: string) => boolean): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  let total = 0;
  if (end >= start) {
    for (let day = start + 1; day <= end; day += 1) if (counts(fromDayNumber(day))) total += 1;
    return total;
  }
  for (let day = start - 1; day >= end; day -= 1) if (counts(fromDayNumber(day))) total -= 1;
  return total;
}

// ---------------------------------------------------------------------------------------------------
// Term dates (configuration: each council sets its own)

export const TermName = z.enum(['autumn', 'spring', 'summer']);
export type TermName = z.infer<typeof TermName>;

const CalendarDate = z.iso.date();

export const TermSpan = z
  .object({
    name: TermName,
    start: CalendarDate.describe('First day of the term'),
    end: CalendarDate.describe('Last day of the term'),
  })
  .refine((term) => term.start <= term.end, { message: 'A term must end on or after its start', path: ['end'] });
export type TermSpan = z.infer<typeof TermSpan>;

export const TermHoliday = z
  .object({
    start: CalendarDate,
    end: CalendarDate,
    label: z.string().min(1).describe('e.g. "Autumn half-term" or "INSET day"'),
  })
  .refine((holiday) => holiday.start <= holiday.end, { message: 'A holiday must end on or after its start', path: ['end'] });
export type TermHoliday = z.infer<typeof TermHoliday>;

const ACADEMIC_YEAR_LABEL = /^(\d{4})\/(\d{2})$/;

/** The term dates of one academic year. */
export const AcademicYearTermDates = z
  .object({
    academicYear: z
      .string()
      .regex(ACADEMIC_YEAR_LABEL, 'An academic year is written like "2025/26"')
      .refine((label) => academicYearLabel(Number(label.slice(0, 4))) === label, {
        message: 'The two years of an academic year must follow each other, e.g. "2025/26"',
      }),
    terms: z
      .array(TermSpan)
      .length(3, 'An academic year has three terms: autumn, spring and summer')
      .refine((terms) => terms.map((term) => term.name).join() === 'autumn,spring,summer', {
        message: 'The terms are autumn, spring and summer, in that order',
      }),
    holidays: z
      .array(TermHoliday)
      .default([])
      .describe('Days inside terms when pupils are not in school: half-terms, INSET days, closures'),
  })
  .superRefine((year, ctx) => {
    const { start, end } = academicYearStarting(Number(year.academicYear.slice(0, 4)));
    const [autumn, spring, summer] = year.terms;
    if (!autumn || !spring || !summer) return;
    if (autumn.start < start || summer.end > end) {
      ctx.addIssue({ code: 'custom', message: `Terms must lie within ${start} to ${end}`, path: ['terms'] });
    }
    if (!(autumn.end < spring.start && spring.end < summer.start)) {
      ctx.addIssue({ code: 'custom', message: 'Terms must not overlap and must be in order', path: ['terms'] });
    }
    year.holidays.forEach((holiday, index) => {
      if (!year.terms.some((term) => term.start <= holiday.start && holiday.end <= term.end)) {
        ctx.addIssue({
          code: 'custom',
          message: `"${holiday.label}" (${holiday.start} to ${holiday.end}) must lie inside one term`,
          path: ['holidays', index],
        });
      }
    });
  });
export type AcademicYearTermDates = z.infer<typeof AcademicYearTermDates>;

/**
 * Term dates: a list of academic years. Councils set their own term dates (and schools their own INSET
 * days); where the configured list does not cover a year, the default rule below is used for it.
 */
export const TermDates = z
  .array(AcademicYearTermDates)
  .superRefine((years, ctx) => {
    const seen = new Set<string>();
    years.forEach((year, index) => {
      if (seen.has(year.academicYear)) {
        ctx.addIssue({ code: 'custom', message: `${year.academicYear} is listed twice`, path: [index, 'academicYear'] });
      }
      seen.add(year.academicYear);
    });
  })
  .describe('School term dates by academic year');
export type TermDates = z.infer<typeof TermDates>;

/**
 * The default term dates of one academic year, by rule. A sensible approximation of the pattern most
 * English councils follow — not any council's published dates: councils set their own, and EduBridge
 * takes them as configuration (`TermDates`). The rule [U]:
 * - autumn: from the first weekday on or after 2 September to the last Friday on or before 22 December;
 *   half-term the week starting the last Monday of October;
 * - spring: from the first working day on or after 4 January to the Friday before Holy Week (Easter
 *   Sunday − 9 days); half-term the week starting the first Monday on or after 12 February;
 * - summer: from the Monday after Easter week (Easter Sunday + 8 days) to 22 July, or the Friday before
 *   when 22 July is at a weekend; half-term the week starting the last Monday of May (the usual spring bank holiday).
 * INSET days vary by school and are not included. Bank holidays are never school days.
 */
export function defaultTermDatesFor(startYear: number): AcademicYearTermDates {
  const next = startYear + 1;
  const easter = easterSundayDayNumber(next);
  const week = (monday: number, label: string): TermHoliday => ({
    start: fromDayNumber(monday),
    end: fromDayNumber(monday + 4),
    label,
  });
  let autumnStart = dayNumberOf(startYear, 9, 2);
  while (weekdayOf(autumnStart) === 0 || weekdayOf(autumnStart) === 6) autumnStart += 1;
  let springStart = dayNumberOf(next, 1, 4);
  while (!isWorkingDay(fromDayNumber(springStart))) springStart += 1;
  let summerEnd = dayNumberOf(next, 7, 22);
  while (weekdayOf(summerEnd) === 0 || weekdayOf(summerEnd) === 6) summerEnd -= 1;
  return {
    academicYear: academicYearLabel(startYear),
    terms: [
      { name: 'autumn', start: fromDayNumber(autumnStart), end: fromDayNumber(onOrBefore(dayNumberOf(startYear, 12, 22), FRIDAY)) },
      { name: 'spring', start: fromDayNumber(springStart), end: fromDayNumber(easter - 9) },
      { name: 'summer', start: fromDayNumber(easter + 8), end: fromDayNumber(summerEnd) },
    ],
    holidays: [
      week(onOrBefore(dayNumberOf(startYear, 10, 31), MONDAY), 'Autumn half-term'),
      week(onOrAfter(dayNumberOf(next, 2, 12), MONDAY), 'Spring half-term'),
      week(onOrBefore(dayNumberOf(next, 5, 31), MONDAY), 'Summer half-term'),
    ],
  };
}

/** The first and last academic years (by start year) of `DEFAULT_TERM_DATES`. */
export const DEFAULT_TERM_DATES_FIRST_YEAR = 2015;
export const DEFAULT_TERM_DATES_LAST_YEAR = 2030;

/**
 * Default term dates for 2015/16 to 2030/31, made by `defaultTermDatesFor`. A default only: councils set
 * their own term dates and should configure them.
 */
export const DEFAULT_TERM_DATES: TermDates = Array.from(
  { length: DEFAULT_TERM_DATES_LAST_YEAR - DEFAULT_TERM_DATES_FIRST_YEAR + 1 },
  (_, index) => defaultTermDatesFor(DEFAULT_TERM_DATES_FIRST_YEAR + index),
);

const termIndexCache = new WeakMap<TermDates, Map<number, AcademicYearTermDates>>();
const defaultRuleCache = new Map<number, AcademicYearTermDates>();

/** The term dates of the academic year starting in `startYear`: from `termDates` when it covers that
 * year, otherwise by the default rule. */
export function termDatesForYear(startYear: number, termDates: TermDates = DEFAULT_TERM_DATES): AcademicYearTermDates {
  let index = termIndexCache.get(termDates);
  if (!index) {
    index = new Map(termDates.map((year) => [Number(year.academicYear.slice(0, 4)), year]));
    termIndexCache.set(termDates, index);
  }
  const configured = index.get(startYear);
  if (configured) return configured;
  let byRule = defaultRuleCache.get(startYear);
  if (!byRule) {
    byRule = defaultTermDatesFor(startYear);
    defaultRuleCache.set(startYear, byRule);
  }
  return byRule;
}

export interface TermOn {
  name: TermName;
  /** e.g. "2025/26" */
  academicYear: string;
  start: string;
  end: string;
}

function termsOfYear(startYear: number, termDates: TermDates | undefined): TermOn[] {
  const year = termDatesForYear(startYear, termDates);
  return year.terms.map((term) => ({ name: term.name, academicYear: year.academicYear, start: term.start, end: term.end }));
}

/** The term containing `date` (half-terms inside a term count as in it), or null in the holidays between
 * terms. */
export function termOn(date: string, termDates?: TermDates): TermOn | null {
  const { startYear } = academicYearOf(date);
  return termsOfYear(startYear, termDates).find((term) => term.start <= date && date <= term.end) ?? null;
}

/** The term containing `date`, or else the last term that ended before it. */
export function currentOrLastTerm(date: string, termDates?: TermDates): TermOn {
  const { startYear } = academicYearOf(date);
  const candidates = [...termsOfYear(startYear - 1, termDates), ...termsOfYear(startYear, termDates)];
  let found = candidates[0] as TermOn;
  for (const term of candidates) if (term.start <= date) found = term;
  return found;
}

/** The first day of the first term that starts after `date`. */
export function nextTermStart(date: string, termDates?: TermDates): string {
  const { startYear } = academicYearOf(date);
  const candidates = [...termsOfYear(startYear, termDates), ...termsOfYear(startYear + 1, termDates)];
  return (candidates.find((term) => term.start > date) as TermOn).start;
}

// ---------------------------------------------------------------------------------------------------
// School days: a working day inside a term and outside its holidays (half-terms, INSET days)

export function isSchoolDay(date: string, termDates?: TermDates): boolean {
  if (!isWorkingDay(date)) return false;
  const year = termDatesForYear(academicYearOf(date).startYear, termDates);
  if (!year.terms.some((term) => term.start <= date && date <= term.end)) return false;
  return !year.holidays.some((holiday) => holiday.start <= date && date <= holiday.end);
}

/** `date` plus `n` school days, counted like `addWorkingDays` (n = 0 returns `date`). */
export function addSchoolDays(date: string, n: number, termDates?: TermDates): string {
  return stepDays(date, n, (d) => isSchoolDay(d, termDates));
}

/** The school days stepped over going from `from` to `to`, counted like `workingDaysBetween`. */
export function schoolDaysBetween(from: string, to: string, termDates?: TermDates): number {
  return countDays(from, to, (d) => isSchoolDay(d, termDates));
}

/**
 * Today's date in England (Europe/London), YYYY-MM-DD: the default "as of" date for people working in
 * England and Wales. Between midnight and 1 a.m. in British Summer Time the UTC date is still yesterday, so
 * a status worked out "today" in UTC would be a day behind. Uses only the standard Intl API.
 */
export function todayInEngland(now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

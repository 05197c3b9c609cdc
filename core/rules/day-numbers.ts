import { toDayNumber } from './calendar.ts';

/**
 * Day number (days since 1970-01-01) of a date in any year 0000–9999, by the proleptic Gregorian
 * calendar, without Date (whose two-digit years mean 19xx). Only for dates already known to be valid.
 */
function civilDayNumber(date: string): number {
  let year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  year -= month <= 2 ? 1 : 0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * Remembered day numbers, for the rules that run once per child over a whole cohort (status derivation):
 * the same few thousand dates recur, and parsing each again costs more than looking it up.
 */
const dayNumbers = new Map<string, number>();

/** `toDayNumber`, remembered (throws the same RangeError for a date that is not a calendar date). */
export function dayNumberOf(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    // Validate as the calendar rules do, then count with arithmetic that is right for every year.
    day = Number(date.slice(0, 4)) >= 1000 ? toDayNumber(date) : (checkShape(date), civilDayNumber(date));
    if (dayNumbers.size > 50_000) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

function checkShape(date: string): void {
  if (!/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(date)) throw new RangeError(`"${date}" is not a calendar date in the form YYYY-MM-DD`);
}

/** Calendar days from `from` to `to` (to − from), like `daysBetween` in calendar.ts. */
export function daysFromTo(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

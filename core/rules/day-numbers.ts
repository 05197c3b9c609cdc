import { fromDayNumber, toDayNumber } from './calendar.ts';

/**
 * Remembered day numbers, for the rules that run once per child over a whole cohort (status derivation,
 * attendance summaries): the same few thousand dates recur, and looking one up costs less than reading
 * it again.
 */
const dayNumbers = new Map<string, number>();

/** `toDayNumber` (any year 0000–9999), remembered; throws the same RangeError for a date that is not a
 * calendar date. */
export function dayNumberOf(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = toDayNumber(date);
    if (dayNumbers.size > 50_000) dayNumbers.clear();
    dayNumbers.set(date, day);
  }
  return day;
}

/** `fromDayNumber`, remembered: dates by day number, so the marks of a cohort share one string per date. */
const dates = new Map<number, string>();
export function dateOfDay(day: number): string {
  let date = dates.get(day);
  if (date === undefined) {
    date = fromDayNumber(day);
    if (dates.size > 50_000) dates.clear();
    dates.set(day, date);
  }
  return date;
}

/** Calendar days from `from` to `to` (to − from), like `daysBetween` in calendar.ts. */
export function daysFromTo(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

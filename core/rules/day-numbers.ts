import { BoundedMap } from '../bounded-map.ts';
import { fromDayNumber, toDayNumber } from './calendar.ts';

/**
 * Remembered day numbers, for the rules that run once per child over a whole cohort (status derivation,
 * attendance summaries): the same few thousand dates recur, and looking one up costs less than reading
 * it again.
 */
const dayNumbers = new BoundedMap<string, number>(50_000);

/** `toDayNumber` (any year 0000–9999), remembered; throws the same RangeError for a date that is not a
 * calendar date. */
export function dayNumberOf(date: string): number {
  return dayNumbers.of(date, toDayNumber);
}

/** `fromDayNumber`, remembered: dates by day number, so the marks of a cohort share one string per date. */
const dates = new BoundedMap<number, string>(50_000);
export function dateOfDay(day: number): string {
  return dates.of(day, fromDayNumber);
}

/** Calendar days from `from` to `to` (to − from), like `daysBetween` in calendar.ts. */
export function daysFromTo(from: string, to: string): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

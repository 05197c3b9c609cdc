import { BoundedMap } from '../bounded-map.ts';
import type { z } from 'zod';
import type { AttendanceFigures as AttendanceFiguresSchema } from '../model/record.ts';
import type { AttendanceSummary } from '../model/status.ts';
import { ATTENDANCE_CODES, attendanceCodeDefinition, type AttendanceCodeDefinition } from './attendance-codes.ts';
import { fromDayNumber, toDayNumber, weekdayOfDayNumber, weekStart } from './calendar.ts';
import { dateOfDay, dayNumberOf } from './day-numbers.ts';
import { keyOfPacked, MarkColumns, packedOfKey } from './mark-columns.ts';

/**
 * Attendance over a date range, by the DfE's definitions.
 *
 * Source: DOMAIN.md §1 [P: DfE pupil absence methodology]. Possible sessions are those marked present,
 * approved educational activity, authorised absence or unauthorised absence; attended sessions are
 * present plus approved educational activity (which counts as attendance); absence rate = (authorised +
 * unauthorised) ÷ possible × 100 and attendance = 100 − absence. Codes that are not a possible session
 * (`D`, `X`, `Q`, `Y…`) and administrative codes (`Z`, `#`) are not counted at all.
 *
 * Thresholds are compared in whole numbers (missed × 100 ≥ threshold × possible), never in rounded
 * percentages, so 38 of 380 sessions missed is persistent absence and 37 of 380 is not.
 */

/** Persistent absence: missing this percentage of possible sessions or more (DfE, since 2015/16). */
export const PERSISTENT_ABSENCE_PERCENT = 10;
/** Severe absence: missing this percentage of possible sessions or more (DfE). */
export const SEVERE_ABSENCE_PERCENT = 50;
/**
 * Fewer possible sessions than this (three school weeks) and a percentage says little: one day off in the
 * first week of term is 20% missed. Summaries then carry `smallDenominator: true`, and neither
 * `persistentAbsence` nor `severeAbsence` is set, so no screen or cohort figure alarms on two sessions
 * ("too early to judge"; DOMAIN.md §1: say so rather than alarm). EduBridge's own choice, not a DfE figure.
 */
export const SMALL_DENOMINATOR_SESSIONS = 30;

/** Summary figures for a date range (the record's `attendance.summaries`). */
type AttendanceFigures = z.infer<typeof AttendanceFiguresSchema>;

export interface SessionMark {
  date: string;
  session: 'AM' | 'PM';
  code: string;
}

export interface DateRange {
  from: string;
  to: string;
}

/** Attendance percentage to one decimal place (half up), or null when nothing was possible. */
export function attendancePercent(attended: number, possible: number): number | null {
  if (possible <= 0) return null;
  // attended × 1000 is a whole number and IEEE division is correctly rounded, so an exact .5 stays .5.
  return Math.round((attended * 1000) / possible) / 10;
}

/** Whether `missed` of `possible` sessions is persistent absence (≥ 10%), compared exactly. */
export function isPersistentAbsence(missed: number, possible: number): boolean {
  return possible > 0 && missed * 100 >= PERSISTENT_ABSENCE_PERCENT * possible;
}

/** Whether `missed` of `possible` sessions is severe absence (≥ 50%), compared exactly. */
export function isSevereAbsence(missed: number, possible: number): boolean {
  return possible > 0 && missed * 100 >= SEVERE_ABSENCE_PERCENT * possible;
}

/**
 * Marks that share a date and session with an earlier mark in the list (a register corrected, or two
 * sources overlapping). `summariseAttendance` keeps the last of them; importers report these.
 */
export function findDuplicateMarks<T extends SessionMark>(marks: readonly T[]): T[] {
  const seen = new Set<string>();
  const duplicates: T[] = [];
  for (const mark of marks) {
    const key = `${mark.date}|${mark.session}`;
    if (seen.has(key)) duplicates.push(mark);
    seen.add(key);
  }
  return duplicates;
}

function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

function assertMark(mark: SessionMark): void {
  if (mark.session !== 'AM' && mark.session !== 'PM') {
    throw new RangeError(`Attendance mark on ${mark.date}: session must be "AM" or "PM", not "${String(mark.session)}"`);
  }
}

/**
 * Summarise session marks over a date range (inclusive). Without a range, the range runs from the first
 * mark to the last (or is today alone when there are no marks).
 *
 * - Each mark counts by the code set in force on its date (see attendance-codes.ts).
 * - A code that is not a national code on its date is listed in `unknownCodes` and not counted.
 * - When two marks share a date and session, the last in the list wins (`findDuplicateMarks` lists
 *   the others, for reporting).
 * - `weekly` has one entry for every week (Monday) from the week of `from` to the week of `to`, so
 *   charts get holidays as gaps (no possible sessions, percentage null).
 * - `absenceReasons`: absence codes by sessions, most first (ties by code).
 *
 * Throws a RangeError for a mark or range date that is not a calendar date, or a session that is not
 * AM or PM: schema-valid records never have either.
 */
export function summariseAttendance(marks: readonly SessionMark[], range?: DateRange): AttendanceSummary {
  if (range) return summariseAttendanceRanges(marks, [range])[0]!;
  let from: string;
  let to: string;
  if (marks.length > 0) {
    from = marks[0]!.date;
    to = marks[0]!.date;
    for (const mark of marks) {
      if (mark.date < from) from = mark.date;
      if (mark.date > to) to = mark.date;
    }
    toDayNumber(to);
  } else {
    from = to = todayUtc();
  }
  return summariseAttendanceRanges(marks, [{ from, to }])[0]!;
}

/**
 * `summariseAttendance(marks, range)` for each of several ranges, reading the marks once: a status
 * summarises the same marks over the academic year, the term and the last four weeks. Each summary is
 * exactly the one `summariseAttendance` gives for its range alone, and it throws a RangeError where
 * that would for any of the ranges.
 */
export function summariseAttendanceRanges(marks: readonly SessionMark[] | MarkColumns, ranges: readonly DateRange[]): AttendanceSummary[] {
  const tallies = ranges.map((range) => new Tally(range.from, range.to));
  countInto(marks, tallies);
  return tallies.map((tally) => tally.summary());
}

/**
 * `summariseAttendanceRanges(marks, ranges)`, and `attendanceTotals(marks, [], totalsRanges)` beside it, all
 * counted in one reading of the marks: a status summarises a child's school year and term, and totals every
 * term of the attendance trend, from the same marks. The dates of `totalsRanges` are compared, not checked
 * (they come from validated term dates).
 */
export function summariseAttendanceRangesWithTotals(
  given: readonly SessionMark[] | MarkColumns,
  ranges: readonly DateRange[],
  totalsRanges: readonly DateRange[],
): { summaries: AttendanceSummary[]; totals: AttendanceTotals[] } {
  const tallies = ranges.map((range) => new Tally(range.from, range.to));
  if (given instanceof MarkColumns && given.ordered) {
    // Compact marks are counted from their columns, without making a mark object.
    countInto(given, tallies);
    return { summaries: tallies.map((tally) => tally.summary()), totals: attendanceTotals(given, [], totalsRanges) };
  }
  const marks = given instanceof MarkColumns ? given.toMarks() : given;
  if (!isOrdered(marks)) {
    countInto(marks, tallies);
    return { summaries: tallies.map((tally) => tally.summary()), totals: attendanceTotals(marks, [], totalsRanges) };
  }
  // Ordered marks: one pass over the slice all the ranges cover. A totals range inside a summarised range
  // is the sum of that summary's weekly figures when no mark of its first or last week lies outside it
  // (terms start and end with holidays around them); any other is two readings of running totals kept
  // during the same pass.
  let low = marks.length;
  let high = 0;
  for (const tally of tallies) {
    tally.start = firstOnOrAfter(marks, tally.from);
    tally.end = tally.to < tally.from ? tally.start : firstAfter(marks, tally.to, tally.start);
    if (tally.end > tally.start) {
      low = Math.min(low, tally.start);
      high = Math.max(high, tally.end);
    }
  }
  const slices = totalsRanges.map((range) => {
    const start = firstOnOrAfter(marks, range.from);
    const end = range.to < range.from ? start : firstAfter(marks, range.to, start);
    const weeks = end > start ? inWeeksOf(marks, tallies, range, start, end) : undefined;
    if (end > start && !weeks) {
      low = Math.min(low, start);
      high = Math.max(high, end);
    }
    return { start, end, weeks };
  });
  const at: number[] = [];
  for (const slice of slices) if (slice.end > slice.start && !slice.weeks) at.push(slice.start, slice.end);
  at.sort((a, b) => a - b);
  const running: RunningTotals | undefined =
    at.length === 0 ? undefined : { at, possible: new Array<number>(at.length).fill(0), attended: new Array<number>(at.length).fill(0) };
  if (high > low) count(marks, low, high, tallies, running);
  const totals = totalsRanges.map((range, index): AttendanceTotals => {
    const { start, end, weeks } = slices[index]!;
    if (end <= start) return { from: range.from, to: range.to, possibleSessions: 0, attendedSessions: 0, basis: 'none' };
    let possible = 0;
    let attended = 0;
    if (weeks) {
      for (let week = weeks.first; week <= weeks.last; week += 1) {
        possible += weeks.tally.weekPossible[week]!;
        attended += weeks.tally.weekAttended[week]!;
      }
    } else {
      const first = running!.at.indexOf(start);
      const last = running!.at.indexOf(end);
      possible = running!.possible[last]! - running!.possible[first]!;
      attended = running!.attended[last]! - running!.attended[first]!;
    }
    return { from: range.from, to: range.to, possibleSessions: possible, attendedSessions: attended, basis: 'marks' };
  });
  return { summaries: tallies.map((tally) => tally.summary()), totals };
}

/**
 * The weeks of a tally whose weekly figures are exactly the marks `start` to `end` (those of `range`): the
 * range lies inside the tally's, and no mark of its first or last week falls outside it. Undefined when
 * there is no such tally.
 */
function inWeeksOf(
  marks: readonly SessionMark[],
  tallies: readonly Tally[],
  range: DateRange,
  start: number,
  end: number,
): { tally: Tally; first: number; last: number } | undefined {
  for (const tally of tallies) {
    if (tally.mondays.length === 0 || range.from < tally.from || range.to > tally.to) continue;
    const fromDay = toDayNumber(range.from);
    const toDay = toDayNumber(range.to);
    const monday = fromDay - ((weekdayOfDayNumber(fromDay) + 6) % 7);
    const sunday = toDay + 6 - ((weekdayOfDayNumber(toDay) + 6) % 7);
    if (firstOnOrAfter(marks, fromDayNumber(monday)) !== start) return undefined;
    if (firstAfter(marks, fromDayNumber(sunday), end) !== end) return undefined;
    return { tally, first: (monday - tally.firstMonday) / 7, last: (sunday - 6 - tally.firstMonday) / 7 };
  }
  return undefined;
}

function countInto(marks: readonly SessionMark[] | MarkColumns, tallies: readonly Tally[]): void {
  if (marks instanceof MarkColumns) {
    // Compact marks in order (the usual case) are counted straight from their columns; any others as a list.
    if (!marks.ordered) return countInto(marks.toMarks(), tallies);
    const { packed } = marks;
    const bounds = tallies.map(packedBounds);
    sliceTallies(tallies, packed.length, (index, t) => packed[index]! < bounds[t]!.from, (index, t) => packed[index]! < bounds[t]!.after, (low, high) => countColumns(marks, low, high, tallies));
  } else if (isOrdered(marks)) {
    // Ordered marks — the usual case — are sliced by binary search, so a four-week summary of a year's
    // marks reads only those four weeks, and the ranges are counted in one pass over their union.
    sliceTallies(tallies, marks.length, (index, t) => marks[index]!.date < tallies[t]!.from, (index, t) => marks[index]!.date <= tallies[t]!.to, (low, high) => count(marks, low, high, tallies));
  } else {
    for (const tally of tallies) {
      const kept = deduplicatedInRange(marks, tally.from, tally.to);
      tally.start = 0;
      tally.end = kept.length;
      count(kept, 0, kept.length, [tally]);
    }
  }
}

/**
 * Finds each range's slice of ordered marks by binary search (`before(i, t)`: mark i is before range t;
 * `notAfter(i, t)`: mark i is not after it), then counts the union of the slices once.
 */
function sliceTallies(
  tallies: readonly Tally[],
  length: number,
  before: (index: number, tally: number) => boolean,
  notAfter: (index: number, tally: number) => boolean,
  countUnion: (low: number, high: number) => void,
): void {
  let low = length;
  let high = 0;
  tallies.forEach((tally, t) => {
    tally.start = search(0, length, (index) => before(index, t));
    tally.end = tally.to < tally.from ? tally.start : search(tally.start, length, (index) => notAfter(index, t));
    if (tally.end > tally.start) {
      low = Math.min(low, tally.start);
      high = Math.max(high, tally.end);
    }
  });
  countUnion(low, high);
}

/** The first index from `low` (before `high`) at which `holds` stops holding (it holds for a prefix). */
function search(low: number, high: number, holds: (index: number) => boolean): number {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Counts for one range while its marks are read. */
class Tally {
  /** The range's marks are `start` (inclusive) to `end` (exclusive) of the list being read. */
  start = 0;
  end = 0;
  readonly firstMonday: number;
  readonly mondays: readonly string[];
  readonly weekPossible: number[];
  readonly weekAttended: number[];
  present = 0;
  approved = 0;
  authorised = 0;
  unauthorised = 0;
  readonly reasons = new Map<AttendanceCodeDefinition, number>();
  readonly unknownCodes: AttendanceSummary['unknownCodes'] = [];

  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    const fromDay = toDayNumber(from); // both dates are checked here
    toDayNumber(to);
    this.mondays = to < from ? [] : mondaysBetween(from, to);
    this.firstMonday = fromDay - ((weekdayOfDayNumber(fromDay) + 6) % 7);
    this.weekPossible = new Array<number>(this.mondays.length).fill(0);
    this.weekAttended = new Array<number>(this.mondays.length).fill(0);
  }

  summary(): AttendanceSummary {
    const attended = this.present + this.approved;
    const possible = attended + this.authorised + this.unauthorised;
    const { weekPossible, weekAttended } = this;
    const missed = this.authorised + this.unauthorised;
    return {
      from: this.from,
      to: this.to,
      // As `figures` gives them, written out: this runs three times for every child in a cohort.
      possibleSessions: possible,
      attendedSessions: attended,
      authorisedAbsenceSessions: this.authorised,
      unauthorisedAbsenceSessions: this.unauthorised,
      attendancePercent: attendancePercent(attended, possible),
      persistentAbsence: possible >= SMALL_DENOMINATOR_SESSIONS && isPersistentAbsence(missed, possible),
      severeAbsence: possible >= SMALL_DENOMINATOR_SESSIONS && isSevereAbsence(missed, possible),
      smallDenominator: possible < SMALL_DENOMINATOR_SESSIONS,
      absenceReasons: this.reasons.size === 0 ? [] : absenceReasons(this.reasons),
      weekly: this.mondays.map((monday, index) => ({
        weekStart: monday,
        possibleSessions: weekPossible[index]!,
        attendedSessions: weekAttended[index]!,
        attendancePercent: attendancePercent(weekAttended[index]!, weekPossible[index]!),
      })),
      unknownCodes: this.unknownCodes,
      basis: this.end > this.start ? 'marks' : 'none',
    };
  }
}

/** Running totals of possible and attended sessions, read at chosen marks: `at` lists mark indexes in
 * ascending order, and `possible[i]` and `attended[i]` are the totals of the marks before `at[i]`, so the
 * totals of marks `start` to `end` are the difference of two readings. */
interface RunningTotals {
  at: readonly number[];
  possible: number[];
  attended: number[];
}

/** Counts marks `low` to `high` of `marks` into each tally whose own slice holds them, keeping running
 * totals when asked. */
function count(marks: readonly SessionMark[], low: number, high: number, tallies: readonly Tally[], running?: RunningTotals): void {
  // One tally reads every mark of the slice it was given; with running totals the slice is wider than any tally's.
  const single = tallies.length === 1 && running === undefined ? tallies[0]! : undefined;
  let lastDate = '';
  let day = 0;
  let possible = 0;
  let attended = 0;
  let reading = 0;
  for (let index = low; index < high; index += 1) {
    const mark = marks[index]!;
    assertMark(mark);
    if (mark.date !== lastDate) {
      day = dayNumberOf(mark.date); // also checks the date
      lastDate = mark.date;
    }
    const definition = attendanceCodeDefinition(mark.code, mark.date);
    if (running !== undefined) {
      while (reading < running.at.length && running.at[reading] === index) {
        running.possible[reading] = possible;
        running.attended[reading] = attended;
        reading += 1;
      }
      const category = definition?.category;
      if (category !== undefined && category !== 'not-possible' && category !== 'not-a-session') {
        possible += 1;
        if (category === 'present' || category === 'approved-activity') attended += 1;
      }
    }
    if (single !== undefined) tallyMark(single, definition, day, mark.date, mark.session, mark.code);
    else {
      for (let t = 0; t < tallies.length; t += 1) {
        const tally = tallies[t]!;
        if (index >= tally.start && index < tally.end) tallyMark(tally, definition, day, mark.date, mark.session, mark.code);
      }
    }
  }
  if (running !== undefined) {
    for (; reading < running.at.length; reading += 1) {
      running.possible[reading] = possible;
      running.attended[reading] = attended;
    }
  }
}

/** `count` for compact marks: the same tallies, read from the columns without making a mark object. */
function countColumns(marks: MarkColumns, low: number, high: number, tallies: readonly Tally[]): void {
  eachColumnMark(marks, low, high, (index, day, date, session, code) => {
    const definition = attendanceCodeDefinition(code, date);
    for (let t = 0; t < tallies.length; t += 1) {
      const tally = tallies[t]!;
      if (index >= tally.start && index < tally.end) tallyMark(tally, definition, day, date, session, code);
    }
  });
}

/** Reads compact marks `low` to `high` in order, decoding each one's day, date, session and code. */
function eachColumnMark(
  marks: MarkColumns,
  low: number,
  high: number,
  visit: (index: number, day: number, date: string, session: 'AM' | 'PM', code: string) => void,
): void {
  const { packed, codes } = marks;
  let lastKey = Number.NaN;
  let day = 0;
  let date = '';
  let session: 'AM' | 'PM' = 'AM';
  for (let index = low; index < high; index += 1) {
    const value = packed[index]!;
    const key = keyOfPacked(value);
    if (key !== lastKey) {
      const newDay = Math.floor(key / 2);
      if (newDay !== day || date === '') date = dateOfDay(newDay);
      day = newDay;
      session = key - day * 2 === 0 ? 'AM' : 'PM';
      lastKey = key;
    }
    visit(index, day, date, session, codes[value - packedOfKey(key)]!);
  }
}

/** The packed values bounding a range's compact marks: its first day's AM (inclusive), the day after its last (exclusive). */
function packedBounds(range: DateRange): { from: number; after: number } {
  return { from: packedOfKey(dayNumberOf(range.from) * 2), after: packedOfKey(dayNumberOf(range.to) * 2 + 2) };
}

function tallyMark(tally: Tally, definition: AttendanceCodeDefinition | undefined, day: number, date: string, session: 'AM' | 'PM', code: string): void {
  if (!definition) {
    tally.unknownCodes.push({ date, session, code });
    return;
  }
  const category = definition.category;
  if (category === 'not-possible' || category === 'not-a-session') return;
  const week = Math.floor((day - tally.firstMonday) / 7);
  tally.weekPossible[week]! += 1;
  if (category === 'present') {
    tally.present += 1;
    tally.weekAttended[week]! += 1;
  } else if (category === 'approved-activity') {
    tally.approved += 1;
    tally.weekAttended[week]! += 1;
  } else {
    if (category === 'authorised') tally.authorised += 1;
    else tally.unauthorised += 1;
    tally.reasons.set(definition, (tally.reasons.get(definition) ?? 0) + 1);
  }
}

/** Where each code falls when codes are sorted with `localeCompare`, worked out once. */
const codeRanks = new Map<string, number>(
  [...new Set(ATTENDANCE_CODES.map((definition) => definition.code))]
    .sort((a, b) => a.localeCompare(b))
    .map((code, index, sorted) => [code, index > 0 && sorted[index - 1]!.localeCompare(code) === 0 ? Number.NaN : index]),
);

function compareCodes(a: string, b: string): number {
  const rankA = codeRanks.get(a);
  const rankB = codeRanks.get(b);
  return rankA !== undefined && rankB !== undefined && !Number.isNaN(rankA) && !Number.isNaN(rankB) ? rankA - rankB : a.localeCompare(b);
}

/** Absence reasons, most sessions first (ties by code). Codes whose label changed between code sets
 * (e.g. T) are listed once per meaning. */
function absenceReasons(counts: Map<AttendanceCodeDefinition, number>): AttendanceSummary['absenceReasons'] {
  const merged = new Map<string, AttendanceSummary['absenceReasons'][number]>();
  for (const [definition, sessions] of counts) {
    const key = `${definition.code}|${definition.label}`;
    const existing = merged.get(key);
    if (existing) existing.sessions += sessions;
    else {
      const category = definition.category === 'unauthorised' ? 'unauthorised' : 'authorised';
      merged.set(key, { code: definition.code, label: definition.label, category, sessions });
    }
  }
  return [...merged.values()].sort((a, b) => b.sessions - a.sessions || compareCodes(a.code, b.code));
}

const orderCache = new WeakMap<readonly SessionMark[], { length: number; ordered: boolean }>();

/** Whether marks are in strictly increasing date and session order (so hold no duplicates). Remembered
 * per list, since a status summarises the same marks over several ranges; marks, like records, are
 * treated as immutable. */
function isOrdered(marks: readonly SessionMark[]): boolean {
  const cached = orderCache.get(marks);
  if (cached && cached.length === marks.length) return cached.ordered;
  let ordered = true;
  for (let i = 1; i < marks.length && ordered; i += 1) {
    const a = marks[i - 1]!;
    const b = marks[i]!;
    ordered = a.date < b.date || (a.date === b.date && a.session === 'AM' && b.session === 'PM');
  }
  orderCache.set(marks, { length: marks.length, ordered });
  return ordered;
}

/** The index of the first of the ordered marks dated on or after `from`. */
function firstOnOrAfter(marks: readonly SessionMark[], from: string): number {
  return search(0, marks.length, (index) => marks[index]!.date < from);
}

/** The index of the first of the ordered marks, at `low` or later, dated after `to`. */
function firstAfter(marks: readonly SessionMark[], to: string, low: number): number {
  return search(low, marks.length, (index) => marks[index]!.date <= to);
}

/** The marks dated within the range, duplicates removed (the last of each date and session kept, where
 * the last one was). */
function deduplicatedInRange<T extends SessionMark>(marks: readonly T[], from: string, to: string): T[] {
  const last = new Map<string, T>();
  for (const mark of marks) {
    if (mark.date < from || mark.date > to) continue;
    const key = `${mark.date}|${mark.session}`;
    last.delete(key); // re-insert so the kept mark sits where the last one was
    last.set(key, mark);
  }
  return [...last.values()];
}

function figures(possible: number, attended: number, authorised: number, unauthorised: number) {
  const missed = authorised + unauthorised;
  return {
    possibleSessions: possible,
    attendedSessions: attended,
    authorisedAbsenceSessions: authorised,
    unauthorisedAbsenceSessions: unauthorised,
    attendancePercent: attendancePercent(attended, possible),
    persistentAbsence: possible >= SMALL_DENOMINATOR_SESSIONS && isPersistentAbsence(missed, possible),
    severeAbsence: possible >= SMALL_DENOMINATOR_SESSIONS && isSevereAbsence(missed, possible),
    smallDenominator: possible < SMALL_DENOMINATOR_SESSIONS,
  };
}

const mondaysCache = new BoundedMap<string, BoundedMap<string, readonly string[]>>(1_000);
const newMondaysByTo = () => new BoundedMap<string, readonly string[]>(1_000);

/** The Mondays of the weeks from `from` to `to`; cached, since many children share the same ranges. */
function mondaysBetween(from: string, to: string): readonly string[] {
  return mondaysCache.of(from, newMondaysByTo).of(to, () => {
    const list: string[] = [];
    const last = toDayNumber(weekStart(to));
    for (let monday = toDayNumber(weekStart(from)); monday <= last; monday += 7) list.push(fromDayNumber(monday));
    return list;
  });
}

/**
 * Summarise summary figures (for a child whose school sends totals, not session marks) over a range.
 *
 * Only figures lying wholly inside the range are used: totals cannot be split by date, so a year's
 * figures never stand in for a term. Where figures overlap one another, the longest is kept and the
 * ones overlapping it dropped, so no session is counted twice. Possible sessions are attended +
 * authorised + unauthorised (the definition), whatever the source's own total says.
 * `basis` is 'summary' when some figures were used, 'none' otherwise.
 */
export function summariseAttendanceFigures(figuresList: readonly AttendanceFigures[], range: DateRange): AttendanceSummary {
  const used = figuresUsed(figuresList, range);
  let attended = 0;
  let authorised = 0;
  let unauthorised = 0;
  for (const f of used) {
    attended += f.attendedSessions;
    authorised += f.authorisedAbsenceSessions;
    unauthorised += f.unauthorisedAbsenceSessions;
  }
  return {
    from: range.from,
    to: range.to,
    ...figures(attended + authorised + unauthorised, attended, authorised, unauthorised),
    absenceReasons: [],
    weekly: [],
    unknownCodes: [],
    basis: used.length > 0 ? 'summary' : 'none',
  };
}

/** The summary figures `summariseAttendanceFigures` counts over a range: wholly inside it, no two overlapping. */
function figuresUsed(figuresList: readonly AttendanceFigures[], range: DateRange): AttendanceFigures[] {
  toDayNumber(range.from);
  toDayNumber(range.to);
  const inside = figuresList
    .filter((f) => f.from >= range.from && f.to <= range.to && f.from <= f.to)
    .sort((a, b) => toDayNumber(b.to) - toDayNumber(b.from) - (toDayNumber(a.to) - toDayNumber(a.from)) || a.from.localeCompare(b.from));
  const used: AttendanceFigures[] = [];
  for (const candidate of inside) {
    if (!used.some((kept) => candidate.from <= kept.to && kept.from <= candidate.to)) used.push(candidate);
  }
  return used.sort((a, b) => a.from.localeCompare(b.from));
}

/**
 * Attendance over a range from session marks and summary figures together, as the DfE counts it: every
 * possible session counts once, whichever way it was reported. Common after a school move: the old school
 * sends totals for the autumn, the new one daily marks from January.
 *
 * - Summary figures are used as `summariseAttendanceFigures` uses them (wholly inside the range, no two
 *   overlapping), and listed in `summaryParts`.
 * - Marks count only on dates no used summary covers, so a session reported both ways is counted once
 *   (the summary stands for its whole span, because totals cannot be split by date).
 * - `basis` is 'mixed' when both were used; `weekly` and `absenceReasons` come from the marks alone.
 */
export function summariseAttendanceCombined(list: readonly SessionMark[] | MarkColumns, figuresList: readonly AttendanceFigures[], range: DateRange): AttendanceSummary {
  const used = figuresUsed(figuresList, range);
  if (used.length === 0) return summariseAttendanceRanges(list, [range])[0]!;
  const marks = list instanceof MarkColumns ? list.toMarks() : list;
  const outside = marks.filter((mark) => !used.some((f) => f.from <= mark.date && mark.date <= f.to));
  const fromMarks = summariseAttendanceRanges(outside, [range])[0]!;
  let attended = fromMarks.attendedSessions;
  let authorised = fromMarks.authorisedAbsenceSessions;
  let unauthorised = fromMarks.unauthorisedAbsenceSessions;
  for (const f of used) {
    attended += f.attendedSessions;
    authorised += f.authorisedAbsenceSessions;
    unauthorised += f.unauthorisedAbsenceSessions;
  }
  return {
    ...fromMarks,
    ...figures(attended + authorised + unauthorised, attended, authorised, unauthorised),
    basis: fromMarks.basis === 'marks' ? 'mixed' : 'summary',
    summaryParts: used.map((f) => ({ from: f.from, to: f.to, possibleSessions: f.attendedSessions + f.authorisedAbsenceSessions + f.unauthorisedAbsenceSessions })),
  };
}

/** Why a set of summary figures does not add up, in plain English; undefined when it does. For
 * importers to report. */
export function checkAttendanceFigures(f: AttendanceFigures): string | undefined {
  if (f.from > f.to) return `The figures run from ${f.from} to ${f.to}, which ends before it starts.`;
  const sum = f.attendedSessions + f.authorisedAbsenceSessions + f.unauthorisedAbsenceSessions;
  if (sum !== f.possibleSessions) {
    return `Attended (${f.attendedSessions}) + authorised absence (${f.authorisedAbsenceSessions}) + unauthorised absence (${f.unauthorisedAbsenceSessions}) = ${sum} sessions, but possible sessions are given as ${f.possibleSessions}.`;
  }
  return undefined;
}

/** Possible and attended sessions over a range, and where they came from: `summariseAttendanceCombined`'s
 * totals without its weekly figures and absence reasons. */
export interface AttendanceTotals {
  from: string;
  to: string;
  possibleSessions: number;
  attendedSessions: number;
  basis: AttendanceSummary['basis'];
}

/**
 * The totals `summariseAttendanceCombined` gives for each range (summary figures wholly inside the range,
 * no two overlapping, and marks on the dates they do not cover, each session counted once), worked out
 * without the weekly figures and absence reasons: a status counts a child's attendance for every term of
 * three school years, so this is the lean version for many short ranges.
 */
export function attendanceTotals(
  given: readonly SessionMark[] | MarkColumns,
  figuresList: readonly AttendanceFigures[],
  ranges: readonly DateRange[],
): AttendanceTotals[] {
  if (given instanceof MarkColumns && !given.ordered) return attendanceTotals(given.toMarks(), figuresList, ranges);
  const columns = given instanceof MarkColumns ? given : undefined;
  const marks: readonly SessionMark[] = given instanceof MarkColumns ? [] : given;
  const ordered = columns !== undefined || isOrdered(marks);
  return ranges.map((range) => {
    const used = figuresList.length > 0 ? figuresUsed(figuresList, range) : [];
    let possible = 0;
    let attended = 0;
    for (const f of used) {
      attended += f.attendedSessions;
      possible += f.attendedSessions + f.authorisedAbsenceSessions + f.unauthorisedAbsenceSessions;
    }
    let marksSeen = false;
    const visit = (date: string, code: string): void => {
      if (used.length > 0 && used.some((f) => f.from <= date && date <= f.to)) return;
      marksSeen = true;
      const category = attendanceCodeDefinition(code, date)?.category;
      if (category === undefined || category === 'not-possible' || category === 'not-a-session') return;
      possible += 1;
      if (category === 'present' || category === 'approved-activity') attended += 1;
    };
    if (columns) forColumnsIn(columns, range, visit);
    else {
      const list = ordered ? marks : deduplicatedInRange(marks, range.from, range.to);
      const start = ordered ? firstOnOrAfter(marks, range.from) : 0;
      const end = !ordered ? list.length : range.to < range.from ? start : firstAfter(marks, range.to, start);
      for (let index = start; index < end; index += 1) visit(list[index]!.date, list[index]!.code);
    }
    const basis = used.length > 0 ? (marksSeen ? 'mixed' : 'summary') : marksSeen ? 'marks' : 'none';
    return { from: range.from, to: range.to, possibleSessions: possible, attendedSessions: attended, basis };
  });
}

/** Calls `visit` with the date and code of each compact mark dated in the range, in order (ordered columns only). */
function forColumnsIn(marks: MarkColumns, range: DateRange, visit: (date: string, code: string) => void): void {
  const { packed } = marks;
  const { from, after } = packedBounds(range);
  const start = search(0, packed.length, (index) => packed[index]! < from);
  const end = range.to < range.from ? start : search(start, packed.length, (index) => packed[index]! < after);
  eachColumnMark(marks, start, end, (_index, _day, date, _session, code) => visit(date, code));
}

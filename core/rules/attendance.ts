import type { z } from 'zod';
import type { AttendanceFigures as AttendanceFiguresSchema } from '../model/record.ts';
import type { AttendanceSummary } from '../model/status.ts';
import { attendanceCodeDefinition, type AttendanceCodeDefinition } from './attendance-codes.ts';
import { fromDayNumber, toDayNumber, weekStart } from './calendar.ts';

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
 * first week of term is 20% missed. Summaries then carry `smallDenominator: true` so screens can say so
 * rather than alarm. EduBridge's own choice, not a DfE figure.
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

const dayNumberCache = new Map<string, number>();
function cachedDayNumber(date: string): number {
  let dayNumber = dayNumberCache.get(date);
  if (dayNumber === undefined) {
    if (dayNumberCache.size > 50_000) dayNumberCache.clear();
    dayNumber = toDayNumber(date);
    dayNumberCache.set(date, dayNumber);
  }
  return dayNumber;
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
  let from: string;
  let to: string;
  if (range) {
    cachedDayNumber(range.from);
    cachedDayNumber(range.to);
    from = range.from;
    to = range.to;
  } else if (marks.length > 0) {
    from = marks[0]!.date;
    to = marks[0]!.date;
    for (const mark of marks) {
      if (mark.date < from) from = mark.date;
      if (mark.date > to) to = mark.date;
    }
  } else {
    from = to = todayUtc();
  }

  const effective = marksInRange(marks, from, to);
  const inRange = effective.end - effective.start;
  const mondays = to < from ? [] : mondaysBetween(from, to);
  const firstMonday = mondays.length > 0 ? cachedDayNumber(mondays[0]!) : 0;
  const weekPossible = new Array<number>(mondays.length).fill(0);
  const weekAttended = new Array<number>(mondays.length).fill(0);

  let present = 0;
  let approved = 0;
  let authorised = 0;
  let unauthorised = 0;
  const reasons = new Map<AttendanceCodeDefinition, number>();
  const unknownCodes: AttendanceSummary['unknownCodes'] = [];

  let lastDate = '';
  let week = 0;
  for (let index = effective.start; index < effective.end; index += 1) {
    const mark = effective.marks[index]!;
    assertMark(mark);
    if (mark.date !== lastDate) {
      week = Math.floor((cachedDayNumber(mark.date) - firstMonday) / 7); // also checks the date
      lastDate = mark.date;
    }
    const definition = attendanceCodeDefinition(mark.code, mark.date);
    if (!definition) {
      unknownCodes.push({ date: mark.date, session: mark.session, code: mark.code });
      continue;
    }
    const category = definition.category;
    if (category === 'not-possible' || category === 'not-a-session') continue;
    weekPossible[week]! += 1;
    if (category === 'present') {
      present += 1;
      weekAttended[week]! += 1;
    } else if (category === 'approved-activity') {
      approved += 1;
      weekAttended[week]! += 1;
    } else {
      if (category === 'authorised') authorised += 1;
      else unauthorised += 1;
      reasons.set(definition, (reasons.get(definition) ?? 0) + 1);
    }
  }

  const attended = present + approved;
  const possible = attended + authorised + unauthorised;
  return {
    from,
    to,
    ...figures(possible, attended, authorised, unauthorised),
    absenceReasons: absenceReasons(reasons),
    weekly: mondays.map((monday, index) => ({
      weekStart: monday,
      possibleSessions: weekPossible[index]!,
      attendedSessions: weekAttended[index]!,
      attendancePercent: attendancePercent(weekAttended[index]!, weekPossible[index]!),
    })),
    unknownCodes,
    basis: inRange > 0 ? 'marks' : 'none',
  };
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
  return [...merged.values()].sort((a, b) => b.sessions - a.sessions || a.code.localeCompare(b.code));
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

/**
 * The marks dated within the range, duplicates removed (the last of each date and session kept).
 * Ordered marks — the usual case — are sliced by binary search, so a four-week summary of a year's
 * marks reads only those four weeks.
 */
function marksInRange<T extends SessionMark>(marks: readonly T[], from: string, to: string): { marks: readonly T[]; start: number; end: number } {
  if (isOrdered(marks)) {
    let low = 0;
    let high = marks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (marks[middle]!.date < from) low = middle + 1;
      else high = middle;
    }
    const start = low;
    high = marks.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (marks[middle]!.date <= to) low = middle + 1;
      else high = middle;
    }
    return { marks, start, end: low };
  }
  const last = new Map<string, T>();
  for (const mark of marks) {
    if (mark.date < from || mark.date > to) continue;
    const key = `${mark.date}|${mark.session}`;
    last.delete(key); // re-insert so the kept mark sits where the last one was
    last.set(key, mark);
  }
  const deduplicated = [...last.values()];
  return { marks: deduplicated, start: 0, end: deduplicated.length };
}

function figures(possible: number, attended: number, authorised: number, unauthorised: number) {
  const missed = authorised + unauthorised;
  return {
    possibleSessions: possible,
    attendedSessions: attended,
    authorisedAbsenceSessions: authorised,
    unauthorisedAbsenceSessions: unauthorised,
    attendancePercent: attendancePercent(attended, possible),
    persistentAbsence: isPersistentAbsence(missed, possible),
    severeAbsence: isSevereAbsence(missed, possible),
    smallDenominator: possible < SMALL_DENOMINATOR_SESSIONS,
  };
}

const mondaysCache = new Map<string, readonly string[]>();

/** The Mondays of the weeks from `from` to `to`; cached, since many children share the same ranges. */
function mondaysBetween(from: string, to: string): readonly string[] {
  const key = `${from}|${to}`;
  let mondays = mondaysCache.get(key);
  if (!mondays) {
    const list: string[] = [];
    const last = toDayNumber(weekStart(to));
    for (let monday = toDayNumber(weekStart(from)); monday <= last; monday += 7) list.push(fromDayNumber(monday));
    if (mondaysCache.size > 1_000) mondaysCache.clear();
    mondaysCache.set(key, list);
    mondays = list;
  }
  return mondays;
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
  toDayNumber(range.from);
  toDayNumber(range.to);
  const inside = figuresList
    .filter((f) => f.from >= range.from && f.to <= range.to && f.from <= f.to)
    .sort((a, b) => toDayNumber(b.to) - toDayNumber(b.from) - (toDayNumber(a.to) - toDayNumber(a.from)) || a.from.localeCompare(b.from));
  const used: AttendanceFigures[] = [];
  for (const candidate of inside) {
    if (!used.some((kept) => candidate.from <= kept.to && kept.from <= candidate.to)) used.push(candidate);
  }
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

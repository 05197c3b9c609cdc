import type { ChildEducationRecord } from '../model/record.ts';
import type { AttendanceSummary, EducationStatus, Explained, Flag, Rating } from '../model/status.ts';
import { composeKey, formatMessage, message, type Language } from '../messages/index.ts';
import type { Policy } from '../policy.ts';
import { attendanceCodeDefinition } from '../rules/attendance-codes.ts';
import {
  attendanceTotals,
  SMALL_DENOMINATOR_SESSIONS,
  summariseAttendance,
  summariseAttendanceCombined,
  summariseAttendanceRangesWithTotals,
  type AttendanceTotals,
  type DateRange,
} from '../rules/attendance.ts';
import { markListOf } from '../rules/mark-columns.ts';
import { percentForThreshold } from '../rules/rag.ts';
import type { ChildFacts } from './child.ts';
import { flag, maxDate, minDate, type AreaResult, type DateContext, type Rated } from './common.ts';

/**
 * Attendance: the academic year, the term and the last four school weeks, the trend, and the rating.
 *
 * The rating (DfE definitions, core/rules/attendance.ts):
 * - red for persistent absence (10% or more of possible sessions missed, so exactly 90% attended is red)
 *   or severe absence, or attendance below the policy's amber line; amber below the green line; green
 *   at or above it. The persistent-absence rule decides the red boundary, so the rating and the
 *   "Persistent absence" flag can never disagree.
 * - `none`, "too early to judge", while fewer than SMALL_DENOMINATOR_SESSIONS sessions were possible
 *   since the school year (or the child's current school place) began: neither the rating nor the
 *   persistent-absence flags alarm on two sessions.
 * - `none` with `missing`, when attendance applies to the child but the figures are not there (no data at
 *   all, or far fewer sessions than the school calendar had): the reason says what is missing and what
 *   to do, and the overall rating cannot be green.
 */

/**
 * The attendance trend compares the last four school weeks (weeks with any possible sessions, so holidays
 * are skipped) with the four school weeks before them, within this academic year. Each window needs at
 * least a school week's worth of possible sessions.
 */
const TREND_WEEKS = 4;
const MIN_TREND_SESSIONS = 10;

/** Summaries of a child's attendance over each range: session marks and summary figures together, each
 * session counted once; and the totals alone over each of `totalsRanges` (the terms of the attendance
 * trend). When no summary figures count, the marks are read once for all the ranges. */
function attendanceOver(
  record: ChildEducationRecord,
  ranges: readonly DateRange[],
  totalsRanges: readonly DateRange[] = [],
): { summaries: AttendanceSummary[]; totals: AttendanceTotals[] } {
  // The compact marks when the record has them (core/rules/mark-columns.ts): no mark objects are made.
  const { summaries } = record.attendance;
  const marks = markListOf(record.attendance);
  // Summary figures count only inside a range that holds them whole: when none does (figures for past
  // terms, say), the marks alone are read, once for all the ranges.
  const holdsFigures = (range: DateRange) => summaries.some((f) => f.from <= f.to && f.from >= range.from && f.to <= range.to);
  if (ranges.some(holdsFigures)) {
    return {
      summaries: ranges.map((range) => summariseAttendanceCombined(marks, summaries, range)),
      totals: attendanceTotals(marks, summaries, totalsRanges),
    };
  }
  if (marks.length === 0) {
    return { summaries: ranges.map((range) => summariseAttendance([], range)), totals: attendanceTotals(marks, summaries, totalsRanges) };
  }
  if (summaries.length === 0) return summariseAttendanceRangesWithTotals(marks, ranges, totalsRanges);
  const withFigures = totalsRanges.map(holdsFigures);
  const counted = summariseAttendanceRangesWithTotals(
    marks,
    ranges,
    totalsRanges.filter((_, index) => !withFigures[index]),
  );
  const fromFigures = attendanceTotals(
    marks,
    summaries,
    totalsRanges.filter((_, index) => withFigures[index]),
  );
  let next = 0;
  let nextFromFigures = 0;
  const totals = totalsRanges.map((_, index) => (withFigures[index] ? fromFigures[nextFromFigures++]! : counted.totals[next++]!));
  return { summaries: counted.summaries, totals };
}

interface Trend {
  trend: 'improving' | 'declining' | 'steady' | 'unknown';
  recent: { possible: number; attended: number };
  previous: { possible: number; attended: number };
  /** The Monday of the earliest of the last four school weeks (fewer early in the year); undefined with none. */
  recentFrom: string | undefined;
}

function trendOf(weekly: AttendanceSummary['weekly'], points: number): Trend {
  const recent = { possible: 0, attended: 0 };
  const previous = { possible: 0, attended: 0 };
  let recentFrom: string | undefined;
  let weeks = 0;
  for (let index = weekly.length - 1; index >= 0 && weeks < TREND_WEEKS * 2; index -= 1) {
    const week = weekly[index]!;
    if (week.possibleSessions === 0) continue;
    const inRecent = weeks < TREND_WEEKS;
    const window = inRecent ? recent : previous;
    if (inRecent) recentFrom = week.weekStart;
    window.possible += week.possibleSessions;
    window.attended += week.attendedSessions;
    weeks += 1;
  }
  if (weeks < TREND_WEEKS * 2 || recent.possible < MIN_TREND_SESSIONS || previous.possible < MIN_TREND_SESSIONS) {
    return { trend: 'unknown', recent, previous, recentFrom };
  }
  const change = (recent.attended / recent.possible - previous.attended / previous.possible) * 100;
  const trend = change >= points && change > 0 ? 'improving' : change <= -points && change < 0 ? 'declining' : 'steady';
  return { trend, recent, previous, recentFrom };
}

/** How much of the school year's attendance a summary can be judged on. */
export interface AttendanceSituation {
  /** Attendance applies to the child: of compulsory school age (Years 1 to 11), or in Reception with a school place. */
  applicable: boolean;
  /** Sessions the school calendar had from `since` to the status date. */
  calendarSessions: number;
  /** The date sessions are counted from: the start of the school year, or of the child's school place if later. */
  since: string;
  /** The child's UPN is missing or not valid, so school data may not have been matched. */
  upnProblem: boolean;
}

/** "misses about 7 sessions in 10": the share of sessions missed, in tenths, as a reader says it. */
export function missedInTen(attended: number, possible: number): number {
  return Math.round(((possible - attended) * 10) / possible);
}

/**
 * Attendance rating (see the rule at the top of this file). Compared exactly (attended × 100 against
 * threshold × possible), like the DfE's persistent-absence test.
 */
export function rateAttendance(summary: AttendanceSummary, policy: Policy, language: Language = 'en', situation?: AttendanceSituation): Rated {
  const { greenAtLeastPercent: green, amberAtLeastPercent: amber } = policy.attendance;
  const possible = summary.possibleSessions;
  const tooEarly = situation !== undefined && situation.calendarSessions < SMALL_DENOMINATOR_SESSIONS;
  if (possible === 0) {
    if (situation === undefined || !situation.applicable) return { rating: 'none', reasons: [message('rag.attendance.none', {}, language)] };
    if (tooEarly) return { rating: 'none', reasons: [message('rag.attendance.not-started', {}, language)] };
    const key = situation.upnProblem ? 'rag.attendance.missing-upn' : 'rag.attendance.missing';
    return { rating: 'none', reasons: [message(key, { since: situation.since }, language)], missing: true };
  }
  if (summary.smallDenominator) {
    if (situation === undefined || tooEarly || !situation.applicable) {
      return { rating: 'none', reasons: [message('rag.attendance.too-early', { possible, minimum: SMALL_DENOMINATOR_SESSIONS }, language)] };
    }
    return {
      rating: 'none',
      reasons: [message('rag.attendance.partial', { possible, since: situation.since, calendar: situation.calendarSessions }, language)],
      missing: true,
    };
  }
  const attended = summary.attendedSessions;
  const percent = percentForThreshold(attended, possible, [green, amber]);
  const absence = summary.persistentAbsence || summary.severeAbsence;
  const rating: Rating = absence || attended * 100 < amber * possible ? 'red' : attended * 100 < green * possible ? 'amber' : 'green';
  const reasons: Explained[] = [];
  if (rating === 'red' && absence && attended * 100 >= amber * possible) reasons.push(message('rag.attendance.red-persistent', { percent }, language));
  else reasons.push(message(composeKey('rag.attendance.', rating), { percent, green, amber }, language));
  if (summary.severeAbsence) reasons.push(message('rag.attendance.severe', { missed: missedInTen(attended, possible) }, language));
  else if (summary.persistentAbsence) reasons.push(message('rag.attendance.persistent', {}, language));
  if (summary.basis === 'summary') reasons.push(message('rag.attendance.summary-basis', {}, language));
  if (summary.basis === 'mixed') reasons.push(message('rag.attendance.mixed-basis', { parts: summaryPartsText(summary, language) }, language));
  return { rating, reasons };
}

function summaryPartsText(summary: AttendanceSummary, language: Language): string {
  return (summary.summaryParts ?? [])
    .map((part) => formatMessage('attendance.summary-part', { from: part.from, to: part.to, possible: part.possibleSessions }, language))
    .join('; ');
}

export function deriveAttendance(
  record: ChildEducationRecord,
  context: DateContext,
  facts: ChildFacts,
  school: { start?: string | undefined } | null,
  language: Language,
  trendTerms: readonly DateRange[] = [],
): AreaResult<EducationStatus['attendance']> & { termTotals: AttendanceTotals[] } {
  const { asOf, policy, year, term, lastFourFrom } = context;
  const flags: Flag[] = [];
  const counted = attendanceOver(
    record,
    [
      { from: year.start, to: asOf },
      { from: term.start, to: minDate(term.end, asOf) },
    ],
    trendTerms,
  );
  const [yearSummary, termSummary] = counted.summaries as [AttendanceSummary, AttendanceSummary];
  const { trend, recent, previous, recentFrom } = trendOf(yearSummary.weekly, policy.attendance.trendChangePoints);
  // The last four school weeks: the trend's recent window, so the panel's "last four weeks" and the
  // declining-attendance flag speak of the same sessions. Without weekly figures, the 28 days to asOf.
  const [lastFourWeeks] = attendanceOver(record, [{ from: recentFrom ? maxDate(recentFrom, year.start) : lastFourFrom, to: asOf }]).summaries as [AttendanceSummary];
  const section: EducationStatus['attendance'] = {
    academicYear: yearSummary,
    // The summary is a fresh object: name the term on it rather than copy it.
    term: Object.assign(termSummary, { termName: formatMessage(composeKey('term.', term.name), { year: term.academicYear }, language) }),
    lastFourWeeks,
    trend,
  };

  const since = school?.start !== undefined && school.start > year.start && school.start <= asOf ? school.start : year.start;
  const situation: AttendanceSituation = {
    // Years 1 to 11, and Reception with a school place; sixth-form attendance is not collected alike.
    applicable: facts.compulsorySchoolAge || (facts.yearGroup === 0 && school !== null),
    calendarSessions: context.calendarSessions(since),
    since,
    upnProblem: !facts.upnUsable,
  };
  const rated = rateAttendance(yearSummary, policy, language, situation);

  const possible = yearSummary.possibleSessions;
  if (rated.rating !== 'none') {
    const percent = percentForThreshold(yearSummary.attendedSessions, possible, [90, 50]);
    if (yearSummary.severeAbsence) {
      flags.push(flag('severe-absence', 'attendance', 'red', { percent, missed: missedInTen(yearSummary.attendedSessions, possible) }, language));
    } else if (yearSummary.persistentAbsence) flags.push(flag('persistent-absence', 'attendance', 'red', { percent }, language));
  } else if (possible > 0 && !rated.missing) {
    flags.push(flag('attendance-small-denominator', 'attendance', 'info', { possible }, language));
  } else if (rated.missing) {
    flags.push(
      possible === 0
        ? flag(situation.upnProblem ? 'no-attendance-data-upn' : 'no-attendance-data', 'attendance', 'info', { since }, language)
        : flag('attendance-partial', 'attendance', 'info', { possible, since, calendar: situation.calendarSessions }, language),
    );
  }
  if (trend === 'declining') {
    flags.push(
      flag(
        'attendance-declining',
        'attendance',
        'amber',
        { recent: percentForThreshold(recent.attended, recent.possible, []), previous: percentForThreshold(previous.attended, previous.possible, []) },
        language,
      ),
    );
  }
  // Codes that are national codes, but not on the date they were used (e.g. J after 18 August 2024), are
  // told apart from codes that were never national codes.
  let outOfUse = 0;
  for (const mark of yearSummary.unknownCodes) if (attendanceCodeDefinition(mark.code) !== undefined) outOfUse += 1;
  const unknown = yearSummary.unknownCodes.length - outOfUse;
  if (unknown > 0) flags.push(flag('unknown-attendance-codes', 'data', 'amber', { count: unknown }, language));
  if (outOfUse > 0) flags.push(flag('attendance-codes-out-of-use', 'data', 'amber', { count: outOfUse }, language));
  return { section, flags, rated, termTotals: counted.totals };
}

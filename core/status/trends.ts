import type { ChildEducationRecord, TermlyJudgement } from '../model/record.ts';
import type { AttainmentPoint, StatusTrends, TermAttendance } from '../model/status.ts';
import type { Policy } from '../policy.ts';
import { coreSubjectOf, judgeInYear, judgeStatutoryResultCached, type CoreSubject } from '../rules/attainment.ts';
import {
  attendancePercent,
  attendanceTotals,
  isPersistentAbsence,
  PERSISTENT_ABSENCE_PERCENT,
  SMALL_DENOMINATOR_SESSIONS,
  type AttendanceTotals,
  type DateRange,
} from '../rules/attendance.ts';
import { academicYearStarting, termDatesForYear } from '../rules/calendar.ts';
import { yearGroupInAcademicYear } from '../rules/year-group.ts';
import { gcseMeetsExpected } from './attainment.ts';
import type { DateContext } from './common.ts';

/**
 * Trends over time: attendance by term and attainment against expected, over the current school year and
 * the two before it — the picture a PEP meeting or a termly review looks at.
 *
 * Attendance, per term (autumn, spring, summer) by the policy's term dates (core/rules/calendar.ts):
 * - counted as the status counts a school year (core/rules/attendance.ts): session marks and summary
 *   figures together, each session once; summary figures count only when they lie wholly inside the term;
 * - a term that has not started is left out; the term under way runs to the status date;
 * - a term with nothing recorded is kept, with no percentage and basis `none`: missing data is said, never
 *   shown as full attendance;
 * - terms in school years before the child's Reception year are left out (there is no school attendance to
 *   have), and so are terms after Year 11 with nothing recorded (attendance past 16 is not collected alike);
 * - `smallDenominator` and `persistentAbsence` follow the same rules as the school year's figures
 *   (SMALL_DENOMINATOR_SESSIONS, PERSISTENT_ABSENCE_PERCENT), so no term alarms on a handful of sessions.
 *
 * Attainment, per core subject (reading, writing, English, maths; early learning goals count towards the
 * subject they belong to): every termly judgement and statutory result in the three school years, oldest
 * first, with whether it was at or above expected — judged as the status judges the latest ones
 * (core/rules/attainment.ts; a GCSE grade, real or predicted, against the policy's expected grade).
 */

/** How many school years the trend covers: the current one and the two before it. */
export const TREND_SCHOOL_YEARS = 3;

const SUBJECT_ORDER: readonly CoreSubject[] = ['reading', 'writing', 'english', 'maths'];

/** A term of the attendance trend, as a range to count. */
export interface TrendTerm extends DateRange {
  academicYear: string;
  term: TermAttendance['term'];
  inProgress: boolean;
  /** The child was past Year 11 in this school year: the term is shown only when something was recorded. */
  beyondCompulsory: boolean;
}

/** The child's year group in the context's school year; NaN for a date of birth the calendar cannot place. */
function yearGroupOf(record: ChildEducationRecord, context: DateContext): number {
  try {
    return yearGroupInAcademicYear(record.identity.dateOfBirth, context.year.startYear);
  } catch {
    return Number.NaN;
  }
}

/** Term lists by the school years they cover, per date context: most children share one of a few. */
const termListCache = new WeakMap<DateContext, Map<string, TrendTerm[]>>();

/** The terms of the trend's school years that have started by the status date, oldest first, from the
 * child's Reception year on, for a child in `yearGroup` this school year (NaN when the date of birth
 * cannot be placed: no terms). Treat the list as read-only: children share it. */
export function trendTerms(context: DateContext, yearGroup: number): readonly TrendTerm[] {
  const { asOf, policy, year } = context;
  const groups: number[] = [];
  for (let yearsBack = TREND_SCHOOL_YEARS - 1; yearsBack >= 0; yearsBack -= 1) {
    // A child is one year group lower for each school year back.
    const group = yearGroup - yearsBack;
    groups.push(Number.isNaN(group) || group < 0 ? 0 : group > 11 ? 2 : 1);
  }
  const key = groups.join('');
  let byKey = termListCache.get(context);
  if (!byKey) {
    byKey = new Map();
    termListCache.set(context, byKey);
  }
  let terms = byKey.get(key);
  if (terms) return terms;
  terms = [];
  groups.forEach((kind, index) => {
    if (kind === 0) return;
    const dates = termDatesForYear(year.startYear - TREND_SCHOOL_YEARS + 1 + index, policy.termDates);
    for (const term of dates.terms) {
      if (term.start > asOf) continue;
      const inProgress = term.end > asOf;
      terms!.push({
        academicYear: dates.academicYear,
        term: term.name,
        from: term.start,
        to: inProgress ? asOf : term.end,
        inProgress,
        beyondCompulsory: kind === 2,
      });
    }
  });
  byKey.set(key, terms);
  return terms;
}

function attendanceByTerm(terms: readonly TrendTerm[], totals: readonly AttendanceTotals[]): TermAttendance[] {
  const result: TermAttendance[] = [];
  for (let index = 0; index < terms.length; index += 1) {
    const term = terms[index]!;
    const { possibleSessions: possible, attendedSessions: attended, basis } = totals[index]!;
    if (term.beyondCompulsory && basis === 'none') continue;
    const judged = possible >= SMALL_DENOMINATOR_SESSIONS;
    result.push({
      academicYear: term.academicYear,
      term: term.term,
      from: term.from,
      to: term.to,
      inProgress: term.inProgress,
      possibleSessions: possible,
      attendedSessions: attended,
      attendancePercent: attendancePercent(attended, possible),
      smallDenominator: !judged,
      persistentAbsence: judged && isPersistentAbsence(possible - attended, possible),
      basis,
    });
  }
  return result;
}

/** Whether each termly judgement is at or above expected, as deriveAttainment judged them. */
export type JudgedTermly = ReadonlyMap<TermlyJudgement, { atOrAboveExpected: boolean | null }>;

function attainmentOverTime(record: ChildEducationRecord, from: string, asOf: string, policy: Policy, judged?: JudgedTermly): StatusTrends['attainment'] {
  const gcseDefault = policy.attainment.gcseExpectedGrade === 4;
  const bySubject = new Map<CoreSubject, AttainmentPoint[]>();
  const add = (subject: CoreSubject, point: AttainmentPoint) => {
    const points = bySubject.get(subject);
    if (points) points.push(point);
    else bySubject.set(subject, [point]);
  };
  for (const t of record.attainment.termly) {
    if (t.date < from || t.date > asOf) continue;
    const core = coreSubjectOf(t.subject);
    if (core === null) continue;
    const result = t.judgement ?? t.predictedGrade;
    if (result === undefined) continue; // nothing was judged
    let meets = judged?.get(t)?.atOrAboveExpected;
    if (meets === undefined) {
      meets = judgeInYear(t).atOrAboveExpected;
      if (!gcseDefault && t.judgement === undefined && t.predictedGrade !== undefined) meets = gcseMeetsExpected(t.predictedGrade, policy);
    }
    add(core, { date: t.date, source: 'teacher', subject: t.subject, result, atOrAboveExpected: meets });
  }
  for (const a of record.attainment.assessments) {
    if (a.date < from || a.date > asOf) continue;
    const core = coreSubjectOf(a.subject);
    if (core === null) continue;
    const meets = a.measure === 'GCSE' && !gcseDefault ? gcseMeetsExpected(a.result, policy) : judgeStatutoryResultCached(a.measure, a.subject, a.result).meetsExpected;
    add(core, { date: a.date, source: 'statutory', measure: a.measure, subject: a.subject, result: a.result, atOrAboveExpected: meets });
  }
  const subjects: StatusTrends['attainment'] = [];
  for (const subject of SUBJECT_ORDER) {
    const points = bySubject.get(subject);
    if (!points) continue;
    // Oldest first; on the same date, statutory results after teacher judgements, each in record order.
    points.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.source === b.source ? 0 : a.source === 'teacher' ? -1 : 1));
    subjects.push({ subject, points });
  }
  return subjects;
}

/**
 * The trends section of a child's status on the context's date. `terms` and `totals` are the trend's terms
 * (`trendTerms`) and the attendance counted over each, when the caller has counted them with the rest of
 * the child's attendance (deriveStatus does); otherwise they are counted here. Likewise `judged`, the termly
 * judgements as deriveAttainment judged them.
 */
export function deriveTrends(
  record: ChildEducationRecord,
  context: DateContext,
  terms: readonly TrendTerm[] = trendTerms(context, yearGroupOf(record, context)),
  totals: readonly AttendanceTotals[] = attendanceTotals(record.attendance.marks, record.attendance.summaries, terms),
  judged?: JudgedTermly,
): StatusTrends {
  const from = academicYearStarting(context.year.startYear - TREND_SCHOOL_YEARS + 1).start;
  return {
    from,
    attendance: attendanceByTerm(terms, totals),
    persistentAbsenceBelowPercent: 100 - PERSISTENT_ABSENCE_PERCENT,
    attainment: attainmentOverTime(record, from, context.asOf, context.policy, judged),
  };
}

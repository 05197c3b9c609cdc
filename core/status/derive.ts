import type { z } from 'zod';
import type { ChildEducationRecord, PepMeeting, RecordPart, TermlyJudgement } from '../model/record.ts';
import {
  STATUS_SCHEMA_VERSION,
  type AttendanceSummary,
  type EducationStatus,
  type Flag,
  type Freshness,
  type InYearJudgement,
  type StatusAttainment,
  type StatusPep,
  type StatusSchool,
  type StatusSen,
  type StatutoryResult,
} from '../model/status.ts';
import { composeKey, formatMessage, joinList, message, type Language, type MessageParams } from '../messages/index.ts';
import { DEFAULT_POLICY, pepQualityRating, resolvePolicy, type Policy, type PolicyInput } from '../policy.ts';
import { coreSubjectOf, coreSubjectsFor, judgeInYear, judgeStatutoryResultCached, type CoreSubject } from '../rules/attainment.ts';
import { summariseAttendance, summariseAttendanceFigures, summariseAttendanceRanges, type DateRange } from '../rules/attendance.ts';
import { academicYearOf, addDays, currentOrLastTerm, toDayNumber } from '../rules/calendar.ts';
import { dayNumberOf } from '../rules/day-numbers.ts';
import { summariseCare, currentCarePeriod } from '../rules/care.ts';
import { summariseExclusions } from '../rules/exclusions.ts';
import { checkUpn } from '../rules/identifiers.ts';
import { isHeldMeeting, lastHeldMeeting, outstandingActions, pepTimeliness } from '../rules/pep.ts';
import { rateAttainment, rateAttendance, rateExclusions, rateOverall, ratePep, percentForThreshold } from '../rules/rag.ts';
import { senPrimaryNeedLabel, senProvisionLabel } from '../rules/sen.ts';
import { ageOn, isAssessmentYear, keyStage, yearGroupInAcademicYear, yearGroupLabel } from '../rules/year-group.ts';

/**
 * deriveStatus: a child's education status on a date, from their education record — what every EduBridge
 * screen shows. Pure and fast (no validation here: records are validated where they enter the system),
 * and it never throws for a record that satisfies the ChildEducationRecord schema.
 */

export interface DeriveOptions {
  /** The date to work the status out for, YYYY-MM-DD (usually today). */
  asOf: string;
  /** The council's policy: a complete one, or the parts that differ from DEFAULT_POLICY. */
  policy?: Policy | PolicyInput;
  language?: Language;
}

/**
 * The attendance trend compares the last four school weeks (weeks with any possible sessions, so holidays
 * are skipped) with the four school weeks before them, within this academic year. Each window needs at
 * least a school week's worth of possible sessions.
 */
const TREND_WEEKS = 4;
const MIN_TREND_SESSIONS = 10;

/** The dates a status can be worked out for: the calendar rules (term dates, bank holidays) hold here. */
export const EARLIEST_AS_OF = '1900-01-01';
export const LATEST_AS_OF = '2999-12-31';

/** The child's year group, or NaN when the date of birth is one the calendar cannot place (year 0000). */
function safeYearGroup(dateOfBirth: string, startYear: number): number {
  try {
    return yearGroupInAcademicYear(dateOfBirth, startYear);
  } catch {
    return Number.NaN;
  }
}

const resolvedPolicies = new WeakMap<object, Policy>();

function policyOf(input: Policy | PolicyInput | undefined): Policy {
  if (input === undefined || input === DEFAULT_POLICY) return DEFAULT_POLICY;
  let policy = resolvedPolicies.get(input);
  if (!policy) {
    policy = resolvePolicy(input as PolicyInput);
    resolvedPolicies.set(input, policy);
  }
  return policy;
}

type Severity = Flag['severity'];
type Area = Flag['area'];

class Flags {
  readonly list: Flag[] = [];
  constructor(private readonly language: Language) {}
  add(key: string, area: Area, severity: Severity, params: MessageParams = {}): void {
    this.list.push({
      key,
      area,
      severity,
      title: message(composeKey('flag.', key, '.title'), params, this.language),
      meaning: message(composeKey('flag.', key, '.meaning'), params, this.language),
    });
  }
  sorted(): Flag[] {
    const order: Record<Severity, number> = { red: 0, amber: 1, info: 2 };
    return this.list.map((flag, index) => ({ flag, index })).sort((a, b) => order[a.flag.severity] - order[b.flag.severity] || a.index - b.index).map((x) => x.flag);
  }
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}

/** The dates every child's status on `asOf` shares, worked out once per asOf and policy (a cohort shares both). */
interface DateContext {
  asOf: string;
  policy: Policy;
  asOfDay: number;
  year: ReturnType<typeof academicYearOf>;
  term: ReturnType<typeof currentOrLastTerm>;
  lastFourFrom: string;
  evidenceSince: string;
}
let lastContext: DateContext | null = null;

function dateContext(asOf: string, policy: Policy): DateContext {
  if (lastContext && lastContext.asOf === asOf && lastContext.policy === policy) return lastContext;
  lastContext = {
    asOf,
    policy,
    asOfDay: toDayNumber(asOf),
    year: academicYearOf(asOf),
    term: currentOrLastTerm(asOf, policy.termDates),
    lastFourFrom: addDays(asOf, -27),
    evidenceSince: addDays(asOf, -policy.attainment.evidenceWithinDays),
  };
  return lastContext;
}

/** Summaries of a child's attendance over each range: session marks where there are any in the range,
 * else summary figures. The marks are read once for all the ranges. */
function attendanceOver(record: ChildEducationRecord, ranges: readonly DateRange[]): AttendanceSummary[] {
  const { marks, summaries } = record.attendance;
  const fromMarks = marks.length > 0 ? summariseAttendanceRanges(marks, ranges) : undefined;
  return ranges.map((range, index) => {
    const summary = fromMarks?.[index];
    if (summary && (summary.basis !== 'none' || summaries.length === 0)) return summary;
    if (summaries.length > 0) return summariseAttendanceFigures(summaries, range);
    return summariseAttendance([], range);
  });
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

function currentSchool(record: ChildEducationRecord, asOf: string): z.infer<typeof StatusSchool> | null {
  let best: ChildEducationRecord['school']['enrolments'][number] | null = null;
  for (const enrolment of record.school.enrolments) {
    if ((enrolment.start !== undefined && enrolment.start > asOf) || (enrolment.end !== undefined && enrolment.end < asOf)) continue;
    if (!best || (enrolment.start ?? '') >= (best.start ?? '')) best = enrolment;
  }
  if (!best) return null;
  return {
    urn: best.urn,
    name: best.name,
    ...(best.phase !== undefined ? { phase: best.phase } : {}),
    ...(best.inArea !== undefined ? { inArea: best.inArea } : {}),
    ...(best.start !== undefined ? { start: best.start } : {}),
    ...(best.designatedTeacher ? { designatedTeacher: best.designatedTeacher } : {}),
  };
}

interface AttainmentFacts {
  status: z.infer<typeof StatusAttainment>;
  core: { subjects: readonly CoreSubject[]; below: CoreSubject[]; atOrAbove: CoreSubject[] };
  belowTarget: string[];
}

const normalisedSubjects = new Map<string, string>();
/** A subject name compared without case or surrounding spaces ("Reading " and "reading" are one subject). */
function normaliseSubject(subject: string): string {
  let normalised = normalisedSubjects.get(subject);
  if (normalised === undefined) {
    normalised = subject.trim().toLowerCase();
    if (normalisedSubjects.size > 10_000) normalisedSubjects.clear();
    normalisedSubjects.set(subject, normalised);
  }
  return normalised;
}

/** The latest item on or before asOf for each group (by `group`, then subject), latest first. Records hold
 * a few dozen results at most, so a linear search beats building maps for every child. */
function latestBy<T extends { date: string; subject: string }>(items: readonly T[], asOf: string, group: (item: T) => string): T[] {
  const found: T[] = [];
  const keys: string[] = [];
  const subjects: string[] = [];
  for (const item of items) {
    if (item.date > asOf) continue;
    const g = group(item);
    const subject = normaliseSubject(item.subject);
    let index = 0;
    while (index < found.length && (keys[index] !== g || subjects[index] !== subject)) index += 1;
    if (index === found.length) {
      found.push(item);
      keys.push(g);
      subjects.push(subject);
    } else if (item.date >= found[index]!.date) found[index] = item;
  }
  return found.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
}

function deriveAttainment(record: ChildEducationRecord, asOf: string, stage: string, since: string): AttainmentFacts {
  const assessments = record.attainment.assessments;
  const termly = record.attainment.termly;
  const statutory: z.infer<typeof StatutoryResult>[] = [];
  for (const a of latestBy(assessments, asOf, (item) => item.measure)) {
    const judged = judgeStatutoryResultCached(a.measure, a.subject, a.result);
    const result: z.infer<typeof StatutoryResult> = {
      measure: a.measure,
      subject: a.subject,
      date: a.date,
      result: a.result,
      resultLabel: judged.resultLabel,
      expectedStandard: judged.expectedStandard,
      meetsExpected: judged.meetsExpected,
    };
    if (a.target !== undefined) result.target = a.target;
    statutory.push(result);
  }

  // Each core subject is judged on its most recent evidence from the last `evidenceWithinDays` days: an
  // in-year judgement if there is one, else a statutory result. Where several results share that date
  // (English language and literature; two early learning goals), English counts if any meets the
  // standard, other subjects only if all do.
  const judgements = new Map<TermlyJudgement, ReturnType<typeof judgeInYear>>();
  const inYearEvidence = new Evidence();
  for (const t of termly) {
    const judged = judgeInYear(t);
    judgements.set(t, judged);
    if (t.date >= since && t.date <= asOf) inYearEvidence.add(coreSubjectOf(t.subject), t.date, judged.atOrAboveExpected);
  }
  const statutoryEvidence = new Evidence();
  for (const a of assessments) {
    if (a.date < since || a.date > asOf) continue;
    const core = coreSubjectOf(a.subject);
    if (core !== null) statutoryEvidence.add(core, a.date, judgeStatutoryResultCached(a.measure, a.subject, a.result).meetsExpected);
  }

  const inYear: z.infer<typeof InYearJudgement>[] = [];
  const belowTarget: string[] = [];
  for (const t of latestBy(termly, asOf, () => '')) {
    const judged = judgements.get(t) ?? judgeInYear(t);
    const judgement: z.infer<typeof InYearJudgement> = {
      subject: t.subject,
      date: t.date,
      atOrAboveExpected: judged.atOrAboveExpected,
      versusTarget: judged.versusTarget,
    };
    if (t.judgement !== undefined) judgement.judgement = t.judgement;
    if (t.predictedGrade !== undefined) judgement.predictedGrade = t.predictedGrade;
    if (t.target !== undefined) judgement.target = t.target;
    inYear.push(judgement);
    if (judged.versusTarget === 'below') belowTarget.push(t.subject);
  }

  const subjects = coreSubjectsFor(stage);
  const below: CoreSubject[] = [];
  const atOrAbove: CoreSubject[] = [];
  for (const subject of subjects) {
    const verdict = inYearEvidence.verdict(subject) ?? statutoryEvidence.verdict(subject);
    if (verdict === true) atOrAbove.push(subject);
    else if (verdict === false) below.push(subject);
  }
  return { status: { statutory, inYear, coreSubjectsBelowExpected: below }, core: { subjects, below, atOrAbove }, belowTarget };
}

/** The verdicts of the latest evidence per core subject. */
class Evidence {
  private readonly latest = new Map<CoreSubject, { date: string; verdicts: boolean[] }>();
  add(subject: CoreSubject | null, date: string, verdict: boolean | null): void {
    if (subject === null || verdict === null) return;
    const current = this.latest.get(subject);
    if (!current || date > current.date) this.latest.set(subject, { date, verdicts: [verdict] });
    else if (date === current.date) current.verdicts.push(verdict);
  }
  verdict(subject: CoreSubject): boolean | null {
    const evidence = this.latest.get(subject);
    if (!evidence) return null;
    return subject === 'english' ? evidence.verdicts.some(Boolean) : evidence.verdicts.every(Boolean);
  }
}

/** Pupil Premium Plus requested and approved at PEP meetings held in the financial year (April to March) containing asOf (PP+ is allocated per financial year, DOMAIN.md §2). */
function ppPlusThisFinancialYear(meetings: readonly PepMeeting[], asOf: string): { requested?: number; approved?: number } {
  const year = Number(asOf.slice(0, 4)) - (asOf.slice(5) < '04-01' ? 1 : 0);
  const from = `${String(year).padStart(4, '0')}-04-01`;
  let requested: number | undefined;
  let approved: number | undefined;
  for (const meeting of meetings) {
    if (meeting.date < from || !isHeldMeeting(meeting, asOf)) continue;
    if (meeting.ppPlusRequested !== undefined) requested = (requested ?? 0) + meeting.ppPlusRequested;
    if (meeting.ppPlusApproved !== undefined) approved = (approved ?? 0) + meeting.ppPlusApproved;
  }
  return { ...(requested !== undefined ? { requested } : {}), ...(approved !== undefined ? { approved } : {}) };
}

function freshnessOf(record: ChildEducationRecord, asOfDay: number, policy: Policy): z.infer<typeof Freshness> & { staleParts: RecordPart[] } {
  const parts: z.infer<typeof Freshness>['parts'] = {};
  let oldest: string | null = null;
  const staleParts: RecordPart[] = [];
  for (const [part, provenance] of Object.entries(record.provenance) as [RecordPart, { source: string; asOf: string } | undefined][]) {
    if (!provenance) continue;
    const ageDays = asOfDay - dayNumberOf(provenance.asOf);
    parts[part] = { source: provenance.source, asOf: provenance.asOf, ageDays };
    if (oldest === null || provenance.asOf < oldest) oldest = provenance.asOf;
    if (ageDays > policy.staleDataDays) staleParts.push(part);
  }
  return { parts, oldest, stale: staleParts.length > 0, staleParts };
}

/**
 * The education status of a child on `options.asOf`, under the council's policy, with every sentence in
 * `options.language` (English by default). Throws only when `asOf` is not a calendar date or the policy
 * is invalid; never for a record that satisfies the ChildEducationRecord schema.
 */
export function deriveStatus(record: ChildEducationRecord, options: DeriveOptions): EducationStatus {
  const { asOf } = options;
  toDayNumber(asOf);
  if (asOf < EARLIEST_AS_OF || asOf > LATEST_AS_OF) {
    throw new RangeError(`Statuses can be worked out for dates from ${EARLIEST_AS_OF} to ${LATEST_AS_OF}, not ${asOf}`);
  }
  const policy = policyOf(options.policy);
  const context = dateContext(asOf, policy);
  const language: Language = options.language ?? 'en';
  const termDates = policy.termDates;
  const flags = new Flags(language);
  const identity = record.identity;

  // The child -------------------------------------------------------------------------------------
  const group = safeYearGroup(identity.dateOfBirth, context.year.startYear);
  const stage = keyStage(group);
  const compulsorySchoolAge = group >= 1 && group <= 11;
  const schoolAge = group >= 0 && group <= 13;
  const upnCheck = identity.upn !== undefined ? checkUpn(identity.upn) : undefined;
  if (upnCheck && !upnCheck.valid) flags.add('upn-invalid', 'identity', 'amber', { problem: upnCheck.problem ?? '' });
  if (identity.upn === undefined && schoolAge) flags.add('upn-missing', 'identity', 'info');
  const child: EducationStatus['child'] = {
    personId: identity.personId,
    firstName: identity.firstName,
    lastName: identity.lastName,
    displayName: `${identity.preferredName || identity.firstName} ${identity.lastName}`.trim(),
    dateOfBirth: identity.dateOfBirth,
    age: Number.isNaN(group) ? 0 : Math.max(0, ageOn(identity.dateOfBirth, asOf)),
    gender: identity.gender,
    yearGroup: group >= 0 ? group : null,
    yearGroupLabel: Number.isNaN(group) ? 'Not known' : yearGroupLabel(group),
    keyStage: stage,
    assessmentYear: isAssessmentYear(group),
  };
  if (identity.upn !== undefined) {
    child.upn = identity.upn;
    child.upnValid = upnCheck?.valid ?? false;
  }
  if (identity.ethnicity !== undefined) child.ethnicity = identity.ethnicity;
  if (identity.responsibleLa !== undefined) child.responsibleLa = identity.responsibleLa;

  // Care ------------------------------------------------------------------------------------------
  const lookedAfter = summariseCare(record.care, asOf);
  if (lookedAfter.lookedAfter) {
    if (lookedAfter.placementChangesLast12Months >= policy.care.placementChangesFlagAt) {
      flags.add('placement-changes', 'care', 'amber', { count: lookedAfter.placementChangesLast12Months });
    }
    if (lookedAfter.currentPeriodStart !== undefined && (lookedAfter.daysInCare ?? 0) < policy.care.newToCareDays) {
      flags.add('new-to-care', 'care', 'info', { date: lookedAfter.currentPeriodStart, days: lookedAfter.daysInCare ?? 0 });
    }
    if (lookedAfter.placementArea === 'out-of-area') flags.add('out-of-area', 'care', 'info');
  }

  // School ----------------------------------------------------------------------------------------
  const school = currentSchool(record, asOf);
  if (!school && compulsorySchoolAge) flags.add('no-current-school', 'school', 'red');

  // Attendance ------------------------------------------------------------------------------------
  const { year, term, lastFourFrom } = context;
  const [yearSummary, termSummary] = attendanceOver(record, [
    { from: year.start, to: asOf },
    { from: term.start, to: minDate(term.end, asOf) },
  ]) as [AttendanceSummary, AttendanceSummary];
  const { trend, recent, previous, recentFrom } = trendOf(yearSummary.weekly, policy.attendance.trendChangePoints);
  // The last four school weeks: the trend's recent window, so the panel's "last four weeks" and the
  // declining-attendance flag speak of the same sessions. Without weekly figures, the 28 days to asOf.
  const [lastFourWeeks] = attendanceOver(record, [{ from: recentFrom ? maxDate(recentFrom, year.start) : lastFourFrom, to: asOf }]) as [AttendanceSummary];
  const attendance: EducationStatus['attendance'] = {
    academicYear: yearSummary,
    // The summary is a fresh object: name the term on it rather than copy it.
    term: Object.assign(termSummary, { termName: formatMessage(composeKey('term.', term.name), { year: term.academicYear }, language) }),
    lastFourWeeks,
    trend,
  };
  const yearPercent = yearSummary.possibleSessions > 0 ? percentForThreshold(yearSummary.attendedSessions, yearSummary.possibleSessions, [90, 50]) : '';
  if (yearSummary.possibleSessions > 0 && yearSummary.smallDenominator) {
    flags.add('attendance-small-denominator', 'attendance', 'info', { possible: yearSummary.possibleSessions });
  } else if (yearSummary.severeAbsence) {
    flags.add('severe-absence', 'attendance', 'red', { percent: yearPercent });
  } else if (yearSummary.persistentAbsence) {
    flags.add('persistent-absence', 'attendance', 'red', { percent: yearPercent });
  }
  if (trend === 'declining') {
    flags.add('attendance-declining', 'attendance', 'amber', {
      recent: percentForThreshold(recent.attended, recent.possible, []),
      previous: percentForThreshold(previous.attended, previous.possible, []),
    });
  }
  if (yearSummary.unknownCodes.length > 0) flags.add('unknown-attendance-codes', 'data', 'amber', { count: yearSummary.unknownCodes.length });
  if (yearSummary.basis === 'none' && compulsorySchoolAge && year.start < asOf) flags.add('no-attendance-data', 'attendance', 'info');

  // Attainment ------------------------------------------------------------------------------------
  const attainment = deriveAttainment(record, asOf, stage, context.evidenceSince);
  const subjectNames = (subjects: readonly CoreSubject[]) =>
    joinList(subjects.map((s) => formatMessage(composeKey('subject.', s), {}, language)), language);
  if (attainment.core.below.length > 0) {
    const severity = attainment.core.below.length >= policy.attainment.redAtSubjectsBelow ? 'red' : 'amber';
    flags.add('below-expected', 'attainment', severity, { subjects: subjectNames(attainment.core.below) });
  }
  if (attainment.belowTarget.length > 0) {
    // Core subjects in the reader's language; other subjects as the school recorded them.
    const names = attainment.belowTarget.map((subject) => {
      const core = coreSubjectOf(subject);
      return core ? formatMessage(composeKey('subject.', core), {}, language) : subject;
    });
    flags.add('below-target', 'attainment', 'amber', { subjects: joinList(names, language) });
  }
  if (child.assessmentYear) flags.add('assessment-year', 'attainment', 'info', { yearGroup: child.yearGroupLabel });

  // PEP -------------------------------------------------------------------------------------------
  const period = lookedAfter.lookedAfter ? currentCarePeriod(record.care.periods, asOf) : null;
  const timeliness = pepTimeliness({
    asOf,
    lookedAfter: lookedAfter.lookedAfter,
    careStart: period?.start,
    meetings: record.pep.meetings,
    policy: policy.pep,
    termDates,
  });
  const last = lastHeldMeeting(record.pep.meetings, asOf);
  const owedActions = outstandingActions(record.pep.actions, asOf);
  const socialWorkerActions = owedActions.filter((action) => action.owner === 'social-worker');
  let lastMeeting: z.infer<typeof StatusPep>['lastMeeting'] = null;
  if (last) {
    lastMeeting = { date: last.date, status: last.status };
    if (last.qualityRating !== undefined) lastMeeting.qualityRating = last.qualityRating;
    if (last.childViewsRecorded !== undefined) lastMeeting.childViewsRecorded = last.childViewsRecorded;
  }
  const pep: z.infer<typeof StatusPep> = {
    state: timeliness.state,
    lastMeeting,
    nextDue: timeliness.nextDue,
    daysOverdue: timeliness.daysOverdue,
    socialWorkerActions,
    outstandingActions: owedActions,
    ppPlus: ppPlusThisFinancialYear(record.pep.meetings, asOf),
  };
  if (last?.qualityRating !== undefined) pep.qualityRating = last.qualityRating;
  if (timeliness.noneRecorded) flags.add('pep-none-recorded', 'pep', 'red');
  else if (timeliness.state === 'overdue' && timeliness.nextDue !== null) {
    if (timeliness.due === 'initial') {
      flags.add('pep-initial-overdue', 'pep', 'red', { due: timeliness.nextDue, days: timeliness.daysOverdue, workingDays: policy.pep.initialWithinWorkingDays });
    } else flags.add('pep-overdue', 'pep', 'red', { due: timeliness.nextDue, days: timeliness.daysOverdue });
  } else if (timeliness.state === 'due-soon' && timeliness.nextDue !== null) {
    flags.add('pep-due-soon', 'pep', 'amber', { due: timeliness.nextDue, schoolDays: timeliness.schoolDaysToDue ?? 0 });
  }
  if (lookedAfter.lookedAfter && last) {
    if (last.childViewsRecorded === false) flags.add('pep-child-views-missing', 'pep', 'amber');
    if (last.qualityRating !== undefined) {
      const rating = pepQualityRating(last.qualityRating, policy);
      if (rating === undefined) flags.add('pep-quality-unknown', 'data', 'info', { rating: last.qualityRating });
      else if (rating !== 'green') flags.add('pep-quality-low', 'pep', rating, { rating: last.qualityRating });
    }
  }
  const overdueActions = socialWorkerActions.filter((a) => a.overdue);
  if (overdueActions.length > 0) {
    flags.add('social-worker-actions-overdue', 'pep', 'amber', {
      count: overdueActions.length,
      days: Math.max(...overdueActions.map((a) => a.daysOverdue)),
    });
  }
  if (socialWorkerActions.length > overdueActions.length) {
    flags.add('social-worker-actions-outstanding', 'pep', 'info', { count: socialWorkerActions.length - overdueActions.length });
  }

  // Exclusions ------------------------------------------------------------------------------------
  const exclusionsSummary = summariseExclusions(record.exclusions, asOf, {
    permanentLookbackDays: policy.exclusions.permanentLookbackDays,
  });
  const { latestPermanent } = exclusionsSummary;
  const exclusions: EducationStatus['exclusions'] = {
    suspensionsThisYear: exclusionsSummary.suspensionsThisYear,
    sessionsLostThisYear: exclusionsSummary.sessionsLostThisYear,
    permanentExclusion: exclusionsSummary.permanentExclusion,
    latest: exclusionsSummary.latest,
  };
  if (latestPermanent) flags.add('permanent-exclusion', 'exclusions', 'red', { date: latestPermanent.start });
  if (exclusions.suspensionsThisYear > 0) {
    const severity = exclusions.suspensionsThisYear >= policy.exclusions.redAtSuspensions ? 'red' : 'amber';
    flags.add('suspensions', 'exclusions', severity, { count: exclusions.suspensionsThisYear, sessions: exclusions.sessionsLostThisYear });
  }

  // SEN -------------------------------------------------------------------------------------------
  const senRecord = record.sen;
  const provision = senRecord?.provision ?? 'unknown';
  const primaryNeedLabel = senPrimaryNeedLabel(senRecord?.primaryNeed);
  const sen: z.infer<typeof StatusSen> = { provision, provisionLabel: senProvisionLabel(provision) };
  if (senRecord?.primaryNeed !== undefined) sen.primaryNeed = senRecord.primaryNeed;
  if (primaryNeedLabel !== undefined) sen.primaryNeedLabel = primaryNeedLabel;
  if (senRecord?.ehcPlan?.issued !== undefined) sen.ehcPlanIssued = senRecord.ehcPlan.issued;
  if (provision === 'E') flags.add('ehc-plan', 'sen', 'info');
  else if (provision === 'K') flags.add('sen-support', 'sen', 'info');

  // Freshness -------------------------------------------------------------------------------------
  const { staleParts, ...freshness } = freshnessOf(record, context.asOfDay, policy);
  if (staleParts.length > 0) {
    flags.add('stale-data', 'data', 'amber', {
      days: policy.staleDataDays,
      parts: joinList(staleParts.map((part) => formatMessage(composeKey('part.', part), {}, language)), language),
    });
  }

  // RAG -------------------------------------------------------------------------------------------
  const areas = {
    attendance: rateAttendance(yearSummary, policy, language),
    pep: ratePep(timeliness, policy, language),
    exclusions: rateExclusions(exclusionsSummary, schoolAge, policy, language),
    attainment: rateAttainment(attainment.core, policy, language),
  };
  const overall = rateOverall(areas, language);

  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    asOf,
    language,
    child,
    lookedAfter,
    school,
    attendance,
    attainment: attainment.status,
    pep,
    exclusions,
    sen,
    rag: {
      overall: overall.rating,
      attendance: areas.attendance.rating,
      pep: areas.pep.rating,
      exclusions: areas.exclusions.rating,
      attainment: areas.attainment.rating,
      reasons: {
        overall: overall.reasons,
        attendance: areas.attendance.reasons,
        pep: areas.pep.reasons,
        exclusions: areas.exclusions.reasons,
        attainment: areas.attainment.reasons,
      },
    },
    flags: flags.sorted(),
    freshness,
    ...(record.contacts ? { contacts: record.contacts } : {}),
  };
}

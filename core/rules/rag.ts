import type { AttendanceSummary, Explained, Rating, RagArea } from '../model/status.ts';
import { composeKey, formatMessage, joinList, message, type Language } from '../messages/index.ts';
import type { Policy } from '../policy.ts';
import type { CoreSubject } from './attainment.ts';
import type { ExclusionsSummary } from './exclusions.ts';
import type { PepTimeliness } from './pep.ts';

/**
 * RAG (red, amber, green) ratings, each with its reasons as plain-English sentences. Thresholds come
 * from the policy (core/policy.ts, where the defaults and their sources are listed); `none` where there
 * is nothing to rate. The overall rating is the worst of the four areas.
 */

export interface Rated {
  rating: Rating;
  reasons: Explained[];
}

/** Ratings from best to worst; `none` ranks below green so it never outweighs a real rating. */
export const RATING_ORDER: readonly Rating[] = ['none', 'green', 'amber', 'red'];

export function worstRating(ratings: readonly Rating[]): Rating {
  let worst: Rating = 'none';
  for (const rating of ratings) if (RATING_ORDER.indexOf(rating) > RATING_ORDER.indexOf(worst)) worst = rating;
  return worst;
}

/**
 * A percentage for a sentence that compares it with a threshold: to one decimal place, unless rounding
 * would carry it up to the threshold it is below (89.96 is shown as 89.96, not 90.0).
 */
export function percentForThreshold(attended: number, possible: number, thresholds: readonly number[]): string {
  const exact = (attended * 100) / possible;
  const oneDecimal = Math.round(exact * 10) / 10;
  for (const threshold of thresholds) {
    if (exact < threshold && oneDecimal >= threshold) return (Math.floor(exact * 100) / 100).toFixed(2);
  }
  return oneDecimal.toFixed(1).replace(/\.0$/, '');
}

/** Attendance: green at or above `greenAtLeastPercent`, amber at or above `amberAtLeastPercent`, red below.
 * Compared exactly (attended × 100 against threshold × possible), like the DfE's persistent-absence test. */
export function rateAttendance(summary: AttendanceSummary, policy: Policy, language: Language = 'en'): Rated {
  const { greenAtLeastPercent: green, amberAtLeastPercent: amber } = policy.attendance;
  const possible = summary.possibleSessions;
  if (possible === 0) return { rating: 'none', reasons: [message('rag.attendance.none', {}, language)] };
  const attended = summary.attendedSessions;
  const percent = percentForThreshold(attended, possible, [green, amber]);
  const rating: Rating = attended * 100 >= green * possible ? 'green' : attended * 100 >= amber * possible ? 'amber' : 'red';
  const reasons = [message(composeKey('rag.attendance.', rating), { percent, green, amber }, language)];
  if (summary.severeAbsence) reasons.push(message('rag.attendance.severe', {}, language));
  else if (summary.persistentAbsence) reasons.push(message('rag.attendance.persistent', {}, language));
  if (summary.smallDenominator) reasons.push(message('rag.attendance.small-denominator', { possible }, language));
  if (summary.basis === 'summary') reasons.push(message('rag.attendance.summary-basis', {}, language));
  return { rating, reasons };
}

/** PEP: red when overdue, amber when due soon, green when in date, none when no PEP is required. */
export function ratePep(timeliness: PepTimeliness, policy: Policy, language: Language = 'en'): Rated {
  switch (timeliness.state) {
    case 'not-required':
      return { rating: 'none', reasons: [message('rag.pep.not-required', {}, language)] };
    case 'overdue':
      return {
        rating: 'red',
        reasons: [
          timeliness.nextDue === null
            ? message('rag.pep.none-recorded', {}, language)
            : message('rag.pep.overdue', { due: timeliness.nextDue, days: timeliness.daysOverdue }, language),
        ],
      };
    case 'due-soon':
      return {
        rating: 'amber',
        reasons: [message('rag.pep.due-soon', { due: timeliness.nextDue ?? '', schoolDays: policy.pep.dueSoonSchoolDays }, language)],
      };
    case 'in-date':
      return { rating: 'green', reasons: [message('rag.pep.in-date', { due: timeliness.nextDue ?? '' }, language)] };
  }
}

/** Exclusions: red for a recent permanent exclusion or `redAtSuspensions` suspensions this school year,
 * amber for `amberAtSuspensions`, green for none; none when the child is not of school age. */
export function rateExclusions(exclusions: ExclusionsSummary, schoolAge: boolean, policy: Policy, language: Language = 'en'): Rated {
  if (!schoolAge && exclusions.suspensionsThisYear === 0 && !exclusions.permanentExclusion) {
    return { rating: 'none', reasons: [message('rag.exclusions.none', {}, language)] };
  }
  const { redAtSuspensions: red, amberAtSuspensions: amber } = policy.exclusions;
  const reasons: Explained[] = [];
  let rating: Rating = 'green';
  if (exclusions.latestPermanent) {
    rating = 'red';
    reasons.push(message('rag.exclusions.permanent', { date: exclusions.latestPermanent.start }, language));
  }
  const count = exclusions.suspensionsThisYear;
  if (count > 0) {
    reasons.push(message('rag.exclusions.suspensions', { count, red }, language));
    if (count >= red) rating = 'red';
    else if (count >= amber && rating === 'green') rating = 'amber';
  }
  if (reasons.length === 0) reasons.push(message('rag.exclusions.green', {}, language));
  return { rating, reasons };
}

function subjectList(subjects: readonly CoreSubject[], language: Language): string {
  return joinList(
    subjects.map((s) => formatMessage(composeKey('subject.', s), {}, language)),
    language,
  );
}

/** Attainment: red when `redAtSubjectsBelow` or more core subjects are below expected, amber for
 * `amberAtSubjectsBelow`, green when none are; none without recent evidence or below school age. */
export function rateAttainment(
  core: { subjects: readonly CoreSubject[]; below: readonly CoreSubject[]; atOrAbove: readonly CoreSubject[] },
  policy: Policy,
  language: Language = 'en',
): Rated {
  if (core.subjects.length === 0) return { rating: 'none', reasons: [message('rag.attainment.not-school-age', {}, language)] };
  const missing = core.subjects.filter((s) => !core.below.includes(s) && !core.atOrAbove.includes(s));
  if (missing.length === core.subjects.length) {
    return { rating: 'none', reasons: [message('rag.attainment.none', { subjects: subjectList(core.subjects, language) }, language)] };
  }
  const { redAtSubjectsBelow: red, amberAtSubjectsBelow: amber } = policy.attainment;
  const n = core.below.length;
  const rating: Rating = n >= red ? 'red' : n >= amber ? 'amber' : 'green';
  const reasons: Explained[] = [];
  if (n > 0) reasons.push(message('rag.attainment.below', { subjects: subjectList(core.below, language), red }, language));
  if (core.atOrAbove.length > 0) reasons.push(message('rag.attainment.green', { subjects: subjectList(core.atOrAbove, language) }, language));
  if (missing.length > 0) reasons.push(message('rag.attainment.missing', { subjects: subjectList(missing, language) }, language));
  return { rating, reasons };
}

/** The overall rating (the worst of the areas) and the sentence saying which areas made it so. */
export function rateOverall(areas: Readonly<Record<RagArea, Rated>>, language: Language = 'en'): Rated {
  const names = Object.keys(areas) as RagArea[];
  const rating = worstRating(names.map((area) => areas[area].rating));
  if (rating === 'none') return { rating, reasons: [message('rag.overall.none', {}, language)] };
  const which = names.filter((area) => areas[area].rating === rating).map((area) => formatMessage(composeKey('area.', area), {}, language));
  return {
    rating,
    reasons: [message('rag.overall.worst', { areas: joinList(which, language), rating: formatMessage(composeKey('rating.', rating), {}, language) }, language)],
  };
}

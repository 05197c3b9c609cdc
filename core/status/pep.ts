import type { z } from 'zod';
import type { ChildEducationRecord, PepMeeting } from '../model/record.ts';
import type { Flag, StatusPep } from '../model/status.ts';
import { message, type Language } from '../messages/index.ts';
import { pepQualityRating, type Policy } from '../policy.ts';
import { addDays } from '../rules/calendar.ts';
import { daysFromTo } from '../rules/day-numbers.ts';
import { isHeldMeeting, lastHeldMeeting, outstandingActions, pepTimeliness, type PepTimeliness } from '../rules/pep.ts';
import { ageOn } from '../rules/year-group.ts';
import type { CareFacts } from './care.ts';
import { flag, maxDate, type AreaResult, type Rated } from './common.ts';

/**
 * The personal education plan: when the next meeting is due, its state, the last meeting's quality and
 * the child's views, actions owed, Pupil Premium Plus, and the rating (red when overdue, amber when due
 * soon, green when in date). The timeliness rule itself is core/rules/pep.ts.
 *
 * A PEP is required for a child looked after on the day, aged `pep.requiredFromAge` or more, unless the
 * care is only a series of short breaks (core/rules/care.ts, SHORT_BREAK_LEGAL_STATUSES). A PEP meeting
 * held up to `pep.countsBeforeCareDays` days before care starts counts as the first PEP: for a planned
 * admission the statutory guidance (2018) has the PEP initiated before the child becomes looked after.
 */

export type PepRequirement = 'required' | 'not-looked-after' | 'short-breaks' | 'too-young';

/** PEP: red when overdue, amber when due soon, green when in date, none when no PEP is required (saying why). */
export function ratePep(timeliness: PepTimeliness, policy: Policy, language: Language = 'en', requirement: PepRequirement = 'required', asOf?: string): Rated {
  switch (timeliness.state) {
    case 'not-required': {
      if (requirement === 'short-breaks') return { rating: 'none', reasons: [message('rag.pep.short-breaks', {}, language)] };
      if (requirement === 'too-young') return { rating: 'none', reasons: [message('rag.pep.too-young', { age: policy.pep.requiredFromAge }, language)] };
      return { rating: 'none', reasons: [message('rag.pep.not-required', {}, language)] };
    }
    case 'overdue':
      return {
        rating: 'red',
        reasons: [
          timeliness.nextDue === null
            ? message('rag.pep.none-recorded', {}, language)
            : message('rag.pep.overdue', { due: timeliness.nextDue, days: timeliness.daysOverdue }, language),
        ],
      };
    case 'due-soon': {
      const due = timeliness.nextDue ?? '';
      const schoolDays = timeliness.schoolDaysToDue ?? 0;
      if (schoolDays === 0 && asOf !== undefined && due > asOf) {
        return { rating: 'amber', reasons: [message('rag.pep.due-soon-holiday', { due, days: daysFromTo(asOf, due) }, language)] };
      }
      return { rating: 'amber', reasons: [message(schoolDays === 0 ? 'rag.pep.due-today' : 'rag.pep.due-soon', { due, schoolDays }, language)] };
    }
    case 'in-date':
      return { rating: 'green', reasons: [message('rag.pep.in-date', { due: timeliness.nextDue ?? '' }, language)] };
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

/** The earliest date a meeting counts from for this period of care: `countsBeforeCareDays` before it
 * started, but never a meeting from an earlier period. */
function countsFrom(care: CareFacts, policy: Policy): string | undefined {
  if (care.periodStart === undefined) return undefined;
  let from = policy.pep.countsBeforeCareDays > 0 ? safeAddDays(care.periodStart, -policy.pep.countsBeforeCareDays) : care.periodStart;
  if (care.previousPeriodEnd !== undefined) from = maxDate(from, safeAddDays(care.previousPeriodEnd, 1));
  return from;
}

function safeAddDays(date: string, days: number): string {
  try {
    return addDays(date, days);
  } catch {
    return date;
  }
}

export function derivePep(
  record: ChildEducationRecord,
  asOf: string,
  care: CareFacts,
  lookedAfter: boolean,
  policy: Policy,
  language: Language,
): AreaResult<z.infer<typeof StatusPep>> & { timeliness: PepTimeliness } {
  let requirement: PepRequirement = 'required';
  if (!lookedAfter) requirement = 'not-looked-after';
  else if (!care.pepRequired) requirement = 'short-breaks';
  else if (policy.pep.requiredFromAge > 0 && safeAge(record.identity.dateOfBirth, asOf) < policy.pep.requiredFromAge) requirement = 'too-young';
  const required = requirement === 'required';
  const timeliness = pepTimeliness({
    asOf,
    lookedAfter: required,
    careStart: care.periodStart,
    countFrom: countsFrom(care, policy),
    meetings: record.pep.meetings,
    policy: policy.pep,
    termDates: policy.termDates,
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
  const section: z.infer<typeof StatusPep> = {
    state: timeliness.state,
    lastMeeting,
    nextDue: timeliness.nextDue,
    daysOverdue: timeliness.daysOverdue,
    socialWorkerActions,
    outstandingActions: owedActions,
    ppPlus: ppPlusThisFinancialYear(record.pep.meetings, asOf),
  };
  if (requirement === 'short-breaks' || requirement === 'too-young') section.notRequiredBecause = requirement;
  if (last?.qualityRating !== undefined) section.qualityRating = last.qualityRating;

  const flags: Flag[] = [];
  if (timeliness.noneRecorded) flags.push(flag('pep-none-recorded', 'pep', 'red', {}, language));
  else if (timeliness.state === 'overdue' && timeliness.nextDue !== null) {
    if (timeliness.due === 'initial') {
      flags.push(
        flag('pep-initial-overdue', 'pep', 'red', { due: timeliness.nextDue, days: timeliness.daysOverdue, workingDays: policy.pep.initialWithinWorkingDays }, language),
      );
    } else flags.push(flag('pep-overdue', 'pep', 'red', { due: timeliness.nextDue, days: timeliness.daysOverdue }, language));
  } else if (timeliness.state === 'due-soon' && timeliness.nextDue !== null) {
    const schoolDays = timeliness.schoolDaysToDue ?? 0;
    if (schoolDays === 0 && timeliness.nextDue > asOf) {
      flags.push(flag('pep-due-soon-holiday', 'pep', 'amber', { due: timeliness.nextDue, days: daysFromTo(asOf, timeliness.nextDue) }, language));
    } else if (schoolDays === 0) flags.push(flag('pep-due-today', 'pep', 'amber', { due: timeliness.nextDue }, language));
    else flags.push(flag('pep-due-soon', 'pep', 'amber', { due: timeliness.nextDue, schoolDays }, language));
  }
  if (required && last) {
    if (last.childViewsRecorded === false) flags.push(flag('pep-child-views-missing', 'pep', 'amber', {}, language));
    if (last.qualityRating !== undefined) {
      const rating = pepQualityRating(last.qualityRating, policy);
      if (rating === undefined) flags.push(flag('pep-quality-unknown', 'data', 'info', { rating: last.qualityRating }, language));
      else if (rating !== 'green') flags.push(flag('pep-quality-low', 'pep', rating, { rating: last.qualityRating }, language));
    }
  }
  // Actions are flagged while a PEP is required: they belong to the plan.
  const overdueActions = required ? socialWorkerActions.filter((a) => a.overdue) : [];
  if (overdueActions.length > 0) {
    flags.push(
      flag('social-worker-actions-overdue', 'pep', 'amber', { count: overdueActions.length, days: Math.max(...overdueActions.map((a) => a.daysOverdue)) }, language),
    );
  }
  if (required && socialWorkerActions.length > overdueActions.length) {
    flags.push(flag('social-worker-actions-outstanding', 'pep', 'info', { count: socialWorkerActions.length - overdueActions.length }, language));
  }
  return { section, flags, timeliness, rated: ratePep(timeliness, policy, language, requirement, asOf) };
}

function safeAge(dateOfBirth: string, asOf: string): number {
  try {
    return ageOn(dateOfBirth, asOf);
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

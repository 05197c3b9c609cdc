import type { ChildEducationRecord } from '../model/record.ts';
import type { EducationStatus, Flag } from '../model/status.ts';
import type { Language } from '../messages/index.ts';
import type { Policy } from '../policy.ts';
import { currentCarePeriod, summariseCare } from '../rules/care.ts';
import { flag, type AreaResult } from './common.ts';

/**
 * Care: whether the child is looked after on the day (or on a series of short breaks), for how long, the
 * placement, and the flags a social worker watches (placement changes, new to care, placed out of area).
 */

export interface CareFacts {
  /** Start of the period of care in force, for the PEP; undefined when not looked after. */
  periodStart: string | undefined;
  /** End of the previous period of care, so a PEP from that period never counts for this one. */
  previousPeriodEnd: string | undefined;
  /** Looked after, and not only on short breaks: a PEP is required. */
  pepRequired: boolean;
}

export function deriveCare(record: ChildEducationRecord, asOf: string, policy: Policy, language: Language): AreaResult<EducationStatus['lookedAfter']> & { facts: CareFacts } {
  const summary = summariseCare(record.care, asOf);
  const flags: Flag[] = [];
  let periodStart: string | undefined;
  let previousPeriodEnd: string | undefined;
  if (summary.lookedAfter) {
    if (summary.shortBreaks) flags.push(flag('short-breaks', 'care', 'info', {}, language));
    if (summary.placementChangesLast12Months >= policy.care.placementChangesFlagAt) {
      flags.push(flag('placement-changes', 'care', 'amber', { count: summary.placementChangesLast12Months }, language));
    }
    if (summary.currentPeriodStart !== undefined && (summary.daysInCare ?? 0) < policy.care.newToCareDays && !summary.shortBreaks) {
      flags.push(flag('new-to-care', 'care', 'info', { date: summary.currentPeriodStart, days: summary.daysInCare ?? 0 }, language));
    }
    if (summary.placementArea === 'out-of-area') flags.push(flag('out-of-area', 'care', 'info', {}, language));
    const period = currentCarePeriod(record.care.periods, asOf);
    periodStart = period?.start;
    if (period) {
      for (const other of record.care.periods) {
        if (other.end !== undefined && other.end < period.start && (previousPeriodEnd === undefined || other.end > previousPeriodEnd)) previousPeriodEnd = other.end;
      }
    }
  }
  return {
    section: summary,
    flags,
    facts: { periodStart, previousPeriodEnd, pepRequired: summary.lookedAfter && summary.shortBreaks !== true },
  };
}

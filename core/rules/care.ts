import type { z } from 'zod';
import type { ChildEducationRecord } from '../model/record.ts';
import type { StatusLookedAfter } from '../model/status.ts';
import { fromDayNumber, toDayNumber } from './calendar.ts';
import { daysFromTo } from './day-numbers.ts';

type Care = ChildEducationRecord['care'];
type CarePeriod = Care['periods'][number];
type CareEpisode = CarePeriod['episodes'][number];

/**
 * Care: the current period of care, time in care, placement changes, legal status (DOMAIN.md §5,
 * SSDA903).
 */

/** SSDA903 legal status (LS) codes [P: SSDA903 guidance, as listed in DOMAIN.md §5; wording [S]]. */
export const LEGAL_STATUSES: Readonly<Record<string, string>> = {
  C1: 'Interim care order',
  C2: 'Full care order',
  D1: 'Freeing order granted',
  E1: 'Placement order granted',
  V2: 'Single period of accommodation under section 20 (voluntary)',
  V3: 'Accommodated under an agreed series of short-term breaks (individual episodes recorded)',
  V4: 'Accommodated under an agreed series of short-term breaks (agreements recorded)',
  J1: 'Remanded to local authority accommodation or youth detention accommodation',
  J2: 'Placed in local authority accommodation under PACE',
  J3: 'Sentenced to a youth rehabilitation order with residence requirement',
  L1: 'Under police protection and in local authority accommodation',
  L2: 'Emergency protection order',
  L3: 'Under a child assessment order and in local authority accommodation',
};

/**
 * Legal statuses of a child accommodated under an agreed series of short-term breaks [P: SSDA903 LS codes].
 * Their care plan is a short-break care plan, which does not include a personal education plan (Care
 * Planning, Placement and Case Review (England) Regulations 2010, reg 48 and Schedule 1 do not apply the
 * PEP to them), and the DfE's looked-after statistics leave them out of the 12-month cohort.
 */
export const SHORT_BREAK_LEGAL_STATUSES: ReadonlySet<string> = new Set(['V3', 'V4']);

/** Whether a legal status code is a series of short breaks (V3, V4). */
export function isShortBreakLegalStatus(code: string | undefined): boolean {
  return code !== undefined && SHORT_BREAK_LEGAL_STATUSES.has(code.trim().toUpperCase());
}

export function legalStatusLabel(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return LEGAL_STATUSES[code.trim().toUpperCase()];
}

/** The same calendar date one year earlier (29 February → 28 February). */
export function oneYearBefore(date: string): string {
  const year = String(Math.max(0, Number(date.slice(0, 4)) - 1)).padStart(4, '0');
  const monthDay = date.slice(5);
  if (monthDay === '02-29') return `${year}-02-28`;
  return `${year}-${monthDay}`;
}

/** The day after a date. */
function nextDay(date: string): string {
  return fromDayNumber(toDayNumber(date) + 1);
}

/**
 * Whether care from `start` is 12 months or more on `asOf`, as the SSDA903 12-month cohort counts it:
 * looked after continuously for the 12 months up to and including `asOf`, so care from 1 April 2025 is
 * 12 months on 31 March 2026 [P: DfE, "children looked after continuously for 12 months at 31 March"].
 */
export function isTwelveMonthsOrMore(start: string, asOf: string): boolean {
  return start <= nextDay(oneYearBefore(asOf));
}

/** The period of care covering `asOf` (started on or before it, not ended before it: a child is still
 * looked after on the day care ends); the latest if several. */
export function currentCarePeriod(periods: readonly CarePeriod[], asOf: string): CarePeriod | null {
  let current: CarePeriod | null = null;
  for (const period of periods) {
    if (period.start > asOf || (period.end !== undefined && period.end < asOf)) continue;
    if (!current || period.start > current.start) current = period;
  }
  return current;
}

/** The episode of a period in force on `asOf`: the latest one that started on or before it. */
export function currentEpisode(period: CarePeriod, asOf: string): CareEpisode | null {
  let current: CareEpisode | null = null;
  for (const episode of period.episodes) {
    if (episode.start > asOf) continue;
    if (!current || episode.start >= current.start) current = episode;
  }
  return current;
}

/**
 * Whether the child is looked after on `asOf`. When the record has periods of care they decide (so a
 * status worked out for a past date is right for that date); without any, the record's `lookedAfter`.
 */
export function isLookedAfterOn(care: Care, asOf: string): boolean {
  if (care.periods.length === 0) return care.lookedAfter;
  return currentCarePeriod(care.periods, asOf) !== null;
}

/** Placement changes in the 12 months up to and including `asOf`. */
export function placementChangesInLast12Months(changes: Care['placementChanges'], asOf: string): number {
  const since = oneYearBefore(asOf);
  let count = 0;
  for (const change of changes) if (change.date > since && change.date <= asOf) count += 1;
  return count;
}

export type CareSummary = z.infer<typeof StatusLookedAfter>;

/**
 * The looked-after summary on `asOf`: time in the current period of care (calendar days), whether that is
 * 12 months or more (the DfE's "looked after continuously for 12 months" cohort, which leaves out short
 * breaks), whether the care is only a series of short breaks (`shortBreaks`), placement changes in the
 * last 12 months, the current legal status and placement.
 */
export function summariseCare(care: Care, asOf: string): CareSummary {
  const lookedAfter = isLookedAfterOn(care, asOf);
  const period = lookedAfter ? currentCarePeriod(care.periods, asOf) : null;
  const episode = period ? currentEpisode(period, asOf) : null;
  // Short breaks only: the episode in force is a series of short breaks (V3/V4).
  const shortBreaks = isShortBreakLegalStatus(episode?.legalStatus);
  const placementArea = care.placementArea ?? (episode?.inArea === true ? 'in-area' : episode?.inArea === false ? 'out-of-area' : 'unknown');
  const summary: CareSummary = {
    lookedAfter,
    inCare12MonthsOrMore: period !== null && !shortBreaks && isTwelveMonthsOrMore(period.start, asOf),
    placementChangesLast12Months: placementChangesInLast12Months(care.placementChanges, asOf),
    placementArea,
  };
  if (shortBreaks) summary.shortBreaks = true;
  if (period) {
    summary.currentPeriodStart = period.start;
    summary.daysInCare = Math.max(0, daysFromTo(period.start, asOf));
  }
  const legalStatus = episode?.legalStatus;
  if (legalStatus !== undefined) {
    summary.legalStatus = legalStatus;
    const label = legalStatusLabel(legalStatus);
    if (label !== undefined) summary.legalStatusLabel = label;
  }
  if (episode?.placementType !== undefined) summary.placementType = episode.placementType;
  if (care.socialWorker) summary.socialWorker = care.socialWorker;
  return summary;
}

import type { Exclusion } from '../model/record.ts';
import type { StatusExclusions } from '../model/status.ts';
import type { z } from 'zod';
import { academicYearOf, addDays } from './calendar.ts';

/**
 * Exclusions: suspensions (fixed-period exclusions) and permanent exclusions, as schools report them in
 * the school census (DOMAIN.md §6).
 */

/**
 * School census exclusion reason codes and their meanings. [U]: DOMAIN.md §6 notes the 2024 list is not
 * confirmed — this table is the list as commonly published by MIS vendors and councils; correct it here.
 */
export const EXCLUSION_REASONS: Readonly<Record<string, string>> = {
  PA01: 'Physical assault against a pupil',
  PA02: 'Physical assault against an adult',
  VA01: 'Verbal abuse or threatening behaviour against a pupil',
  VA02: 'Verbal abuse or threatening behaviour against an adult',
  BU01: 'Bullying',
  RA01: 'Racist abuse',
  AS01: 'Abuse against sexual orientation or gender identity',
  AB01: 'Abuse relating to disability',
  SM01: 'Sexual misconduct',
  DA01: 'Drug and alcohol related',
  DM01: 'Damage to property',
  TH01: 'Theft',
  PP01: 'Persistent or general disruptive behaviour',
  MT01: 'Inappropriate use of social media or online technology',
  WP01: 'Use or threat of use of an offensive weapon or prohibited item',
  OT01: 'Other',
};

/** The meaning of a census exclusion reason code, or undefined when the code is not in the table. */
export function exclusionReasonLabel(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  return EXCLUSION_REASONS[code.trim().toUpperCase()];
}

export type ExclusionsSummary = z.infer<typeof StatusExclusions> & {
  /** The most recent permanent exclusion on or before asOf within the look-back, if any. */
  latestPermanent: Exclusion | null;
};

// Every child in a cohort shares asOf, so the windows are worked out once.
let lastWindows: { asOf: string; lookback: number; yearStart: string; permanentSince: string } | null = null;
function windowsFor(asOf: string, lookback: number): { yearStart: string; permanentSince: string } {
  if (!lastWindows || lastWindows.asOf !== asOf || lastWindows.lookback !== lookback) {
    lastWindows = { asOf, lookback, yearStart: academicYearOf(asOf).start, permanentSince: addDays(asOf, -lookback) };
  }
  return lastWindows;
}

/**
 * Exclusions as of a date: suspensions and sessions lost in the academic year containing `asOf` (up to
 * `asOf`), whether there was a permanent exclusion in the last `permanentLookbackDays` days, and the latest
 * exclusion of either kind on or before `asOf`. A suspension without a session count counts no sessions.
 */
export function summariseExclusions(
  exclusions: readonly Exclusion[],
  asOf: string,
  options: { permanentLookbackDays?: number } = {},
): ExclusionsSummary {
  const { yearStart, permanentSince } = windowsFor(asOf, options.permanentLookbackDays ?? 365);
  let suspensionsThisYear = 0;
  let sessionsLostThisYear = 0;
  let latest: Exclusion | null = null;
  let latestPermanent: Exclusion | null = null;
  for (const exclusion of exclusions) {
    if (exclusion.start > asOf) continue;
    if (!latest || exclusion.start > latest.start || (exclusion.start === latest.start && exclusion.type === 'permanent')) latest = exclusion;
    if (exclusion.type === 'suspension') {
      if (exclusion.start >= yearStart) {
        suspensionsThisYear += 1;
        sessionsLostThisYear += exclusion.sessions ?? 0;
      }
    } else if (exclusion.start > permanentSince && (!latestPermanent || exclusion.start > latestPermanent.start)) {
      latestPermanent = exclusion;
    }
  }
  const reasonLabel = exclusionReasonLabel(latest?.reasonCode);
  return {
    suspensionsThisYear,
    sessionsLostThisYear,
    permanentExclusion: latestPermanent !== null,
    latestPermanent,
    latest: latest && {
      type: latest.type,
      start: latest.start,
      ...(latest.sessions !== undefined ? { sessions: latest.sessions } : {}),
      ...(latest.reasonCode !== undefined ? { reasonCode: latest.reasonCode } : {}),
      ...(reasonLabel !== undefined ? { reasonLabel } : {}),
    },
  };
}

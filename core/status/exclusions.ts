import type { ChildEducationRecord } from '../model/record.ts';
import type { EducationStatus, Explained, Flag, Rating } from '../model/status.ts';
import { message, type Language } from '../messages/index.ts';
import type { Policy } from '../policy.ts';
import { summariseExclusions, type ExclusionsSummary } from '../rules/exclusions.ts';
import { flag, type AreaResult, type Rated } from './common.ts';

/**
 * Exclusions: suspensions and sessions lost this school year, a recent permanent exclusion, and the
 * rating: red for a permanent exclusion in the last `permanentLookbackDays` days or `redAtSuspensions`
 * suspensions this school year, amber for `amberAtSuspensions`, green for none; `none` for a child not of
 * school age with nothing recorded. Exclusions are events a school reports, so none recorded is green.
 */

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

export function deriveExclusions(record: ChildEducationRecord, asOf: string, schoolAge: boolean, policy: Policy, language: Language): AreaResult<EducationStatus['exclusions']> {
  const summary = summariseExclusions(record.exclusions, asOf, { permanentLookbackDays: policy.exclusions.permanentLookbackDays });
  const section: EducationStatus['exclusions'] = {
    suspensionsThisYear: summary.suspensionsThisYear,
    sessionsLostThisYear: summary.sessionsLostThisYear,
    permanentExclusion: summary.permanentExclusion,
    latest: summary.latest,
  };
  const flags: Flag[] = [];
  if (summary.latestPermanent) flags.push(flag('permanent-exclusion', 'exclusions', 'red', { date: summary.latestPermanent.start }, language));
  const count = summary.suspensionsThisYear;
  if (count > 0) {
    // The flag is as severe as the rating rule makes the count: the two never disagree.
    const severity = count >= policy.exclusions.redAtSuspensions ? 'red' : count >= policy.exclusions.amberAtSuspensions ? 'amber' : 'info';
    flags.push(flag('suspensions', 'exclusions', severity, { count, sessions: summary.sessionsLostThisYear }, language));
  }
  return { section, flags, rated: rateExclusions(summary, schoolAge, policy, language) };
}

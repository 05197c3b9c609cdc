import type { ChildEducationRecord } from '../model/record.ts';
import { STATUS_SCHEMA_VERSION, type EducationStatus, type RagArea } from '../model/status.ts';
import type { Language } from '../messages/index.ts';
import type { Policy, PolicyInput } from '../policy.ts';
import type { Rated } from '../rules/rag.ts';
import { toDayNumber } from '../rules/calendar.ts';
import { deriveAttainment } from './attainment.ts';
import { deriveAttendance } from './attendance.ts';
import { deriveCare } from './care.ts';
import { deriveChild, deriveSchool } from './child.ts';
import { consistentWithFlags, dateContext, policyOf, sortFlags } from './common.ts';
import { deriveExclusions } from './exclusions.ts';
import { deriveFreshness } from './freshness.ts';
import { rateOverall } from './overall.ts';
import { derivePep } from './pep.ts';
import { deriveSen } from './sen.ts';
import { deriveTrends, trendTerms } from './trends.ts';

export { rateAttendance, missedInTen } from './attendance.ts';
export { rateAttainment } from './attainment.ts';
export { rateExclusions } from './exclusions.ts';
export { ratePep } from './pep.ts';
export { rateOverall } from './overall.ts';

/**
 * deriveStatus: a child's education status on a date, from their education record — what every EduBridge
 * screen shows. Pure and fast (no validation here: records are validated where they enter the system),
 * and it never throws for a record that satisfies the ChildEducationRecord schema.
 *
 * Each area is worked out in its own file — child.ts (the child and their school), care.ts,
 * attendance.ts, attainment.ts, pep.ts, exclusions.ts, sen.ts, freshness.ts, trends.ts — which returns its section of
 * the status, its flags and (for the four rated areas) its rating with reasons. This function only
 * composes them, holding each rating to its own area's flags (common.ts) and rating the whole (overall.ts).
 */

export interface DeriveOptions {
  /** The date to work the status out for, YYYY-MM-DD (usually today). */
  asOf: string;
  /** The council's policy: a complete one, or the parts that differ from DEFAULT_POLICY. */
  policy?: Policy | PolicyInput;
  language?: Language;
}

/** The dates a status can be worked out for: the calendar rules (term dates, bank holidays) hold here. */
export const EARLIEST_AS_OF = '1900-01-01';
export const LATEST_AS_OF = '2999-12-31';

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

  const child = deriveChild(record, context, language);
  const care = deriveCare(record, asOf, policy, language);
  const school = deriveSchool(record, asOf, child.facts, language);
  const terms = trendTerms(context, child.facts.yearGroup);
  const attendance = deriveAttendance(record, context, child.facts, school.section, language, terms);
  const attainment = deriveAttainment(
    record,
    asOf,
    context.evidenceSince,
    child.facts,
    child.section.assessmentYear ? child.section.yearGroupLabel : null,
    policy,
    language,
  );
  const pep = derivePep(record, asOf, care.facts, care.section.lookedAfter, policy, language);
  const exclusions = deriveExclusions(record, asOf, child.facts.schoolAge, policy, language);
  const sen = deriveSen(record, language);
  const freshness = deriveFreshness(record, context.asOfDay, policy, language);

  const flags = sortFlags([
    ...child.flags,
    ...care.flags,
    ...school.flags,
    ...attendance.flags,
    ...attainment.flags,
    ...pep.flags,
    ...exclusions.flags,
    ...sen.flags,
    ...freshness.flags,
  ]);
  const areas: Record<RagArea, Rated> = {
    // No school place (a red 'school' flag) is a child out of education: attendance is red with it.
    attendance: consistentWithFlags(attendance.rated!, 'attendance', flags, language, ['school']),
    pep: consistentWithFlags(pep.rated!, 'pep', flags, language),
    exclusions: consistentWithFlags(exclusions.rated!, 'exclusions', flags, language),
    attainment: consistentWithFlags(attainment.rated!, 'attainment', flags, language),
  };
  const overall = rateOverall(areas, language);

  return {
    schemaVersion: STATUS_SCHEMA_VERSION,
    asOf,
    language,
    child: child.section,
    lookedAfter: care.section,
    school: school.section,
    attendance: attendance.section,
    attainment: attainment.section,
    pep: pep.section,
    exclusions: exclusions.section,
    sen: sen.section,
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
      incomplete: overall.incomplete,
    },
    flags,
    freshness: freshness.section,
    ...(record.contacts ? { contacts: record.contacts } : {}),
    trends: deriveTrends(record, context, terms, attendance.termTotals, attainment.judgements),
  };
}

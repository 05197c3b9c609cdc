import type { CohortFilters, CohortSummary, Figure, Proportion } from './api/schemas.ts';
import type { StatusSummary } from './model/summary.ts';

/**
 * Cohort filtering and dashboard figures, worked out from education statuses — full (`EducationStatus`)
 * or compact (`StatusSummary`, what `view=summary` lists send): both have the same field paths, and a full
 * status is a `StatusSummary` as far as TypeScript is concerned, so the functions take either. Pure: the reference
 * server answers `GET /api/v1/cohort/summary` with these, and the dashboard widget uses them when a page
 * hands it `children` directly, so both always agree.
 */

const anyOf = <T>(wanted: readonly T[] | undefined, value: T): boolean => wanted === undefined || wanted.length === 0 || wanted.includes(value);

/** Whether one status passes every filter (an absent filter passes everyone). */
export function matchesCohort(status: StatusSummary, filters: CohortFilters): boolean {
  const care = status.lookedAfter;
  if (filters.lookedAfter12Months !== undefined && care.inCare12MonthsOrMore !== filters.lookedAfter12Months) return false;
  if (filters.placementChange !== undefined && care.placementChangesLast12Months > 0 !== filters.placementChange) return false;
  if (!anyOf(filters.sen, status.sen.provision)) return false;
  if (!anyOf(filters.gender, status.child.gender)) return false;
  if (filters.ethnicity !== undefined && filters.ethnicity.length > 0 && !filters.ethnicity.includes(status.child.ethnicity ?? '')) return false;
  if (filters.yearGroup !== undefined && filters.yearGroup.length > 0 && (status.child.yearGroup === null || !filters.yearGroup.includes(status.child.yearGroup))) return false;
  if (!anyOf(filters.keyStage, status.child.keyStage)) return false;
  if (filters.school !== undefined && filters.school.length > 0 && (status.school === null || !filters.school.includes(status.school.urn))) return false;
  if (!anyOf(filters.placementArea, care.placementArea)) return false;
  return true;
}

/** The statuses that pass every filter, in their original order. */
export function filterCohort<S extends StatusSummary>(statuses: readonly S[], filters: CohortFilters): S[] {
  return statuses.filter((status) => matchesCohort(status, filters));
}

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

export function proportion(count: number, children: number): Proportion {
  return { count, children, percent: children === 0 ? null : oneDecimal((count / children) * 100) };
}

function share(statuses: readonly StatusSummary[], has: (status: StatusSummary) => boolean): Proportion {
  let count = 0;
  for (const status of statuses) if (has(status)) count++;
  return proportion(count, statuses.length);
}

/** Children with a core-subject result or judgement: the denominator for attainment against expectations. */
function hasCoreAttainment(status: StatusSummary): boolean {
  const { statutory, inYear } = status.attainment;
  return status.attainment.coreSubjectsBelowExpected.length > 0 || statutory.some((r) => r.meetsExpected !== null) || inYear.some((j) => j.atOrAboveExpected !== null);
}

/**
 * Dashboard figures for a cohort: every figure carries the number of children behind it. Persistent and
 * severe absence are shares of the children with enough possible sessions to judge (`tooEarlyToJudge`
 * says how many were left out); children whose picture is incomplete are counted apart (`rag.incomplete`,
 * within `none`), never as green; children on short breaks need no PEP, so they are outside the PEP
 * figures, and outside the 12-month cohort.
 */
export function summariseCohort(statuses: readonly StatusSummary[]): CohortSummary {
  const all = statuses;
  const withSessions = all.filter((s) => s.attendance.academicYear.possibleSessions > 0);
  // Persistent and severe absence are judged only with enough possible sessions; the rest are counted apart.
  const judged = withSessions.filter((s) => !s.attendance.academicYear.smallDenominator);
  let possible = 0;
  let attended = 0;
  for (const status of withSessions) {
    possible += status.attendance.academicYear.possibleSessions;
    attended += status.attendance.academicYear.attendedSessions;
  }
  const needingPep = all.filter((s) => s.pep.state !== 'not-required');
  const withAttainment = all.filter(hasCoreAttainment);
  const total = (pick: (status: StatusSummary) => number): Figure => ({
    value: all.length === 0 ? null : all.reduce((sum, status) => sum + pick(status), 0),
    children: all.length,
  });
  const asOf = all.reduce<string | null>((latest, s) => (latest === null || s.asOf > latest ? s.asOf : latest), null);

  return {
    asOf,
    children: all.length,
    lookedAfter: share(all, (s) => s.lookedAfter.lookedAfter),
    inCare12MonthsOrMore: share(all, (s) => s.lookedAfter.inCare12MonthsOrMore),
    placementChangeLast12Months: share(all, (s) => s.lookedAfter.placementChangesLast12Months > 0),
    placementArea: {
      'in-area': share(all, (s) => s.lookedAfter.placementArea === 'in-area'),
      'out-of-area': share(all, (s) => s.lookedAfter.placementArea === 'out-of-area'),
      'from-another-council': share(all, (s) => s.lookedAfter.placementArea === 'from-another-council'),
      unknown: share(all, (s) => s.lookedAfter.placementArea === 'unknown'),
    },
    sen: {
      E: share(all, (s) => s.sen.provision === 'E'),
      K: share(all, (s) => s.sen.provision === 'K'),
      N: share(all, (s) => s.sen.provision === 'N'),
      unknown: share(all, (s) => s.sen.provision === 'unknown'),
    },
    attendance: {
      percent: { value: possible === 0 ? null : oneDecimal((attended / possible) * 100), children: withSessions.length },
      persistentAbsence: share(judged, (s) => s.attendance.academicYear.persistentAbsence),
      severeAbsence: share(judged, (s) => s.attendance.academicYear.severeAbsence),
      tooEarlyToJudge: withSessions.length - judged.length,
    },
    pep: {
      inDate: share(needingPep, (s) => s.pep.state === 'in-date' || s.pep.state === 'due-soon'),
      dueSoon: share(needingPep, (s) => s.pep.state === 'due-soon'),
      overdue: share(needingPep, (s) => s.pep.state === 'overdue'),
    },
    exclusions: {
      suspended: share(all, (s) => s.exclusions.suspensionsThisYear > 0),
      suspensions: total((s) => s.exclusions.suspensionsThisYear),
      sessionsLost: total((s) => s.exclusions.sessionsLostThisYear),
      permanentlyExcluded: share(all, (s) => s.exclusions.permanentExclusion),
    },
    attainment: {
      atOrAboveExpected: share(withAttainment, (s) => s.attainment.coreSubjectsBelowExpected.length === 0),
      belowExpected: share(withAttainment, (s) => s.attainment.coreSubjectsBelowExpected.length > 0),
    },
    rag: {
      green: share(all, (s) => s.rag.overall === 'green'),
      amber: share(all, (s) => s.rag.overall === 'amber'),
      red: share(all, (s) => s.rag.overall === 'red'),
      none: share(all, (s) => s.rag.overall === 'none'),
      incomplete: share(all, (s) => s.rag.overall === 'none' && (s.rag.incomplete ?? []).length > 0),
    },
  };
}

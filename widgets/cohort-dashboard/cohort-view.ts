import type { CohortFilters, CohortSummary, Proportion } from '../../core/api/schemas.ts';
import { filterCohort } from '../../core/cohort.ts';
import type { StatusSummary } from '../../core/model/summary.ts';
import type { CohortFilterValues } from '../shared/cohort-filters.ts';
import type { StringKey } from '../shared/i18n.ts';

/** A headline figure: its count and denominator from summariseCohort, and the children behind it. */
export interface Headline {
  key: string;
  label: StringKey;
  figure: (summary: CohortSummary) => Proportion;
  /** The children counted, for the click-through; the same test summariseCohort applies. */
  matches: (child: StatusSummary) => boolean;
}

export const HEADLINES: Headline[] = [
  { key: 'persistentAbsence', label: 'dash.headline.persistentAbsence', figure: (s) => s.attendance.persistentAbsence, matches: (c) => c.attendance.academicYear.possibleSessions > 0 && c.attendance.academicYear.persistentAbsence },
  { key: 'severeAbsence', label: 'dash.headline.severeAbsence', figure: (s) => s.attendance.severeAbsence, matches: (c) => c.attendance.academicYear.possibleSessions > 0 && c.attendance.academicYear.severeAbsence },
  { key: 'pepOverdue', label: 'dash.headline.pepOverdue', figure: (s) => s.pep.overdue, matches: (c) => c.pep.state === 'overdue' },
  { key: 'pepDueSoon', label: 'dash.headline.pepDueSoon', figure: (s) => s.pep.dueSoon, matches: (c) => c.pep.state === 'due-soon' },
  { key: 'red', label: 'dash.headline.red', figure: (s) => s.rag.red, matches: (c) => c.rag.overall === 'red' },
  { key: 'suspended', label: 'dash.headline.suspended', figure: (s) => s.exclusions.suspended, matches: (c) => c.exclusions.suspensionsThisYear > 0 },
  { key: 'belowExpected', label: 'dash.headline.belowExpected', figure: (s) => s.attainment.belowExpected, matches: (c) => c.attainment.coreSubjectsBelowExpected.length > 0 },
];

/** The dashboard's controls as the API's cohort filters (what filterCohort takes). */
export function toCohortFilters(values: CohortFilterValues): CohortFilters {
  const filters: CohortFilters = {};
  if (values.inCare12Months) filters.lookedAfter12Months = true;
  if (values.placementChange) filters.placementChange = true;
  if (values.sen) filters.sen = [values.sen as NonNullable<CohortFilters['sen']>[number]];
  if (values.gender) filters.gender = [values.gender as NonNullable<CohortFilters['gender']>[number]];
  if (values.ethnicity) filters.ethnicity = [values.ethnicity];
  if (values.yearGroup) filters.yearGroup = [Number(values.yearGroup)];
  if (values.keyStage) filters.keyStage = [values.keyStage as NonNullable<CohortFilters['keyStage']>[number]];
  if (values.school) filters.school = [values.school];
  if (values.area) filters.placementArea = [values.area as NonNullable<CohortFilters['placementArea']>[number]];
  return filters;
}

export function applyFilters(children: StatusSummary[], values: CohortFilterValues): StatusSummary[] {
  return filterCohort(children, toCohortFilters(values));
}

const byLabel = new Intl.Collator('en-GB').compare;

export interface Group {
  key: string;
  label: string;
  children: StatusSummary[];
}

/**
 * The first `keep` − 1 groups as they are and the rest merged into one, labelled by `otherLabel` with how
 * many groups it holds: a chart of a hundred schools with a child or two each has no readable bars.
 */
export function largestGroups(groups: Group[], keep: number, otherLabel: (count: number) => string): Group[] {
  if (groups.length <= keep) return groups;
  const rest = groups.slice(keep - 1);
  return [...groups.slice(0, keep - 1), { key: '*other', label: otherLabel(rest.length), children: rest.flatMap((group) => group.children) }];
}

/** Children grouped by year group (in curriculum order) or by school (largest first). */
export function groupBy(children: StatusSummary[], by: 'yearGroup' | 'school'): Group[] {
  const groups = new Map<string, Group & { order: number }>();
  for (const child of children) {
    const key = by === 'yearGroup' ? String(child.child.yearGroup) : (child.school?.urn ?? '');
    let group = groups.get(key);
    if (!group) {
      group =
        by === 'yearGroup'
          ? { key, label: child.child.yearGroupLabel, children: [], order: child.child.yearGroup ?? -99 }
          : { key, label: child.school?.name ?? '—', children: [], order: 0 };
      groups.set(key, group);
    }
    group.children.push(child);
  }
  return [...groups.values()].sort((a, b) =>
    by === 'yearGroup' ? a.order - b.order : b.children.length - a.children.length || byLabel(a.label, b.label),
  );
}

/** The choices the data offers for the open-ended filters. */
export function optionsFor(children: StatusSummary[]): {
  ethnicity: string[];
  yearGroup: { value: string; label: string }[];
  school: { value: string; label: string }[];
} {
  const ethnicity = [...new Set(children.map((c) => c.child.ethnicity).filter((e): e is string => Boolean(e)))].sort();
  const yearGroup = groupBy(children, 'yearGroup').map((group) => ({ value: group.key, label: group.label }));
  const school = groupBy(children, 'school')
    .filter((group) => group.key !== '')
    .map((group) => ({ value: group.key, label: group.label }))
    .sort((a, b) => byLabel(a.label, b.label));
  return { ethnicity, yearGroup, school };
}

import { describe, expect, it } from 'vitest';
import { CohortSummary, type CohortFilters } from '../../../core/api/schemas.ts';
import { filterCohort, summariseCohort } from '../../../core/cohort.ts';
import type { EducationStatus } from '../../../core/model/index.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { AS_OF, RECORDS } from './helpers.ts';

// Cohort filters and dashboard figures (issue 4: "aggregates for dashboards … each with the number of
// children behind it"; the filters are the virtual-school seeds of DOMAIN.md §5).

const base = deriveStatus(RECORDS[0]!, { asOf: AS_OF });

/** A status that differs from a real one only where a test says. */
function child(personId: string, change: (s: EducationStatus) => void): EducationStatus {
  const status = structuredClone(base);
  status.child.personId = personId;
  change(status);
  return status;
}

const year = (s: EducationStatus, possible: number, attended: number, pa: boolean, sa: boolean) => {
  Object.assign(s.attendance.academicYear, { possibleSessions: possible, attendedSessions: attended, persistentAbsence: pa, severeAbsence: sa });
};

const A = child('A', (s) => {
  Object.assign(s.lookedAfter, { lookedAfter: true, inCare12MonthsOrMore: true, placementChangesLast12Months: 0, placementArea: 'in-area' });
  Object.assign(s.child, { gender: 'female', ethnicity: 'WBRI', yearGroup: 6, keyStage: 'KS2' });
  s.sen.provision = 'E';
  s.school = { urn: '100001', name: 'Oakfield Primary' };
  year(s, 100, 95, false, false);
  s.pep.state = 'in-date';
  Object.assign(s.exclusions, { suspensionsThisYear: 0, sessionsLostThisYear: 0, permanentExclusion: false });
  s.attainment = { statutory: [], inYear: [{ subject: 'maths', date: AS_OF, atOrAboveExpected: true, versusTarget: 'on' }], coreSubjectsBelowExpected: [] };
  s.rag.overall = 'green';
});
const B = child('B', (s) => {
  Object.assign(s.lookedAfter, { lookedAfter: true, inCare12MonthsOrMore: false, placementChangesLast12Months: 2, placementArea: 'out-of-area' });
  Object.assign(s.child, { gender: 'male', ethnicity: 'BCRB', yearGroup: 11, keyStage: 'KS4' });
  s.sen.provision = 'K';
  s.school = { urn: '100002', name: 'Northgate High' };
  year(s, 200, 120, true, false);
  s.pep.state = 'overdue';
  Object.assign(s.exclusions, { suspensionsThisYear: 2, sessionsLostThisYear: 6, permanentExclusion: false });
  s.attainment = { statutory: [], inYear: [{ subject: 'english', date: AS_OF, atOrAboveExpected: false, versusTarget: 'below' }], coreSubjectsBelowExpected: ['english'] };
  s.rag.overall = 'red';
});
const C = child('C', (s) => {
  Object.assign(s.lookedAfter, { lookedAfter: false, inCare12MonthsOrMore: false, placementChangesLast12Months: 1, placementArea: 'from-another-council' });
  Object.assign(s.child, { gender: 'male', ethnicity: undefined, yearGroup: null, keyStage: 'early-years' });
  s.sen.provision = 'unknown';
  s.school = null;
  year(s, 0, 0, false, false);
  s.pep.state = 'not-required';
  Object.assign(s.exclusions, { suspensionsThisYear: 0, sessionsLostThisYear: 0, permanentExclusion: false });
  s.attainment = { statutory: [], inYear: [], coreSubjectsBelowExpected: [] };
  s.rag.overall = 'none';
});
const cohort = [A, B, C];

describe('filterCohort: each filter narrows, any value in a list matches', () => {
  it.each<[string, CohortFilters, string[]]>([
    ['no filters: everyone', {}, ['A', 'B', 'C']],
    ['looked after 12 months or more', { lookedAfter12Months: true }, ['A']],
    ['looked after less than 12 months', { lookedAfter12Months: false }, ['B', 'C']],
    ['a placement change in the last 12 months', { placementChange: true }, ['B', 'C']],
    ['no placement change', { placementChange: false }, ['A']],
    ['SEN provision E or K (school census codes, DOMAIN.md §6)', { sen: ['E', 'K'] }, ['A', 'B']],
    ['SEN provision not known', { sen: ['unknown'] }, ['C']],
    ['gender', { gender: ['male'] }, ['B', 'C']],
    ['ethnicity (a child with none recorded never matches)', { ethnicity: ['WBRI', 'BCRB'] }, ['A', 'B']],
    ['year group 6 or 11 (the assessment years)', { yearGroup: [6, 11] }, ['A', 'B']],
    ['key stage', { keyStage: ['KS4'] }, ['B']],
    ['school URN (a child with no school never matches)', { school: ['100001'] }, ['A']],
    ['placed out of area or from another council', { placementArea: ['out-of-area', 'from-another-council'] }, ['B', 'C']],
    ['filters combine: out of area AND KS2', { placementArea: ['out-of-area'], keyStage: ['KS2'] }, []],
    ['an empty list does not narrow', { yearGroup: [] }, ['A', 'B', 'C']],
  ])('%s', (_name, filters, expected) => {
    expect(filterCohort(cohort, filters).map((s) => s.child.personId)).toEqual(expected);
  });
});

describe('summariseCohort: figures with the children behind them', () => {
  const summary = summariseCohort(cohort);

  it('validates against the CohortSummary schema', () => {
    expect(CohortSummary.parse(summary)).toEqual(summary);
  });

  it.each([
    ['children in the cohort', summary.children, 3],
    ['looked after: 2 of 3', summary.lookedAfter, { count: 2, children: 3, percent: 66.7 }],
    ['in care 12 months or more: 1 of 3', summary.inCare12MonthsOrMore, { count: 1, children: 3, percent: 33.3 }],
    ['placement change: 2 of 3', summary.placementChangeLast12Months, { count: 2, children: 3, percent: 66.7 }],
    ['attendance pooled over the 2 children with possible sessions: 215 of 300', summary.attendance.percent, { value: 71.7, children: 2 }],
    ['persistent absence: 1 of the 2 with sessions', summary.attendance.persistentAbsence, { count: 1, children: 2, percent: 50 }],
    ['severe absence: 0 of 2', summary.attendance.severeAbsence, { count: 0, children: 2, percent: 0 }],
    ['PEP in date: 1 of the 2 who need one', summary.pep.inDate, { count: 1, children: 2, percent: 50 }],
    ['PEP overdue: 1 of 2', summary.pep.overdue, { count: 1, children: 2, percent: 50 }],
    ['suspended: 1 of 3', summary.exclusions.suspended, { count: 1, children: 3, percent: 33.3 }],
    ['suspensions: 2 in all', summary.exclusions.suspensions, { value: 2, children: 3 }],
    ['sessions lost: 6', summary.exclusions.sessionsLost, { value: 6, children: 3 }],
    ['at or above expectations: 1 of the 2 with core-subject data', summary.attainment.atOrAboveExpected, { count: 1, children: 2, percent: 50 }],
    ['RAG red: 1 of 3', summary.rag.red, { count: 1, children: 3, percent: 33.3 }],
    ['placed from another council: 1 of 3', summary.placementArea['from-another-council'], { count: 1, children: 3, percent: 33.3 }],
    ['SEN not known: 1 of 3', summary.sen.unknown, { count: 1, children: 3, percent: 33.3 }],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('an empty cohort: zero children, no percentages, no date', () => {
    const empty = summariseCohort([]);
    expect(empty.children).toBe(0);
    expect(empty.asOf).toBeNull();
    expect(empty.lookedAfter).toEqual({ count: 0, children: 0, percent: null });
    expect(empty.attendance.percent).toEqual({ value: null, children: 0 });
    expect(empty.exclusions.suspensions).toEqual({ value: null, children: 0 });
  });

  it('agrees with a count over real derived statuses', () => {
    const statuses = RECORDS.map((r) => deriveStatus(r, { asOf: AS_OF }));
    const real = summariseCohort(statuses);
    expect(real.children).toBe(RECORDS.length);
    expect(real.inCare12MonthsOrMore.count).toBe(statuses.filter((s) => s.lookedAfter.inCare12MonthsOrMore).length);
    expect(real.rag.green.count + real.rag.amber.count + real.rag.red.count + real.rag.none.count).toBe(RECORDS.length);
  });
});

import { describe, expect, it } from 'vitest';
import { CohortSummaryQuery } from '../../../core/api/schemas.ts';
import { filterCohort, summariseCohort } from '../../../core/cohort.ts';
import { summariseStatus, type StatusSummary } from '../../../core/model/summary.ts';
import { deriveStatus } from '../../../core/status/derive.ts';
import { cohortMemberIssues, isCohortMemberQuick } from '../../../widgets/shared/cohort-check.ts';
import { AS_OF, RECORDS } from './helpers.ts';

// The cohort widgets now read compact statuses (view=summary): the figures and filters they work out from
// them must be exactly those worked out from full statuses, and the widgets' check must accept them.

const full = RECORDS.map((record) => deriveStatus(record, { asOf: AS_OF }));
const compact: StatusSummary[] = full.map(summariseStatus);

describe('cohort filters and figures from compact statuses', () => {
  it('summariseCohort gives the very same figures from summaries as from full statuses', () => {
    expect(summariseCohort(compact)).toEqual(summariseCohort(full));
  });

  it.each([
    'keyStage=KS2,KS3',
    'sen=E,K',
    'lookedAfter12Months=true&placementChange=false',
    'placementArea=out-of-area,unknown',
    'yearGroup=0,6,11',
    'gender=female',
  ])('filterCohort(%s) picks the same children from summaries as from full statuses', (query) => {
    const { asOf: _asOf, ...filters } = CohortSummaryQuery.parse(Object.fromEntries(new URLSearchParams(query)));
    const ids = (list: readonly { child: { personId: string } }[]) => list.map((s) => s.child.personId);
    const picked = filterCohort(compact, filters);
    expect(ids(picked)).toEqual(ids(filterCohort(full, filters)));
    expect(picked.length).toBeGreaterThan(0);
    expect(picked.length).toBeLessThan(compact.length);
  });
});

describe('the cohort widgets accept what view=summary sends', () => {
  it('every summary passes the quick check and the schema check', () => {
    for (const summary of compact) {
      expect(isCohortMemberQuick(summary)).toBe(true);
      expect(cohortMemberIssues(summary)).toBeUndefined();
    }
  });

  it('a summary with a broken rating is turned down, naming the field', () => {
    const broken = { ...compact[0]!, rag: { ...compact[0]!.rag, overall: 'purple' } };
    expect(cohortMemberIssues(broken)?.[0]?.path).toEqual(['rag', 'overall']);
  });
});

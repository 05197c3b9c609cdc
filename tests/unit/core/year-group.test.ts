import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ASSESSMENT_YEARS,
  ageOn,
  birthDatesForYearGroup,
  isAssessmentYear,
  keyStage,
  yearGroup,
  yearGroupLabel,
} from '../../../core/rules/year-group.ts';
import { addDays } from '../../../core/rules/calendar.ts';

describe('year group: age on 31 August before the school year − 4 (DOMAIN.md §3)', () => {
  it.each([
    ['2020-09-01', '2025-09-03', 0, 'born 1 September 2020: the oldest in Reception in 2025/26'],
    ['2021-08-31', '2025-09-03', 0, 'born 31 August 2021: the youngest in Reception in 2025/26'],
    ['2021-09-01', '2025-09-03', -1, 'born 1 September 2021: still in Nursery in 2025/26'],
    ['2015-08-31', '2025-11-20', 6, 'born 31 August 2015: the youngest in Year 6 in 2025/26'],
    ['2014-09-01', '2025-11-20', 6, 'born 1 September 2014: the oldest in Year 6 in 2025/26'],
    ['2014-08-31', '2025-11-20', 7, 'born 31 August 2014: Year 7 in 2025/26'],
    ['2015-09-01', '2026-08-31', 5, 'born 1 September 2015: still Year 5 on 31 August 2026'],
    ['2015-09-01', '2026-09-01', 6, 'born 1 September 2015: Year 6 from 1 September 2026'],
    ['2010-02-14', '2026-03-01', 11, 'a Year 11 pupil in 2025/26'],
    ['2008-01-10', '2025-10-01', 13, 'Year 13'],
    ['2007-01-10', '2025-10-01', 14, 'beyond Year 13'],
    ['2024-12-25', '2025-10-01', -4, 'a baby under one on the 31 August before the year'],
    ['2025-09-15', '2025-10-01', -5, 'a baby born after the 31 August before the year'],
    ['2016-02-29', '2025-10-01', 5, 'born on 29 February'],
  ])('yearGroup(%s, %s) = %i (%s)', (dob, on, expected) => {
    expect(yearGroup(dob, on)).toBe(expected);
  });

  it.each([
    ['2010-11-23', '2025-11-23', 15, 'on the birthday'],
    ['2010-11-24', '2025-11-23', 14, 'the day before the birthday'],
    ['2016-02-29', '2025-02-28', 8, 'born 29 February: not yet 9 on 28 February 2025'],
    ['2016-02-29', '2025-03-01', 9, 'born 29 February: 9 on 1 March 2025'],
    ['2016-02-29', '2024-02-29', 8, 'born 29 February: 8 on 29 February 2024'],
    ['2026-01-01', '2025-11-23', -1, 'not yet born'],
  ])('ageOn(%s, %s) = %i (%s)', (dob, on, expected) => {
    expect(ageOn(dob, on)).toBe(expected);
  });

  it('property: the year group rises by exactly one on 1 September and never in between', () => {
    const dates = fc.integer({ min: 0, max: 365 * 25 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(dates, fc.integer({ min: 2010, max: 2035 }), (dob, year) => {
        expect(yearGroup(dob, `${year}-09-01`) - yearGroup(dob, `${year}-08-31`)).toBe(1);
        expect(yearGroup(dob, `${year}-09-01`)).toBe(yearGroup(dob, `${year + 1}-08-31`));
      }),
    );
  });

  it('property: birthDatesForYearGroup gives exactly the children in that year group', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 14 }), fc.integer({ min: 2015, max: 2030 }), (group, startYear) => {
        const { from, to } = birthDatesForYearGroup(group, startYear);
        const on = `${startYear}-10-01`;
        expect(yearGroup(from, on)).toBe(group);
        expect(yearGroup(to, on)).toBe(group);
        expect(yearGroup(addDays(from, -1), on)).toBe(group + 1);
        expect(yearGroup(addDays(to, 1), on)).toBe(group - 1);
      }),
    );
  });
});

describe('key stages and labels (DOMAIN.md §3)', () => {
  it.each([
    [-3, 'early-years', 'Pre-school'],
    [-1, 'early-years', 'Nursery'],
    [0, 'early-years', 'Reception'],
    [1, 'KS1', 'Year 1'],
    [2, 'KS1', 'Year 2'],
    [3, 'KS2', 'Year 3'],
    [6, 'KS2', 'Year 6'],
    [7, 'KS3', 'Year 7'],
    [9, 'KS3', 'Year 9'],
    [10, 'KS4', 'Year 10'],
    [11, 'KS4', 'Year 11'],
    [12, '16-19', 'Year 12'],
    [13, '16-19', 'Year 13'],
    [14, 'none', 'Beyond Year 13'],
  ])('year group %i is %s, labelled "%s"', (group, stage, label) => {
    expect(keyStage(group)).toBe(stage);
    expect(yearGroupLabel(group)).toBe(label);
  });

  it('DOMAIN.md §3: the assessment years virtual schools watch are Y2, Y6 and Y11', () => {
    expect(ASSESSMENT_YEARS).toEqual([2, 6, 11]);
    expect(Array.from({ length: 20 }, (_, i) => i - 3).filter(isAssessmentYear)).toEqual([2, 6, 11]);
  });
});

import { describe, expect, it } from 'vitest';
import type { ChildEducationRecord } from '../../../core/model/record.ts';
import { isLookedAfterOn, legalStatusLabel, oneYearBefore, placementChangesInLast12Months, summariseCare } from '../../../core/rules/care.ts';
import { senPrimaryNeedLabel, senProvisionLabel } from '../../../core/rules/sen.ts';

type Care = ChildEducationRecord['care'];

const care: Care = {
  lookedAfter: true,
  periods: [
    { start: '2019-03-01', end: '2020-01-10', episodes: [{ start: '2019-03-01', legalStatus: 'V2' }] },
    {
      start: '2025-02-01',
      episodes: [
        { start: '2025-02-01', legalStatus: 'C1', placementType: 'U4', inArea: true },
        { start: '2025-06-15', legalStatus: 'C2', placementType: 'U1', inArea: false },
      ],
    },
  ],
  placementChanges: [{ date: '2025-02-01' }, { date: '2025-02-02' }, { date: '2025-06-15', reason: 'CARPL' }, { date: '2026-03-01' }],
  socialWorker: { name: 'Sam Patel' },
};

describe('looked-after summary (DOMAIN.md §5, SSDA903)', () => {
  it('uses the current period: time in care, 12 months or more, legal status and placement now', () => {
    expect(summariseCare(care, '2026-02-01')).toEqual({
      lookedAfter: true,
      currentPeriodStart: '2025-02-01',
      daysInCare: 365,
      inCare12MonthsOrMore: true,
      placementChangesLast12Months: 2,
      placementArea: 'out-of-area',
      legalStatus: 'C2',
      legalStatusLabel: 'Full care order',
      placementType: 'U1',
      socialWorker: { name: 'Sam Patel' },
    });
  });

  it.each([
    ['one day short of 12 months', '2026-01-30', false],
    ['exactly 12 months: 1 February 2025 to 31 January 2026', '2026-01-31', true],
    ['12 months and a day', '2026-02-01', true],
  ])('in care for 12 months or more, as the SSDA903 12-month cohort counts it: %s (%s) → %s', (_name, asOf, expected) => {
    expect(summariseCare(care, asOf).inCare12MonthsOrMore).toBe(expected);
  });

  it('works out a past date from the periods: looked after then, with the legal status of that time', () => {
    const then = summariseCare(care, '2019-06-01');
    expect(then).toMatchObject({ lookedAfter: true, currentPeriodStart: '2019-03-01', legalStatus: 'V2', daysInCare: 92 });
    expect(summariseCare(care, '2021-01-01')).toMatchObject({ lookedAfter: false, inCare12MonthsOrMore: false });
    expect(summariseCare(care, '2021-01-01').currentPeriodStart).toBeUndefined();
  });

  it('falls back on the lookedAfter flag when no periods are recorded', () => {
    expect(isLookedAfterOn({ lookedAfter: true, periods: [], placementChanges: [] }, '2026-01-01')).toBe(true);
    expect(isLookedAfterOn({ lookedAfter: false, periods: [], placementChanges: [] }, '2026-01-01')).toBe(false);
  });

  it('prefers the recorded placement area (e.g. placed here by another council)', () => {
    expect(summariseCare({ ...care, placementArea: 'from-another-council' }, '2026-02-01').placementArea).toBe('from-another-council');
  });

  it.each([
    ['2026-02-01', 2],
    ['2026-02-02', 1],
    ['2026-03-01', 2],
    ['2025-06-15', 3],
    ['2026-06-14', 2],
    ['2026-06-15', 1],
  ])('placement changes in the 12 months to %s (after the same date a year before, up to and including it): %i', (asOf, count) => {
    expect(placementChangesInLast12Months(care.placementChanges, asOf)).toBe(count);
  });

  it.each([
    ['2026-02-01', '2025-02-01'],
    ['2024-02-29', '2023-02-28'],
  ])('one year before %s is %s', (date, before) => {
    expect(oneYearBefore(date)).toBe(before);
  });

  it.each([
    ['C2', 'Full care order'],
    ['v2', 'Single period of accommodation under section 20 (voluntary)'],
    ['E1', 'Placement order granted'],
    ['Q9', undefined],
  ])('legal status %s is "%s" (SSDA903 LS)', (code, label) => {
    expect(legalStatusLabel(code)).toBe(label);
  });
});

describe('SEN labels (DOMAIN.md §6, school census)', () => {
  it.each([
    ['E', 'Education, health and care plan'],
    ['K', 'SEN support'],
    ['N', 'No special educational need'],
    ['unknown', 'Not known'],
  ] as const)('provision %s is "%s"', (code, label) => {
    expect(senProvisionLabel(code)).toBe(label);
  });
  it.each([
    ['SEMH', 'Social, emotional and mental health'],
    ['asd', 'Autistic spectrum disorder'],
    ['NSA', 'SEN support but no specialist assessment of type of need'],
    ['XYZ', undefined],
  ])('primary need %s is "%s"', (code, label) => {
    expect(senPrimaryNeedLabel(code)).toBe(label);
  });
});

import { describe, expect, it } from 'vitest';
import type { StatutoryMeasure, TermlyJudgement } from '../../../core/model/record.ts';
import {
  coreSubjectOf,
  coreSubjectsFor,
  gcseGradeValue,
  goodLevelOfDevelopment,
  judgeInYear,
  judgeStatutoryResult,
  meetsExpected,
} from '../../../core/rules/attainment.ts';

describe('meetsExpected: statutory results against their expected standards', () => {
  const cases: [string, StatutoryMeasure, string, string, boolean | null][] = [
    // DOMAIN.md §3: phonics 0–40, 32 every year since 2012 [S]
    ['DOMAIN §3 phonics: 32 meets', 'PHONICS', 'phonics', '32', true],
    ['DOMAIN §3 phonics: 31 does not', 'PHONICS', 'phonics', '31', false],
    ['DOMAIN §3 phonics: 40 meets', 'PHONICS', 'phonics', '40', true],
    ['DOMAIN §3 phonics: 41 is not a mark', 'PHONICS', 'phonics', '41', null],
    ['phonics absent code', 'PHONICS', 'phonics', 'A', null],
    // KS1 teacher assessment: EXS or GDS [S]
    ['DOMAIN §3 KS1 EXS meets', 'KS1', 'reading', 'EXS', true],
    ['DOMAIN §3 KS1 GDS meets', 'KS1', 'maths', 'gds', true],
    ['DOMAIN §3 KS1 WTS does not', 'KS1', 'writing', 'WTS', false],
    ['DOMAIN §3 KS1 PKF does not', 'KS1', 'writing', 'PKF', false],
    ['DOMAIN §3 KS1 older BLW does not', 'KS1', 'reading', 'BLW', false],
    // KS2 tests: scaled 80–120, 100 expected [P]
    ['DOMAIN §3 KS2 scaled 100 meets', 'KS2', 'reading', '100', true],
    ['DOMAIN §3 KS2 scaled 99 does not', 'KS2', 'maths', '99', false],
    ['DOMAIN §3 KS2 scaled 120 meets', 'KS2', 'gps', '120', true],
    ['DOMAIN §3 KS2 scaled 80 does not', 'KS2', 'maths', '80', false],
    ['DOMAIN §3 KS2 scaled 79 is outside the scale', 'KS2', 'maths', '79', null],
    ['KS2 test code B (below the test) does not', 'KS2', 'reading', 'B', false],
    ['KS2 test code A (absent) is not a result', 'KS2', 'reading', 'A', null],
    // KS2 teacher assessment: EXS or GDS [S]
    ['DOMAIN §3 KS2 TA writing EXS meets', 'KS2', 'writing', 'EXS', true],
    ['DOMAIN §3 KS2 TA writing PK6 does not', 'KS2', 'writing', 'PK6', false],
    ['DOMAIN §3 KS2 TA science HNM does not', 'KS2', 'science', 'HNM', false],
    // MTC: no pass mark [S]
    ['DOMAIN §3 MTC 25 has no pass mark', 'MTC', 'mtc', '25', null],
    ['DOMAIN §3 MTC 0 has no pass mark', 'MTC', 'mtc', '0', null],
    // GCSE: 4 standard pass [P]
    ['DOMAIN §3 GCSE 4 meets', 'GCSE', 'maths', '4', true],
    ['DOMAIN §3 GCSE 3 does not', 'GCSE', 'english language', '3', false],
    ['DOMAIN §3 GCSE 9 meets', 'GCSE', 'maths', '9', true],
    ['DOMAIN §3 GCSE U does not', 'GCSE', 'maths', 'U', false],
    ['legacy GCSE C meets (aligned with 4)', 'GCSE', 'maths', 'C', true],
    ['legacy GCSE D does not', 'GCSE', 'maths', 'D', false],
    ['GCSE X is not a grade', 'GCSE', 'maths', 'X', null],
    // EYFS: each goal emerging/expected [S]
    ['DOMAIN §3 EYFS goal expected', 'EYFS', 'E09', 'expected', true],
    ['DOMAIN §3 EYFS goal emerging', 'EYFS', 'E09', 'emerging', false],
    ['EYFSP return code 2 = expected', 'EYFS', 'E11', '2', true],
    ['EYFSP return code 1 = emerging', 'EYFS', 'E11', '1', false],
    ['EYFS GLD Y', 'EYFS', 'GLD', 'Y', true],
    ['EYFS GLD N', 'EYFS', 'GLD', 'N', false],
  ];
  it.each(cases)('%s', (_name, measure, subject, result, expected) => {
    expect(meetsExpected(measure, subject, result)).toBe(expected);
  });

  it.each([
    ['KS2', 'reading', '112', 'Scaled score 112 (high score)'],
    ['KS2', 'reading', '105', 'Scaled score 105'],
    ['GCSE', 'maths', '5', 'Grade 5 (strong pass)'],
    ['GCSE', 'maths', '4', 'Grade 4 (standard pass)'],
    ['PHONICS', 'phonics', '35', '35 out of 40'],
    ['KS1', 'reading', 'WTS', 'Working towards the expected standard'],
    ['KS1', 'reading', '???', 'Result "???" not recognised'],
  ] as const)('labels %s %s %s as "%s"', (measure, subject, result, label) => {
    expect(judgeStatutoryResult(measure, subject, result).resultLabel).toBe(label);
  });
});

describe('goodLevelOfDevelopment (DOMAIN §3: expected in all 12 of E01–E12)', () => {
  const goals = (result: (i: number) => string) => Array.from({ length: 17 }, (_, i) => ({ subject: `E${String(i + 1).padStart(2, '0')}`, result: result(i + 1) }));
  it('is reached with expected in E01–E12, whatever E13–E17 are', () => {
    expect(goodLevelOfDevelopment(goals((n) => (n <= 12 ? 'expected' : 'emerging')))).toBe(true);
  });
  it('is not reached with one of E01–E12 emerging', () => {
    expect(goodLevelOfDevelopment(goals((n) => (n === 10 ? 'emerging' : 'expected')))).toBe(false);
  });
  it('cannot be said with a goal missing', () => {
    expect(goodLevelOfDevelopment(goals(() => 'expected').filter((g) => g.subject !== 'E05'))).toBeNull();
  });
});

describe('in-year judgements against age-related expectations and targets', () => {
  const t = (fields: Partial<TermlyJudgement>): TermlyJudgement => ({ subject: 'maths', date: '2026-02-01', ...fields });
  it.each([
    ['DOMAIN §3 ARE below', t({ judgement: 'below' }), false, 'unknown'],
    ['DOMAIN §3 ARE working towards', t({ judgement: 'working-towards', target: 'expected' }), false, 'below'],
    ['DOMAIN §3 ARE expected on target', t({ judgement: 'expected', target: 'EXS' }), true, 'on'],
    ['DOMAIN §3 ARE greater depth above target', t({ judgement: 'greater-depth', target: 'expected' }), true, 'above'],
    ['DOMAIN §3 KS4 predicted 5 vs target 6', t({ predictedGrade: '5', target: '6' }), true, 'below'],
    ['DOMAIN §3 KS4 predicted 3 vs target 3', t({ predictedGrade: '3', target: '3' }), false, 'on'],
    ['DOMAIN §3 KS4 predicted 7 vs target 6', t({ predictedGrade: '7', target: '6' }), true, 'above'],
    ['KS4 predicted U vs target 4', t({ predictedGrade: 'U', target: '4' }), false, 'below'],
    ['nothing to judge', t({}), null, 'unknown'],
  ] as const)('%s', (_name, judgement, atOrAbove, versus) => {
    expect(judgeInYear(judgement)).toEqual({ atOrAboveExpected: atOrAbove, versusTarget: versus });
  });
});

describe('core subjects (issue 2 §9: reading, writing and maths; English and maths at KS4)', () => {
  it.each([
    ['KS1', ['reading', 'writing', 'maths']],
    ['KS2', ['reading', 'writing', 'maths']],
    ['KS4', ['english', 'maths']],
    ['none', []],
  ] as const)('%s rates %j', (stage, subjects) => {
    expect(coreSubjectsFor(stage)).toEqual(subjects);
  });
  it.each([
    ['Mathematics', 'maths'],
    ['English Language', 'english'],
    ['english literature', 'english'],
    ['Reading', 'reading'],
    ['E09', 'reading'],
    ['E11', 'maths'],
    ['science', null],
    ['gps', null],
  ] as const)('%s counts towards %s', (subject, core) => {
    expect(coreSubjectOf(subject)).toBe(core);
  });
  it.each([
    ['9', 9],
    ['1', 1],
    ['U', 0],
    ['A*', 8.5],
    ['10', null],
  ] as const)('GCSE grade %s is worth %s', (grade, value) => {
    expect(gcseGradeValue(grade)).toBe(value);
  });
});

import { BoundedMap } from '../bounded-map.ts';
import type { AreJudgement, StatutoryMeasure, TermlyJudgement } from '../model/record.ts';

/**
 * Attainment: each statutory measure's scale and expected standard, whether a result meets it, in-year
 * judgements against age-related expectations, and KS4 predicted versus target grades.
 *
 * Source: DOMAIN.md §3. Codes other than the numbers and grades in that table (absence and disapplication
 * codes, pre-key-stage codes, legacy GCSE letters) are [U]: kept in the tables below to be easy to correct.
 */

export interface MeasureInfo {
  name: string;
  scale: string;
  /** What meets the expected standard, in words. */
  expectedStandard: string;
}

/** The statutory measures, their scales and expected standards (DOMAIN.md §3). */
export const ATTAINMENT_MEASURES: Readonly<Record<StatutoryMeasure, MeasureInfo>> = {
  EYFS: {
    name: 'Early years foundation stage profile',
    scale: '17 early learning goals (E01–E17), each emerging or expected',
    expectedStandard: 'Expected in the goal; a good level of development is expected in all 12 of E01–E12', // [S]
  },
  PHONICS: { name: 'Phonics screening check', scale: 'Mark 0–40', expectedStandard: 'A mark of 32 or more' }, // [S] 32 every year since 2012
  KS1: {
    name: 'Key stage 1 teacher assessment',
    scale: 'PKF, WTS, EXS, GDS (older: BLW)',
    expectedStandard: 'Working at the expected standard (EXS) or greater depth (GDS)', // [S]
  },
  KS2: {
    name: 'Key stage 2 tests and teacher assessment',
    scale: 'Tests: scaled score 80–120; teacher assessment: PK1–PK6, HNM, WTS, EXS, GDS',
    expectedStandard: 'A scaled score of 100 or more (110 is a high score); in teacher assessment, EXS or GDS', // [P] tests, [S] TA
  },
  MTC: { name: 'Multiplication tables check', scale: 'Mark 0–25', expectedStandard: 'No pass mark' }, // [S]
  GCSE: { name: 'GCSE', scale: 'Grades 9–1 and U', expectedStandard: 'Grade 4 (standard pass) or above; 5 is a strong pass' }, // [P]
};

/** Phonics screening check: the mark that meets the expected standard (32 every year since 2012) [S]. */
export const PHONICS_THRESHOLD = 32;
export const PHONICS_MAX = 40;
/** KS2 test scaled scores [P]. */
export const KS2_EXPECTED_SCALED_SCORE = 100;
export const KS2_HIGH_SCALED_SCORE = 110;
export const KS2_MIN_SCALED_SCORE = 80;
export const KS2_MAX_SCALED_SCORE = 120;
export const MTC_MAX = 25;
/** GCSE: 4 is a standard pass, 5 a strong pass [P]. */
export const GCSE_STANDARD_PASS = 4;
export const GCSE_STRONG_PASS = 5;

interface CodeMeaning {
  label: string;
  meets: boolean | null;
}

/** Teacher-assessment codes at KS1 and KS2 [S], with older and administrative codes [U]. */
export const TEACHER_ASSESSMENT_CODES: Readonly<Record<string, CodeMeaning>> = {
  GDS: { label: 'Working at greater depth', meets: true },
  EXS: { label: 'Working at the expected standard', meets: true },
  WTS: { label: 'Working towards the expected standard', meets: false },
  HNM: { label: 'Has not met the expected standard', meets: false },
  PKF: { label: 'Foundations for the expected standard (pre-key stage)', meets: false },
  PKE: { label: 'Early development of the expected standard (pre-key stage)', meets: false }, // [U]
  PKG: { label: 'Growing development of the expected standard (pre-key stage)', meets: false }, // [U]
  PK1: { label: 'Pre-key stage standard 1', meets: false },
  PK2: { label: 'Pre-key stage standard 2', meets: false },
  PK3: { label: 'Pre-key stage standard 3', meets: false },
  PK4: { label: 'Pre-key stage standard 4', meets: false },
  PK5: { label: 'Pre-key stage standard 5', meets: false },
  PK6: { label: 'Pre-key stage standard 6', meets: false },
  BLW: { label: 'Working below the pre-key stage standards', meets: false },
  A: { label: 'Absent', meets: null }, // [U]
  D: { label: 'Disapplied', meets: null }, // [U]
};

/** Non-numeric outcomes of the KS2 tests [U]. */
export const KS2_TEST_CODES: Readonly<Record<string, CodeMeaning>> = {
  B: { label: 'Working below the standard of the test', meets: false },
  A: { label: 'Absent', meets: null },
  T: { label: 'Unable to access the test', meets: null },
  M: { label: 'Missing', meets: null },
  U: { label: 'Result withheld (maladministration)', meets: null },
};

/** Non-numeric phonics outcomes [U]. */
export const PHONICS_CODES: Readonly<Record<string, CodeMeaning>> = {
  WA: { label: 'Met the expected standard', meets: true },
  WT: { label: 'Did not meet the expected standard', meets: false },
  A: { label: 'Absent', meets: null },
  D: { label: 'Disapplied', meets: null },
};

/** EYFS profile outcomes for an early learning goal (1 emerging, 2 expected; 3 exceeding before 2021) [S]. */
export const EYFS_GOAL_OUTCOMES: Readonly<Record<string, CodeMeaning>> = {
  '1': { label: 'Emerging', meets: false },
  EMERGING: { label: 'Emerging', meets: false },
  '2': { label: 'Expected', meets: true },
  EXPECTED: { label: 'Expected', meets: true },
  '3': { label: 'Exceeding', meets: true },
  EXCEEDING: { label: 'Exceeding', meets: true },
  A: { label: 'Absent', meets: null },
};

/** The early learning goals of the 2021 EYFS framework [S], and the core subject each counts towards. */
export const EARLY_LEARNING_GOALS: Readonly<Record<string, { label: string; core?: CoreSubject }>> = {
  E01: { label: 'Listening, attention and understanding' },
  E02: { label: 'Speaking' },
  E03: { label: 'Self-regulation' },
  E04: { label: 'Managing self' },
  E05: { label: 'Building relationships' },
  E06: { label: 'Gross motor skills' },
  E07: { label: 'Fine motor skills' },
  E08: { label: 'Comprehension', core: 'reading' },
  E09: { label: 'Word reading', core: 'reading' },
  E10: { label: 'Writing', core: 'writing' },
  E11: { label: 'Number', core: 'maths' },
  E12: { label: 'Numerical patterns', core: 'maths' },
  E13: { label: 'Past and present' },
  E14: { label: 'People, culture and communities' },
  E15: { label: 'The natural world' },
  E16: { label: 'Creating with materials' },
  E17: { label: 'Being imaginative and expressive' },
};
/** A good level of development: expected in all 12 of E01–E12 [S]. */
export const GLD_GOALS = ['E01', 'E02', 'E03', 'E04', 'E05', 'E06', 'E07', 'E08', 'E09', 'E10', 'E11', 'E12'] as const;

/** Legacy GCSE letter grades as the number grade they align with (the bottom of 4 = the bottom of C) [U]. */
export const LEGACY_GCSE_GRADES: Readonly<Record<string, number>> = {
  'A*': 8.5,
  A: 7,
  B: 5.5,
  C: 4,
  D: 3,
  E: 2,
  F: 1.5,
  G: 1,
};

export interface JudgedResult {
  resultLabel: string;
  expectedStandard: string;
  /** null where the measure has no expected standard, or the result is not a result (absent, disapplied). */
  meetsExpected: boolean | null;
}

const YES = new Set(['Y', 'YES', 'TRUE', 'GLD', '1']);
const NO = new Set(['N', 'NO', 'FALSE', '0']);

function numeric(result: string): number | null {
  return /^\d{1,3}$/.test(result) ? Number(result) : null;
}

function fromCode(table: Readonly<Record<string, CodeMeaning>>, code: string, expectedStandard: string, fallback: string): JudgedResult {
  const meaning = table[code];
  return meaning
    ? { resultLabel: meaning.label, expectedStandard, meetsExpected: meaning.meets }
    : { resultLabel: fallback, expectedStandard, meetsExpected: null };
}

/** A GCSE grade as a number (9–1, U = 0; legacy letters aligned), or null when it is not a grade. */
export function gcseGradeValue(grade: string): number | null {
  const g = grade.trim().toUpperCase();
  if (/^[1-9]$/.test(g)) return Number(g);
  if (g === 'U') return 0;
  return LEGACY_GCSE_GRADES[g] ?? null;
}

/** What a statutory result means: its label, the expected standard and whether it meets it. */
export function judgeStatutoryResult(measure: StatutoryMeasure, subject: string, result: string): JudgedResult {
  const expected = ATTAINMENT_MEASURES[measure].expectedStandard;
  const code = result.trim().toUpperCase();
  const unknown = `Result "${result}" not recognised`;
  switch (measure) {
    case 'PHONICS': {
      const mark = numeric(code);
      if (mark === null || mark > PHONICS_MAX) return fromCode(PHONICS_CODES, code, expected, unknown);
      return { resultLabel: `${mark} out of ${PHONICS_MAX}`, expectedStandard: expected, meetsExpected: mark >= PHONICS_THRESHOLD };
    }
    case 'KS1':
      return fromCode(TEACHER_ASSESSMENT_CODES, code, expected, unknown);
    case 'KS2': {
      const score = numeric(code);
      if (score === null) {
        return TEACHER_ASSESSMENT_CODES[code] ? fromCode(TEACHER_ASSESSMENT_CODES, code, expected, unknown) : fromCode(KS2_TEST_CODES, code, expected, unknown);
      }
      if (score < KS2_MIN_SCALED_SCORE || score > KS2_MAX_SCALED_SCORE) return { resultLabel: unknown, expectedStandard: expected, meetsExpected: null };
      const label = score >= KS2_HIGH_SCALED_SCORE ? `Scaled score ${score} (high score)` : `Scaled score ${score}`;
      return { resultLabel: label, expectedStandard: expected, meetsExpected: score >= KS2_EXPECTED_SCALED_SCORE };
    }
    case 'MTC': {
      const mark = numeric(code);
      return { resultLabel: mark !== null && mark <= MTC_MAX ? `${mark} out of ${MTC_MAX}` : unknown, expectedStandard: expected, meetsExpected: null };
    }
    case 'GCSE': {
      const value = gcseGradeValue(code);
      if (value === null) return { resultLabel: unknown, expectedStandard: expected, meetsExpected: null };
      const pass = value >= GCSE_STRONG_PASS ? ' (strong pass)' : value >= GCSE_STANDARD_PASS ? ' (standard pass)' : '';
      return { resultLabel: `Grade ${code}${pass}`, expectedStandard: expected, meetsExpected: value >= GCSE_STANDARD_PASS };
    }
    case 'EYFS': {
      if (subject.trim().toUpperCase() === 'GLD') {
        const gld = YES.has(code) ? true : NO.has(code) ? false : null;
        const label = gld === null ? unknown : gld ? 'Good level of development' : 'Not a good level of development';
        return { resultLabel: label, expectedStandard: 'Expected in all 12 of E01–E12', meetsExpected: gld };
      }
      return fromCode(EYFS_GOAL_OUTCOMES, code, 'Expected', unknown);
    }
  }
}

const judged = new Map<StatutoryMeasure, Map<string, Map<string, JudgedResult>>>();
let judgedCount = 0;

/** `judgeStatutoryResult`, remembered: the same few thousand results recur across a cohort. Do not mutate the result. */
export function judgeStatutoryResultCached(measure: StatutoryMeasure, subject: string, result: string): JudgedResult {
  let bySubject = judged.get(measure);
  if (!bySubject) judged.set(measure, (bySubject = new Map()));
  let byResult = bySubject.get(subject);
  if (!byResult) bySubject.set(subject, (byResult = new Map()));
  let judgement = byResult.get(result);
  if (!judgement) {
    if (++judgedCount > 50_000) {
      judged.clear();
      judgedCount = 0;
    }
    judgement = judgeStatutoryResult(measure, subject, result);
    byResult.set(result, judgement);
  }
  return judgement;
}

/** Whether a statutory result meets the expected standard; null where there is none (MTC) or it is not a result. */
export function meetsExpected(measure: StatutoryMeasure, subject: string, result: string): boolean | null {
  return judgeStatutoryResult(measure, subject, result).meetsExpected;
}

/** A good level of development from early-learning-goal results: expected in all of E01–E12, null when any is missing. */
export function goodLevelOfDevelopment(goals: readonly { subject: string; result: string }[]): boolean | null {
  const bySubject = new Map(goals.map((g) => [g.subject.trim().toUpperCase(), EYFS_GOAL_OUTCOMES[g.result.trim().toUpperCase()]?.meets ?? null]));
  let all = true;
  for (const goal of GLD_GOALS) {
    const meets = bySubject.get(goal);
    if (meets === undefined || meets === null) return null;
    all &&= meets;
  }
  return all;
}

// In-year judgements -------------------------------------------------------------------------------

/** Age-related expectation judgements, lowest first. */
export const ARE_ORDER: readonly AreJudgement[] = ['below', 'working-towards', 'expected', 'greater-depth'];

/** Judgements written as teacher-assessment codes, as schools often record targets. */
const ARE_ALIASES: Readonly<Record<string, AreJudgement>> = {
  BELOW: 'below',
  BLW: 'below',
  'WORKING-TOWARDS': 'working-towards',
  'WORKING TOWARDS': 'working-towards',
  WTS: 'working-towards',
  EXPECTED: 'expected',
  EXS: 'expected',
  'GREATER-DEPTH': 'greater-depth',
  'GREATER DEPTH': 'greater-depth',
  GDS: 'greater-depth',
};

export function parseAreJudgement(value: string): AreJudgement | null {
  return ARE_ALIASES[value.trim().toUpperCase()] ?? null;
}

export function isAtOrAboveExpected(judgement: AreJudgement): boolean {
  return ARE_ORDER.indexOf(judgement) >= ARE_ORDER.indexOf('expected');
}

export type VersusTarget = 'below' | 'on' | 'above' | 'unknown';

function compare(actual: number, target: number): VersusTarget {
  return actual < target ? 'below' : actual > target ? 'above' : 'on';
}

/** An in-year judgement against expectations and its target: ARE judgement, or at KS4 the predicted grade. */
export function judgeInYear(judgement: TermlyJudgement): { atOrAboveExpected: boolean | null; versusTarget: VersusTarget } {
  let atOrAboveExpected: boolean | null = null;
  let versusTarget: VersusTarget = 'unknown';
  if (judgement.judgement) {
    atOrAboveExpected = isAtOrAboveExpected(judgement.judgement);
    const target = judgement.target === undefined ? null : parseAreJudgement(judgement.target);
    if (target) versusTarget = compare(ARE_ORDER.indexOf(judgement.judgement), ARE_ORDER.indexOf(target));
  }
  if (judgement.predictedGrade !== undefined) {
    const predicted = gcseGradeValue(judgement.predictedGrade);
    if (predicted !== null) {
      atOrAboveExpected ??= predicted >= GCSE_STANDARD_PASS;
      const target = judgement.target === undefined ? null : gcseGradeValue(judgement.target);
      if (target !== null) versusTarget = compare(predicted, target);
    }
  }
  return { atOrAboveExpected, versusTarget };
}

// Core subjects ------------------------------------------------------------------------------------

export type CoreSubject = 'reading' | 'writing' | 'maths' | 'english';

/** The core subjects attainment is rated on: reading, writing and maths to KS2; English and maths from KS3 (issue 2 §9). */
export function coreSubjectsFor(keyStage: string): readonly CoreSubject[] {
  switch (keyStage) {
    case 'early-years':
    case 'KS1':
    case 'KS2':
      return ['reading', 'writing', 'maths'];
    case 'KS3':
    case 'KS4':
    case '16-19':
      return ['english', 'maths'];
    default:
      return [];
  }
}

const coreSubjects = new BoundedMap<string, CoreSubject | null>(10_000);

/** The core subject a recorded subject name counts towards ("Mathematics" → maths, "English language" → english). */
export function coreSubjectOf(subject: string): CoreSubject | null {
  return coreSubjects.of(subject, findCoreSubject);
}

function findCoreSubject(subject: string): CoreSubject | null {
  const s = subject.trim().toLowerCase();
  if (s === 'maths' || s === 'math' || s === 'mathematics' || s === 'numeracy') return 'maths';
  if (s === 'reading') return 'reading';
  if (s === 'writing') return 'writing';
  if (s.startsWith('english')) return 'english';
  return EARLY_LEARNING_GOALS[subject.trim().toUpperCase()]?.core ?? null;
}

import { academicYearOf, toDayNumber } from './calendar.ts';

/**
 * National curriculum year groups and key stages.
 *
 * Source: DOMAIN.md §3 — national curriculum year = age on the 31 August before the school year − 4
 * (Reception = 0); KS1 = Y1–2, KS2 = Y3–6, KS3 = Y7–9, KS4 = Y10–11, 16–19 = Y12–13 [S]. So a child born
 * on 31 August is the youngest in their year and one born on 1 September the oldest in the next.
 */

/** The years virtual schools watch most closely: the end of KS1, KS2 and KS4 (DOMAIN.md §3). */
export const ASSESSMENT_YEARS: readonly number[] = [2, 6, 11];

export type KeyStage = 'early-years' | 'KS1' | 'KS2' | 'KS3' | 'KS4' | '16-19' | 'none';

/** Key stages by year group (inclusive ranges). Early years (EYFS) runs from birth to the end of Reception. */
export const KEY_STAGES: readonly { keyStage: Exclude<KeyStage, 'none'>; fromYear: number; toYear: number }[] = [
  { keyStage: 'early-years', fromYear: -Infinity, toYear: 0 },
  { keyStage: 'KS1', fromYear: 1, toYear: 2 },
  { keyStage: 'KS2', fromYear: 3, toYear: 6 },
  { keyStage: 'KS3', fromYear: 7, toYear: 9 },
  { keyStage: 'KS4', fromYear: 10, toYear: 11 },
  { keyStage: '16-19', fromYear: 12, toYear: 13 },
];

/** Age in whole years on a date (negative before birth). Someone born on 29 February turns a year older
 * on 1 March in years that have no 29 February. */
export function ageOn(dateOfBirth: string, on: string): number {
  toDayNumber(dateOfBirth);
  toDayNumber(on);
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** National curriculum year of a child born on `dateOfBirth`, in the academic year starting in
 * `startYear`: age on the 31 August before it, minus 4. */
export function yearGroupInAcademicYear(dateOfBirth: string, startYear: number): number {
  return ageOn(dateOfBirth, `${String(startYear).padStart(4, '0')}-08-31`) - 4;
}

/**
 * National curriculum year on a date: Reception 0, Year 1 = 1, …, Year 13 = 13; Nursery −1 and lower for
 * younger children. Over the summer holidays (to 31 August) a child is still in the year just finished.
 */
export function yearGroup(dateOfBirth: string, on: string): number {
  return yearGroupInAcademicYear(dateOfBirth, academicYearOf(on).startYear);
}

/** The dates of birth of children in a year group in the academic year starting in `startYear`
 * (1 September to 31 August), e.g. to generate or check records. */
export function birthDatesForYearGroup(group: number, startYear: number): { from: string; to: string } {
  const lastBirthYear = startYear - group - 4;
  return { from: `${String(lastBirthYear - 1).padStart(4, '0')}-09-01`, to: `${String(lastBirthYear).padStart(4, '0')}-08-31` };
}

export function keyStage(group: number): KeyStage {
  if (!Number.isFinite(group)) return 'none';
  return KEY_STAGES.find((stage) => group >= stage.fromYear && group <= stage.toYear)?.keyStage ?? 'none';
}

/** "Reception", "Year 6", "Nursery", "Pre-school" (younger than nursery), "Beyond Year 13". */
export function yearGroupLabel(group: number): string {
  if (group <= -2) return 'Pre-school';
  if (group === -1) return 'Nursery';
  if (group === 0) return 'Reception';
  if (group <= 13) return `Year ${group}`;
  return 'Beyond Year 13';
}

export function isAssessmentYear(group: number): boolean {
  return ASSESSMENT_YEARS.includes(group);
}

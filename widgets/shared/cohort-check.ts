import { z } from 'zod';
import { IsoDate } from '../../core/model/common.ts';
import { PepState, Rating, StatusChild, StatusLookedAfter, StatusSen } from '../../core/model/status.ts';
import { StatusSummary } from '../../core/model/summary.ts';

/**
 * The parts of an education status — full, or the compact StatusSummary the API lists — that the cohort
 * components read (the table, the CSV, filterCohort and summariseCohort): the compact form's own schema,
 * less what the cohort components never read. Checking these instead of the whole status keeps a list of
 * thousands of children quick to accept; the objects are used as given.
 */
const summary = StatusSummary.shape;
export const CohortMember = z.object({
  asOf: z.string(),
  child: summary.child.omit({ firstName: true, dateOfBirth: true }),
  school: summary.school,
  lookedAfter: summary.lookedAfter,
  attendance: z.object({ academicYear: summary.attendance.shape.academicYear.omit({ smallDenominator: true }) }),
  attainment: summary.attainment,
  pep: summary.pep,
  exclusions: summary.exclusions,
  sen: summary.sen,
  rag: summary.rag.pick({ overall: true, attendance: true }),
});

// A hand-written check of exactly what CohortMember checks, many times quicker than running the
// schema without zod's JIT (which pages' content security policies forbid). It may be stricter than the
// schema, never looser: a child it turns down is parsed by CohortMember, which either accepts it or names
// the bad field. Enumerations and the date pattern come from the model's own schemas.
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) >= 0;
const isNullableBoolean = (value: unknown): boolean => value === null || typeof value === 'boolean';
const datePattern = IsoDate._zod.def.pattern;
const isNullableDate = (value: unknown): boolean =>
  value === null || (typeof value === 'string' && datePattern !== undefined && datePattern.test(value));
// A plain loop, not Array#every, which skips the holes of a sparse list (the schema reads them as undefined).
function hasEvery(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index += 1) if (!check(value[index])) return false;
  return true;
}

// An enumeration or a literal, as the model's unions of the two hold them.
const valuesOf = (option: z.ZodEnum | z.ZodLiteral): string[] =>
  option instanceof z.ZodEnum ? option.options.map(String) : [...option.values].map(String);
const oneOf = (options: readonly string[]): ((value: unknown) => boolean) => {
  const allowed = new Set(options);
  return (value) => typeof value === 'string' && allowed.has(value);
};
const isGender = oneOf(StatusChild.shape.gender.options);
const isKeyStage = oneOf(StatusChild.shape.keyStage.options);
const isPlacementArea = oneOf(StatusLookedAfter.shape.placementArea.options.flatMap(valuesOf));
const isProvision = oneOf(StatusSen.shape.provision.options.flatMap(valuesOf));
const isPepState = oneOf(PepState.options);
const isRating = oneOf(Rating.options);

const isStatutory = (value: unknown): boolean => isObject(value) && isNullableBoolean(value.meetsExpected);
const isJudgement = (value: unknown): boolean => isObject(value) && isNullableBoolean(value.atOrAboveExpected);
const isText = (value: unknown): boolean => typeof value === 'string';

function quickCheck(value: unknown): boolean {
  if (!isObject(value) || typeof value.asOf !== 'string') return false;
  const { child, school, lookedAfter, attendance, attainment, pep, exclusions, sen, rag } = value;
  if (
    !isObject(child) ||
    typeof child.personId !== 'string' ||
    typeof child.displayName !== 'string' ||
    typeof child.lastName !== 'string' ||
    !(child.yearGroup === null || Number.isSafeInteger(child.yearGroup)) ||
    typeof child.yearGroupLabel !== 'string' ||
    !isGender(child.gender) ||
    !(child.ethnicity === undefined || typeof child.ethnicity === 'string') ||
    !isKeyStage(child.keyStage) ||
    typeof child.assessmentYear !== 'boolean'
  )
    return false;
  if (school !== null && !(isObject(school) && typeof school.urn === 'string' && typeof school.name === 'string')) return false;
  if (
    !isObject(lookedAfter) ||
    typeof lookedAfter.lookedAfter !== 'boolean' ||
    typeof lookedAfter.inCare12MonthsOrMore !== 'boolean' ||
    !isCount(lookedAfter.placementChangesLast12Months) ||
    !isPlacementArea(lookedAfter.placementArea)
  )
    return false;
  const year = isObject(attendance) ? attendance.academicYear : undefined;
  if (
    !isObject(year) ||
    !isCount(year.possibleSessions) ||
    !isCount(year.attendedSessions) ||
    !(year.attendancePercent === null || (typeof year.attendancePercent === 'number' && year.attendancePercent >= 0 && year.attendancePercent <= 100)) ||
    typeof year.persistentAbsence !== 'boolean' ||
    typeof year.severeAbsence !== 'boolean'
  )
    return false;
  if (
    !isObject(attainment) ||
    !hasEvery(attainment.coreSubjectsBelowExpected, isText) ||
    !hasEvery(attainment.statutory, isStatutory) ||
    !hasEvery(attainment.inYear, isJudgement)
  )
    return false;
  if (!isObject(pep) || !isPepState(pep.state) || !isNullableDate(pep.nextDue)) return false;
  if (
    !isObject(exclusions) ||
    !isCount(exclusions.suspensionsThisYear) ||
    !isCount(exclusions.sessionsLostThisYear) ||
    typeof exclusions.permanentExclusion !== 'boolean'
  )
    return false;
  if (!isObject(sen) || !isProvision(sen.provision)) return false;
  return isObject(rag) && isRating(rag.overall) && isRating(rag.attendance);
}

/**
 * Checks one child as CohortMember would. `undefined` when it is fine; otherwise the zod issues that name
 * the bad field. Only children the quick check turns down are parsed by the schema.
 */
export function cohortMemberIssues(value: unknown): z.core.$ZodIssue[] | undefined {
  if (quickCheck(value)) return undefined;
  const parsed = CohortMember.safeParse(value);
  return parsed.success ? undefined : parsed.error.issues;
}

/** The quick check alone, for tests that hold it to the schema. */
export const isCohortMemberQuick: (value: unknown) => boolean = quickCheck;

import { z } from 'zod';
import { PERSISTENT_ABSENCE_PERCENT } from './rules/attendance.ts';
import { TermDates } from './rules/calendar.ts';

/**
 * A council's policy: the thresholds and deadlines `deriveStatus` applies. Every value has a default
 * (DEFAULT_POLICY) taken from the statutory guidance or common practice, with its source; a council
 * overrides only what it does differently, e.g. `resolvePolicy({ pep: { dueSoonSchoolDays: 10 } })`.
 */

const Percent = z.number().min(0).max(100);
const Rated = z.enum(['green', 'amber', 'red']);

export const PepQualityGrade = z.object({
  value: z.string().min(1).describe('The rating as recorded, e.g. "gold" (matched ignoring case)'),
  rating: Rated.describe('How EduBridge treats it: amber and red raise a flag'),
});
export type PepQualityGrade = z.infer<typeof PepQualityGrade>;

export const Policy = z
  .object({
    attendance: z
      .object({
        greenAtLeastPercent: Percent.describe('Attendance at or above this is green (default 95)'),
        amberAtLeastPercent: Percent.describe('At or above this (and below green) is amber; below is red (default 90: persistent absence)'),
        trendChangePoints: z
          .number()
          .nonnegative()
          .describe('How many percentage points the last four weeks must differ from the four before to count as improving or declining'),
      })
      .refine((a) => a.amberAtLeastPercent <= a.greenAtLeastPercent, {
        message: 'The amber threshold must not be above the green threshold',
        path: ['amberAtLeastPercent'],
      })
      .refine((a) => a.amberAtLeastPercent >= 100 - PERSISTENT_ABSENCE_PERCENT, {
        message: `The amber threshold must be at least ${100 - PERSISTENT_ABSENCE_PERCENT}: attendance below that is persistent absence, which is always red`,
        path: ['amberAtLeastPercent'],
      }),
    pep: z.object({
      initialWithinWorkingDays: z.number().int().positive().describe('The first PEP is due within this many working days of entering care'),
      reviewEvery: z.enum(['term', 'six-months']).describe('How often a PEP meeting must be held after the first'),
      dueSoonSchoolDays: z.number().int().nonnegative().describe('A PEP is "due soon" within this many school days of its deadline'),
      countsBeforeCareDays: z
        .number()
        .int()
        .nonnegative()
        .describe('A PEP meeting held up to this many days before care starts counts as the first PEP (a planned admission)'),
      requiredFromAge: z
        .number()
        .int()
        .nonnegative()
        .max(18)
        .describe('A looked-after child needs a PEP from this age (0: from birth)'),
      qualityScale: z
        .array(PepQualityGrade)
        .min(1)
        .describe("The council's PEP quality scale, best first"),
    }),
    exclusions: z
      .object({
        redAtSuspensions: z.number().int().positive().describe('This many suspensions this school year or more is red (default 2)'),
        amberAtSuspensions: z.number().int().positive().describe('This many (and fewer than red) is amber (default 1)'),
        permanentLookbackDays: z.number().int().positive().describe('A permanent exclusion this recent is red (default 365)'),
      })
      .refine((e) => e.amberAtSuspensions <= e.redAtSuspensions, {
        message: 'The amber threshold must not be above the red threshold',
        path: ['amberAtSuspensions'],
      }),
    attainment: z
      .object({
        redAtSubjectsBelow: z
          .number()
          .int()
          .positive()
          .nullable()
          .describe('Core subjects below expected for red; null (the default): attainment below expected is never red on its own'),
        amberAtSubjectsBelow: z.number().int().positive().describe('Core subjects below expected for amber (default 1)'),
        evidenceWithinDays: z.number().int().positive().describe('Only assessments this recent are rated'),
        gcseExpectedGrade: z
          .number()
          .int()
          .min(1)
          .max(9)
          .describe('The GCSE grade that meets the expected standard: 4, the "standard pass", or 5, the "strong pass"'),
      })
      .refine((a) => a.redAtSubjectsBelow === null || a.amberAtSubjectsBelow <= a.redAtSubjectsBelow, {
        message: 'The amber threshold must not be above the red threshold',
        path: ['amberAtSubjectsBelow'],
      }),
    care: z.object({
      newToCareDays: z.number().int().nonnegative().describe('A child in care for fewer days than this is flagged as new to care'),
      placementChangesFlagAt: z.number().int().positive().describe('Placement changes in the last 12 months that raise a flag'),
    }),
    termDates: TermDates.optional().describe('School term dates; years not listed follow the default rule in core/rules/calendar.ts'),
    staleDataDays: z.number().int().positive().describe('A part of the record older than this many days is flagged as possibly out of date'),
  })
  .describe("A council's thresholds and deadlines for the education status");
export type Policy = z.infer<typeof Policy>;

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
/** What a council writes: any part of the policy; the rest comes from DEFAULT_POLICY. Lists replace, never merge. */
export type PolicyInput = DeepPartial<z.input<typeof Policy>>;

/**
 * The defaults, with sources (DOMAIN.md). Red means "act now": something a person should do something
 * about this week — a statutory duty missed or a child missing school on a scale the DfE names. Amber
 * means "watch and plan": it goes to the next PEP meeting, where progress is tracked.
 * - attendance: red at 90% or below — persistent absence is 10% or more of possible sessions missed, severe
 *   absence 50% or more [P: DfE] — and persistent absence is always red whatever the amber line (which may
 *   not be set below 90%); amber below 95%, green at or above it: the 95% line is common virtual-school
 *   practice [S]. Trend: 2 points either way [U].
 * - PEP: red when overdue, a statutory duty missed: the first within 20 working days of entering care
 *   [S: statutory guidance as quoted by LAs], then one meeting each school term [S]; amber when due within
 *   15 school days [U: our choice]. A meeting up to 28 days before care starts counts as the first PEP: for
 *   a planned admission the PEP is initiated "before the child becomes looked after" [S: statutory
 *   guidance 2018; the 28 days are our choice]. Required from age 3, when most children start funded early
 *   education; many councils start at 2 or 3 [U].
 * - PEP quality: gold/green/amber/red, the longer of the two scales in use, each grade rated as the
 *   council's own audit names it [S: the virtual school audits PEP quality]; councils using
 *   red/amber/green set `qualityScale` to those three.
 * - exclusions: red for a permanent exclusion in the last 365 days (the child has lost their school place)
 *   or repeated suspensions, two or more this school year; amber for one [U: common practice].
 * - attainment: below expected in one or more core subjects is amber, never red on its own
 *   (`redAtSubjectsBelow: null`). Working below age-related expectations is common among looked-after
 *   children [U: national figures not yet in DOMAIN.md], and the response is the PEP's: "progress against
 *   key-stage expectations" with "SMART targets with owners and dates" [S: PEP content, statutory
 *   guidance 2018], tracked termly through teacher judgements against age-related expectations [S]. A
 *   council that wants a stricter line sets `redAtSubjectsBelow` (2 was the earlier default). Assessments
 *   from the last 365 days count [U]; GCSE grade 4, the "standard pass", meets the expected standard
 *   [P: DfE; councils measuring the "strong pass" set 5].
 * - care: placement changes (2 or more in 12 months) are amber and new to care (under 60 days) is
 *   information, on the care flags; neither rates an area [U: our choice].
 * - data older than 30 days is flagged amber, as data, never rating an area [U].
 */
export const DEFAULT_POLICY: Policy = Object.freeze({
  attendance: { greenAtLeastPercent: 95, amberAtLeastPercent: 90, trendChangePoints: 2 },
  pep: {
    initialWithinWorkingDays: 20,
    reviewEvery: 'term',
    dueSoonSchoolDays: 15,
    countsBeforeCareDays: 28,
    requiredFromAge: 3,
    qualityScale: [
      { value: 'gold', rating: 'green' },
      { value: 'green', rating: 'green' },
      { value: 'amber', rating: 'amber' },
      { value: 'red', rating: 'red' },
    ],
  },
  exclusions: { redAtSuspensions: 2, amberAtSuspensions: 1, permanentLookbackDays: 365 },
  attainment: { redAtSubjectsBelow: null, amberAtSubjectsBelow: 1, evidenceWithinDays: 365, gcseExpectedGrade: 4 },
  care: { newToCareDays: 60, placementChangesFlagAt: 2 },
  staleDataDays: 30,
}) as Policy;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (override === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(override)) return override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) merged[key] = deepMerge(base[key], value);
  return merged;
}

/**
 * A complete policy from a council's partial one, validated. Throws a zod error naming the field when a
 * value is wrong (e.g. `pep.dueSoonSchoolDays: Too small`).
 */
export function resolvePolicy(partial: PolicyInput = {}): Policy {
  return Policy.parse(deepMerge(DEFAULT_POLICY, partial));
}

/** The rating a PEP quality value has under the policy's scale, or undefined when it is not on it. */
export function pepQualityRating(value: string, policy: Policy = DEFAULT_POLICY): 'green' | 'amber' | 'red' | undefined {
  const wanted = value.trim().toLowerCase();
  return policy.pep.qualityScale.find((grade) => grade.value.toLowerCase() === wanted)?.rating;
}

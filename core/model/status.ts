import { z } from 'zod';
import { ActionOwner, Contact, Gender, IsoDate, Provenance } from './common.ts';
import { ChildContacts } from './contacts.ts';
import { AreJudgement, PepStatus, PlacementArea, RecordPart, SenProvision, StatutoryMeasure } from './record.ts';

/**
 * The education status: what every screen shows, derived from a child education record on a given
 * date by `deriveStatus`. Field names documented as stable in README.md are relied on by portal
 * developers: change them only with a new schema version.
 */

export const STATUS_SCHEMA_VERSION = 1 as const;

export const Rating = z.enum(['green', 'amber', 'red', 'none']);
export type Rating = z.infer<typeof Rating>;

/** A plain-English sentence from the message catalogue, with the key and parameters that made it,
 * so a screen can show it in another language. */
export const Explained = z.object({
  key: z.string().describe('Message catalogue key'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  text: z.string().describe('The sentence in the language deriveStatus was asked for'),
});
export type Explained = z.infer<typeof Explained>;

export const AttendanceCategory = z.enum([
  'present',
  'approved-activity',
  'authorised',
  'unauthorised',
  'not-possible',
  'not-a-session',
]);
export type AttendanceCategory = z.infer<typeof AttendanceCategory>;

export const AbsenceReason = z.object({
  code: z.string(),
  label: z.string(),
  category: z.enum(['authorised', 'unauthorised']),
  sessions: z.number().int().nonnegative(),
});

export const WeeklyAttendance = z.object({
  weekStart: IsoDate.describe('The Monday of the week'),
  possibleSessions: z.number().int().nonnegative(),
  attendedSessions: z.number().int().nonnegative(),
  attendancePercent: z.number().min(0).max(100).nullable(),
});

export const UnknownMark = z.object({ date: IsoDate, session: z.enum(['AM', 'PM']), code: z.string() });

export const AttendanceSummary = z.object({
  from: IsoDate,
  to: IsoDate,
  possibleSessions: z.number().int().nonnegative(),
  attendedSessions: z.number().int().nonnegative().describe('Present plus approved educational activity'),
  authorisedAbsenceSessions: z.number().int().nonnegative(),
  unauthorisedAbsenceSessions: z.number().int().nonnegative(),
  attendancePercent: z
    .number()
    .min(0)
    .max(100)
    .nullable()
    .describe('Attended ÷ possible × 100, to one decimal place; null when there were no possible sessions'),
  persistentAbsence: z.boolean().describe('10% or more of possible sessions missed (judged only from 30 possible sessions)'),
  severeAbsence: z.boolean().describe('50% or more of possible sessions missed (judged only from 30 possible sessions)'),
  smallDenominator: z.boolean().describe('Too few possible sessions for the percentage to mean much'),
  absenceReasons: z.array(AbsenceReason).describe('Absence codes by number of sessions, most first'),
  weekly: z.array(WeeklyAttendance),
  unknownCodes: z.array(UnknownMark).describe('Marks whose code is not a national code: reported, not counted'),
  basis: z
    .enum(['marks', 'summary', 'mixed', 'none'])
    .describe('Whether figures came from session marks, summary figures, or both (mixed: each session counted once)'),
  summaryParts: z
    .array(z.object({ from: IsoDate, to: IsoDate, possibleSessions: z.number().int().nonnegative() }))
    .optional()
    .describe('The spans counted from summary figures rather than daily marks, when any were'),
});
export type AttendanceSummary = z.infer<typeof AttendanceSummary>;

export const StatusChild = z.object({
  personId: z.string(),
  upn: z.string().optional(),
  upnValid: z.boolean().optional(),
  firstName: z.string(),
  lastName: z.string(),
  displayName: z.string().describe('Preferred or first name, then last name'),
  dateOfBirth: IsoDate,
  age: z.number().int().nonnegative(),
  gender: Gender,
  ethnicity: z.string().optional(),
  responsibleLa: z.string().optional(),
  yearGroup: z.number().int().nullable().describe('National curriculum year: Reception 0, Year 1 = 1, …; null below Reception'),
  yearGroupLabel: z.string().describe('e.g. "Reception", "Year 6", "Nursery", "Post-19"'),
  keyStage: z.enum(['early-years', 'KS1', 'KS2', 'KS3', 'KS4', '16-19', 'none']),
  assessmentYear: z.boolean().describe('Year 2, 6 or 11: the years virtual schools watch most closely'),
});

export const StatusLookedAfter = z.object({
  lookedAfter: z.boolean(),
  currentPeriodStart: IsoDate.optional(),
  daysInCare: z.number().int().nonnegative().optional(),
  inCare12MonthsOrMore: z.boolean().describe('In the SSDA903 12-month cohort: looked after continuously for the 12 months to this date, short breaks left out'),
  shortBreaks: z
    .boolean()
    .optional()
    .describe('True when the care in force is an agreed series of short breaks (legal status V3/V4): no PEP is required'),
  placementChangesLast12Months: z.number().int().nonnegative(),
  placementArea: z.union([PlacementArea, z.literal('unknown')]),
  legalStatus: z.string().optional(),
  legalStatusLabel: z.string().optional(),
  placementType: z.string().optional(),
  socialWorker: Contact.optional(),
});

export const StatusSchool = z.object({
  urn: z.string(),
  name: z.string(),
  phase: z.string().optional(),
  inArea: z.boolean().optional(),
  start: IsoDate.optional(),
  designatedTeacher: Contact.optional(),
});

export const StatutoryResult = z.object({
  measure: StatutoryMeasure,
  subject: z.string(),
  date: IsoDate,
  result: z.string(),
  resultLabel: z.string().describe('The result in words, e.g. "Working at the expected standard"'),
  expectedStandard: z.string().describe('What meets the expected standard for this measure'),
  meetsExpected: z.boolean().nullable().describe('null where the measure has no expected standard (e.g. MTC)'),
  target: z.string().optional(),
});

export const InYearJudgement = z.object({
  subject: z.string(),
  date: IsoDate,
  judgement: AreJudgement.optional(),
  predictedGrade: z.string().optional(),
  target: z.string().optional(),
  atOrAboveExpected: z.boolean().nullable(),
  versusTarget: z.enum(['below', 'on', 'above', 'unknown']),
});

export const StatusAttainment = z.object({
  statutory: z.array(StatutoryResult).describe('The latest result per measure and subject'),
  inYear: z.array(InYearJudgement).describe("The latest judgement per subject, from the policy's evidence window (attainment.evidenceWithinDays)"),
  coreSubjectsBelowExpected: z.array(z.string()).describe('Reading, writing, maths (or English and maths at KS4) below expected'),
  priorAttainment: z
    .array(StatutoryResult)
    .optional()
    .describe('From Year 7: the KS2 results, the prior attainment progress at KS3 and KS4 is measured from'),
});

export const PepState = z.enum(['in-date', 'due-soon', 'overdue', 'not-required']);
export type PepState = z.infer<typeof PepState>;

export const OwedAction = z.object({
  description: z.string(),
  owner: ActionOwner,
  meetingDate: IsoDate,
  due: IsoDate.optional(),
  overdue: z.boolean(),
  daysOverdue: z.number().int().nonnegative(),
});

export const StatusPep = z.object({
  state: PepState,
  lastMeeting: z
    .object({
      date: IsoDate,
      status: PepStatus,
      qualityRating: z.string().optional(),
      childViewsRecorded: z.boolean().optional(),
    })
    .nullable(),
  nextDue: IsoDate.nullable(),
  daysOverdue: z.number().int().nonnegative().describe('Calendar days past the due date; 0 when not overdue'),
  qualityRating: z.string().optional(),
  socialWorkerActions: z.array(OwedAction).describe("Outstanding actions the child's social worker owes"),
  outstandingActions: z.array(OwedAction).describe('All outstanding actions, any owner'),
  ppPlus: z.object({ requested: z.number().optional(), approved: z.number().optional() }),
  notRequiredBecause: z
    .enum(['short-breaks', 'too-young'])
    .optional()
    .describe('Why a looked-after child needs no PEP: care is a series of short breaks, or the child is younger than the policy requires'),
});

export const StatusExclusions = z.object({
  suspensionsThisYear: z.number().int().nonnegative(),
  sessionsLostThisYear: z.number().int().nonnegative(),
  permanentExclusion: z.boolean(),
  latest: z
    .object({
      type: z.enum(['suspension', 'permanent']),
      start: IsoDate,
      sessions: z.number().int().optional(),
      reasonCode: z.string().optional(),
      reasonLabel: z.string().optional(),
    })
    .nullable(),
});

export const StatusSen = z.object({
  provision: z.union([SenProvision, z.literal('unknown')]),
  provisionLabel: z.string(),
  primaryNeed: z.string().optional(),
  primaryNeedLabel: z.string().optional(),
  ehcPlanIssued: IsoDate.optional(),
});

export const RagArea = z.enum(['attendance', 'pep', 'exclusions', 'attainment']);
export type RagArea = z.infer<typeof RagArea>;

export const StatusRag = z.object({
  overall: Rating,
  attendance: Rating,
  pep: Rating,
  exclusions: Rating,
  attainment: Rating,
  reasons: z
    .object({
      overall: z.array(Explained),
      attendance: z.array(Explained),
      pep: z.array(Explained),
      exclusions: z.array(Explained),
      attainment: z.array(Explained),
    })
    .describe('Why each rating is what it is, as plain-English sentences'),
  incomplete: z
    .array(RagArea)
    .default([])
    .describe('Areas that apply to the child but have no data to rate: while any is listed the overall rating is never green'),
});

export const Flag = z.object({
  key: z.string().describe('Stable identifier, e.g. "persistent-absence"'),
  area: z.enum(['attendance', 'pep', 'exclusions', 'attainment', 'sen', 'care', 'school', 'identity', 'data']),
  severity: z.enum(['red', 'amber', 'info']),
  title: Explained,
  meaning: Explained.describe('One or two sentences a social worker understands without training'),
});
export type Flag = z.infer<typeof Flag>;

export const Freshness = z.object({
  parts: z.partialRecord(RecordPart, Provenance.extend({ ageDays: z.number().int() })),
  oldest: IsoDate.nullable(),
  stale: z.boolean().describe('Some part is older than the policy allows'),
});

/** Attendance in one term, for the trend over the current and the previous two school years. */
export const TermAttendance = z.object({
  academicYear: z.string().describe('e.g. "2024/25"'),
  term: z.enum(['autumn', 'spring', 'summer']),
  from: IsoDate.describe("The term's first day"),
  to: IsoDate.describe("The term's last day, or the status date while the term is under way"),
  inProgress: z.boolean().describe('The term is under way on the status date'),
  possibleSessions: z.number().int().nonnegative(),
  attendedSessions: z.number().int().nonnegative(),
  attendancePercent: z.number().min(0).max(100).nullable().describe('null when there were no possible sessions: no data, never 100%'),
  smallDenominator: z.boolean().describe('Too few possible sessions for the percentage to mean much'),
  persistentAbsence: z.boolean().describe('10% or more of the possible sessions missed (judged only from 30 possible sessions)'),
  basis: z.enum(['marks', 'summary', 'mixed', 'none']).describe('none: no attendance data for the term'),
});
export type TermAttendance = z.infer<typeof TermAttendance>;

/** One teacher judgement or statutory result in a core subject, for the trend of attainment over time. */
export const AttainmentPoint = z.object({
  date: IsoDate,
  source: z.enum(['teacher', 'statutory']).describe("teacher: the school's termly judgement; statutory: a national assessment"),
  measure: StatutoryMeasure.optional().describe('The statutory assessment, for a statutory result'),
  subject: z.string().describe('The subject as recorded'),
  result: z.string().describe('The judgement (e.g. "working-towards"), predicted grade or result as recorded'),
  atOrAboveExpected: z.boolean().nullable().describe('null where the result has no expected standard'),
});
export type AttainmentPoint = z.infer<typeof AttainmentPoint>;

export const StatusTrends = z.object({
  from: IsoDate.describe('The first day of the earliest school year covered (two before the current one)'),
  attendance: z
    .array(TermAttendance)
    .describe("Each term of the three school years that has started, oldest first; terms before the child's Reception year are left out"),
  persistentAbsenceBelowPercent: z.number().describe('Attendance below this is persistent absence: the line a chart draws'),
  attainment: z
    .array(z.object({ subject: z.enum(['reading', 'writing', 'english', 'maths']), points: z.array(AttainmentPoint).describe('Oldest first') }))
    .describe('Per core subject with any evidence in the three school years: each judgement and result, in date order'),
});
export type StatusTrends = z.infer<typeof StatusTrends>;

export const EducationStatus = z
  .object({
    schemaVersion: z.literal(STATUS_SCHEMA_VERSION),
    asOf: IsoDate.describe('The date the status was worked out for'),
    language: z.enum(['en', 'cy']),
    child: StatusChild,
    lookedAfter: StatusLookedAfter,
    school: StatusSchool.nullable(),
    attendance: z.object({
      academicYear: AttendanceSummary,
      term: AttendanceSummary.extend({ termName: z.string() }),
      lastFourWeeks: AttendanceSummary,
      trend: z.enum(['improving', 'declining', 'steady', 'unknown']),
    }),
    attainment: StatusAttainment,
    pep: StatusPep,
    exclusions: StatusExclusions,
    sen: StatusSen,
    rag: StatusRag,
    flags: z.array(Flag),
    freshness: Freshness,
    contacts: ChildContacts.optional().describe("Whom to contact and where the PEP is, as the record has them"),
    trends: StatusTrends.optional().describe(
      'Attendance by term and attainment against expected over the current and previous two school years. Always worked out by deriveStatus; optional so that statuses stored before it existed still read',
    ),
  })
  .describe("A child's education status on a date: what every EduBridge screen shows");
export type EducationStatus = z.infer<typeof EducationStatus>;

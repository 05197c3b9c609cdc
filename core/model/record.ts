import { z } from 'zod';
import { ActionOwner, Contact, Gender, IsoDate, Provenance, Session } from './common.ts';
import { ChildContacts } from './contacts.ts';

/**
 * The child education record: what a council knows about one child's education and care.
 * Everything a screen shows is derived from this by `deriveStatus` (core/status/derive.ts).
 */

export const RECORD_SCHEMA_VERSION = 1 as const;

export const Identity = z
  .object({
    personId: z.string().min(1).describe("The council's own person ID: the key a case-management page shows"),
    upn: z.string().optional().describe('Unique pupil number (confidential: education purposes only)'),
    nhsNumber: z.string().optional(),
    firstName: z.string(),
    lastName: z.string(),
    preferredName: z.string().optional(),
    dateOfBirth: IsoDate,
    gender: Gender,
    ethnicity: z.string().optional().describe('School census / SSDA903 ethnicity code, e.g. WBRI'),
    responsibleLa: z.string().optional().describe('The responsible local authority, as its 3-digit LA number'),
  })
  .describe('Who the child is');

export const CareEpisode = z
  .object({
    start: IsoDate,
    end: IsoDate.optional(),
    reasonNewEpisode: z.string().optional().describe('SSDA903 RNE: S, L, P, T, U, B'),
    legalStatus: z.string().optional().describe('SSDA903 LS, e.g. C2 full care order, V2 section 20'),
    placementType: z.string().optional().describe('SSDA903 PLACE, e.g. U1 foster placement with a relative'),
    placementProvider: z.string().optional().describe('SSDA903 PLACE_PROVIDER, PR0 to PR5'),
    placementPostcode: z.string().optional().describe('Partial postcode of the placement'),
    homePostcode: z.string().optional().describe('Partial postcode of the home the child was taken from'),
    inArea: z.boolean().optional().describe("Whether the placement is inside the council's own area"),
    reasonEnded: z.string().optional().describe('SSDA903 REC'),
    reasonPlaceChange: z.string().optional().describe('SSDA903 REASON_PLACE_CHANGE'),
  })
  .describe('One episode of care: a stretch with the same legal status and placement');

export const CarePeriod = z
  .object({
    start: IsoDate,
    end: IsoDate.optional(),
    episodes: z.array(CareEpisode),
  })
  .describe('A period of care, from an episode with RNE S to the end of care');

export const PlacementArea = z.enum(['in-area', 'out-of-area', 'from-another-council']);
export type PlacementArea = z.infer<typeof PlacementArea>;

export const Care = z
  .object({
    lookedAfter: z.boolean(),
    periods: z.array(CarePeriod),
    placementChanges: z
      .array(z.object({ date: IsoDate, reason: z.string().optional() }))
      .describe('Each change of placement, with the SSDA903 reason where known'),
    placementArea: PlacementArea.optional().describe(
      "Where the current placement is: in the council's area, outside it, or placed here by another council",
    ),
    socialWorker: Contact.optional(),
  })
  .describe('Care history');

export const SchoolPhase = z.enum([
  'nursery',
  'primary',
  'middle',
  'secondary',
  'all-through',
  'special',
  'alternative-provision',
  'post-16',
  'other',
]);

export const Enrolment = z.object({
  urn: z.string().min(1).describe("The school's unique reference number"),
  name: z.string(),
  phase: SchoolPhase.optional(),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  inArea: z.boolean().optional(),
  designatedTeacher: Contact.optional().describe('The designated teacher for looked-after children'),
});

export const School = z.object({ enrolments: z.array(Enrolment) }).describe('Current and past school enrolments');

export const AttendanceMark = z.object({
  date: IsoDate,
  session: Session,
  code: z.string().min(1).max(2).describe('A national attendance code, current or historical'),
});
export type AttendanceMark = z.infer<typeof AttendanceMark>;

export const AttendanceFigures = z
  .object({
    from: IsoDate,
    to: IsoDate,
    possibleSessions: z.number().int().nonnegative(),
    attendedSessions: z.number().int().nonnegative(),
    authorisedAbsenceSessions: z.number().int().nonnegative(),
    unauthorisedAbsenceSessions: z.number().int().nonnegative(),
  })
  .describe('Summary figures for a date range, used where session marks are not held');

export const Attendance = z.object({
  marks: z.array(AttendanceMark),
  summaries: z.array(AttendanceFigures),
});

export const StatutoryMeasure = z.enum(['EYFS', 'PHONICS', 'KS1', 'KS2', 'MTC', 'GCSE']);
export type StatutoryMeasure = z.infer<typeof StatutoryMeasure>;

export const StatutoryAssessment = z.object({
  measure: StatutoryMeasure,
  subject: z.string().min(1).describe('e.g. reading, writing, maths, gps, science, english, GLD, or an early learning goal E01–E17'),
  date: IsoDate,
  result: z.string().min(1).describe('As reported: a scaled score, a teacher-assessment code, a mark or a grade'),
  target: z.string().optional(),
});
export type StatutoryAssessment = z.infer<typeof StatutoryAssessment>;

export const AreJudgement = z.enum(['below', 'working-towards', 'expected', 'greater-depth']);
export type AreJudgement = z.infer<typeof AreJudgement>;

export const TermlyJudgement = z.object({
  subject: z.string().min(1),
  date: IsoDate,
  judgement: AreJudgement.optional().describe('Against age-related expectations'),
  predictedGrade: z.string().optional().describe('At KS4: the predicted GCSE grade, 9–1 or U'),
  target: z.string().optional().describe('The target judgement or grade'),
});
export type TermlyJudgement = z.infer<typeof TermlyJudgement>;

export const Attainment = z.object({
  assessments: z.array(StatutoryAssessment),
  termly: z.array(TermlyJudgement),
});

export const Exclusion = z.object({
  type: z.enum(['suspension', 'permanent']),
  start: IsoDate,
  sessions: z.number().int().nonnegative().optional(),
  reasonCode: z.string().optional().describe('School census exclusion reason code'),
});
export type Exclusion = z.infer<typeof Exclusion>;

export const SenProvision = z.enum(['E', 'K', 'N']);
export type SenProvision = z.infer<typeof SenProvision>;

export const Sen = z.object({
  provision: SenProvision.describe('E: EHC plan; K: SEN support; N: no special educational need'),
  primaryNeed: z.string().optional().describe('School census primary need, e.g. SEMH'),
  ehcPlan: z
    .object({
      requested: IsoDate.optional(),
      issued: IsoDate.optional(),
      lastReviewed: IsoDate.optional(),
    })
    .optional(),
});

export const PepStatus = z.enum(['scheduled', 'draft', 'submitted', 'approved', 'returned', 'cancelled']);
export type PepStatus = z.infer<typeof PepStatus>;

export const SmartTarget = z.object({
  description: z.string(),
  area: z.string().optional(),
  due: IsoDate.optional(),
  achieved: z.boolean().optional(),
});

export const PepMeeting = z.object({
  date: IsoDate,
  status: PepStatus,
  qualityRating: z.string().optional().describe("A rating on the council's configured scale, e.g. gold/green/amber/red"),
  childViewsRecorded: z.boolean().optional(),
  targets: z.array(SmartTarget).default([]),
  ppPlusRequested: z.number().nonnegative().optional().describe('Pupil Premium Plus requested, in pounds'),
  ppPlusApproved: z.number().nonnegative().optional().describe('Pupil Premium Plus approved, in pounds'),
});
export type PepMeeting = z.infer<typeof PepMeeting>;

export const PepAction = z.object({
  meetingDate: IsoDate.describe('The PEP meeting that set the action'),
  description: z.string(),
  owner: ActionOwner,
  due: IsoDate.optional(),
  completed: z.boolean(),
});
export type PepAction = z.infer<typeof PepAction>;

export const Pep = z.object({ meetings: z.array(PepMeeting), actions: z.array(PepAction) });

export const RecordPart = z.enum(['identity', 'care', 'school', 'attendance', 'attainment', 'exclusions', 'sen', 'pep']);
export type RecordPart = z.infer<typeof RecordPart>;

export const ChildEducationRecord = z
  .object({
    schemaVersion: z.literal(RECORD_SCHEMA_VERSION),
    identity: Identity,
    care: Care,
    school: School,
    attendance: Attendance,
    attainment: Attainment,
    exclusions: z.array(Exclusion),
    sen: Sen.optional(),
    pep: Pep,
    contacts: ChildContacts.optional(),
    provenance: z.partialRecord(RecordPart, Provenance).describe('Source and "as of" date of each part'),
  })
  .describe('What a council knows about one child: the input to deriveStatus');
export type ChildEducationRecord = z.infer<typeof ChildEducationRecord>;
/** A record as written by hand or by an importer, before defaults are applied. */
export type ChildEducationRecordInput = z.input<typeof ChildEducationRecord>;

import { z } from 'zod';
import {
  AttendanceSummary,
  InYearJudgement,
  Rating,
  StatusChild,
  StatusExclusions,
  StatusLookedAfter,
  StatusPep,
  StatusSchool,
  StatusSen,
  StatutoryResult,
} from '../../core/model/status.ts';

/**
 * The parts of an education status the cohort components read (the table, the CSV, filterCohort and
 * summariseCohort), picked from the model's own schemas. Checking these instead of the whole status keeps
 * a list of thousands of children quick to accept; the objects are used as given.
 */
export const CohortMember = z.object({
  asOf: z.string(),
  child: StatusChild.pick({
    personId: true,
    displayName: true,
    lastName: true,
    yearGroup: true,
    yearGroupLabel: true,
    gender: true,
    ethnicity: true,
    keyStage: true,
    assessmentYear: true,
  }),
  school: StatusSchool.pick({ urn: true, name: true }).nullable(),
  lookedAfter: StatusLookedAfter.pick({ lookedAfter: true, inCare12MonthsOrMore: true, placementChangesLast12Months: true, placementArea: true }),
  attendance: z.object({
    academicYear: AttendanceSummary.pick({
      possibleSessions: true,
      attendedSessions: true,
      attendancePercent: true,
      persistentAbsence: true,
      severeAbsence: true,
    }),
  }),
  attainment: z.object({
    coreSubjectsBelowExpected: z.array(z.string()),
    statutory: z.array(StatutoryResult.pick({ meetsExpected: true })),
    inYear: z.array(InYearJudgement.pick({ atOrAboveExpected: true })),
  }),
  pep: StatusPep.pick({ state: true, nextDue: true }),
  exclusions: StatusExclusions.pick({ suspensionsThisYear: true, sessionsLostThisYear: true, permanentExclusion: true }),
  sen: StatusSen.pick({ provision: true }),
  rag: z.object({ overall: Rating, attendance: Rating }),
});

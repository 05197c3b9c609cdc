import { z } from 'zod';
import { IsoDate } from './common.ts';
import type { EducationStatus } from './status.ts';
import {
  AttendanceSummary,
  Flag,
  InYearJudgement,
  StatusChild,
  StatusExclusions,
  StatusLookedAfter,
  StatusPep,
  StatusRag,
  StatusSchool,
  StatusSen,
  StatutoryResult,
} from './status.ts';

/**
 * The compact form of an education status: what a list shows (the cohort table, the dashboard, the
 * caseload chips, the popup), with the same field paths as `EducationStatus`, so code that reads a list
 * reads either. A page of 100 full statuses is over a megabyte; the same page of summaries is a few
 * per cent of it. Everything else about a child is one `GET /children/{id}/status` away.
 */
export const StatusSummary = z
  .object({
    asOf: IsoDate,
    child: StatusChild.pick({
      personId: true,
      firstName: true,
      lastName: true,
      displayName: true,
      dateOfBirth: true,
      gender: true,
      ethnicity: true,
      yearGroup: true,
      yearGroupLabel: true,
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
        smallDenominator: true,
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
    rag: StatusRag.pick({ overall: true, attendance: true, pep: true, exclusions: true, attainment: true, incomplete: true }),
    flags: z.array(Flag.pick({ key: true, area: true, severity: true, title: true })).describe('Every flag, with its title (its meaning is in the full status)'),
    freshness: z.object({ oldest: IsoDate.nullable(), stale: z.boolean() }),
  })
  .describe("The compact form of a child's education status, for lists: the same field paths as EducationStatus");
export type StatusSummary = z.infer<typeof StatusSummary>;

/** The summary of a full status: a projection, never a re-derivation, so the two always agree. */
export function summariseStatus(status: EducationStatus): StatusSummary {
  const { child, school, lookedAfter, attendance, attainment, pep, exclusions, sen, rag, flags, freshness } = status;
  const year = attendance.academicYear;
  return {
    asOf: status.asOf,
    child: {
      personId: child.personId,
      firstName: child.firstName,
      lastName: child.lastName,
      displayName: child.displayName,
      dateOfBirth: child.dateOfBirth,
      gender: child.gender,
      ...(child.ethnicity !== undefined ? { ethnicity: child.ethnicity } : {}),
      yearGroup: child.yearGroup,
      yearGroupLabel: child.yearGroupLabel,
      keyStage: child.keyStage,
      assessmentYear: child.assessmentYear,
    },
    school: school ? { urn: school.urn, name: school.name } : null,
    lookedAfter: {
      lookedAfter: lookedAfter.lookedAfter,
      inCare12MonthsOrMore: lookedAfter.inCare12MonthsOrMore,
      placementChangesLast12Months: lookedAfter.placementChangesLast12Months,
      placementArea: lookedAfter.placementArea,
    },
    attendance: {
      academicYear: {
        possibleSessions: year.possibleSessions,
        attendedSessions: year.attendedSessions,
        attendancePercent: year.attendancePercent,
        persistentAbsence: year.persistentAbsence,
        severeAbsence: year.severeAbsence,
        smallDenominator: year.smallDenominator,
      },
    },
    attainment: {
      coreSubjectsBelowExpected: attainment.coreSubjectsBelowExpected,
      statutory: attainment.statutory.map((result) => ({ meetsExpected: result.meetsExpected })),
      inYear: attainment.inYear.map((judgement) => ({ atOrAboveExpected: judgement.atOrAboveExpected })),
    },
    pep: { state: pep.state, nextDue: pep.nextDue },
    exclusions: { suspensionsThisYear: exclusions.suspensionsThisYear, sessionsLostThisYear: exclusions.sessionsLostThisYear, permanentExclusion: exclusions.permanentExclusion },
    sen: { provision: sen.provision },
    rag: { overall: rag.overall, attendance: rag.attendance, pep: rag.pep, exclusions: rag.exclusions, attainment: rag.attainment, incomplete: rag.incomplete },
    flags: flags.map((flag) => ({ key: flag.key, area: flag.area, severity: flag.severity, title: flag.title })),
    freshness: { oldest: freshness.oldest, stale: freshness.stale },
  };
}

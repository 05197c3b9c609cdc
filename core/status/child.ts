import type { z } from 'zod';
import type { ChildEducationRecord } from '../model/record.ts';
import type { EducationStatus, Flag, StatusSchool } from '../model/status.ts';
import type { Language } from '../messages/index.ts';
import { checkUpn } from '../rules/identifiers.ts';
import { ageOn, isAssessmentYear, keyStage, yearGroupInAcademicYear, yearGroupLabel } from '../rules/year-group.ts';
import { flag, type AreaResult, type DateContext } from './common.ts';

/**
 * The child and their school: who they are on the day (age, year group, key stage), whether their UPN
 * will let school data match them, and the school they are on roll at.
 */

export interface ChildFacts {
  yearGroup: number;
  stage: ReturnType<typeof keyStage>;
  /** Year 1 to Year 11: of compulsory school age for the whole school year (Education Act 1996 s8). */
  compulsorySchoolAge: boolean;
  /** Reception to Year 13. */
  schoolAge: boolean;
  /** A valid UPN is recorded, so school data can be matched to the child. */
  upnUsable: boolean;
}

/** The child's year group, or NaN when the date of birth is one the calendar cannot place (year 0000). */
function safeYearGroup(dateOfBirth: string, startYear: number): number {
  try {
    return yearGroupInAcademicYear(dateOfBirth, startYear);
  } catch {
    return Number.NaN;
  }
}

export function deriveChild(record: ChildEducationRecord, context: DateContext, language: Language): AreaResult<EducationStatus['child']> & { facts: ChildFacts } {
  const identity = record.identity;
  const flags: Flag[] = [];
  const group = safeYearGroup(identity.dateOfBirth, context.year.startYear);
  const stage = keyStage(group);
  const schoolAge = group >= 0 && group <= 13;
  const upnCheck = identity.upn !== undefined ? checkUpn(identity.upn) : undefined;
  if (upnCheck && !upnCheck.valid) flags.push(flag('upn-invalid', 'identity', 'amber', { problem: upnCheck.problem ?? '' }, language));
  if (identity.upn === undefined && schoolAge) flags.push(flag('upn-missing', 'identity', 'info', {}, language));
  const child: EducationStatus['child'] = {
    personId: identity.personId,
    firstName: identity.firstName,
    lastName: identity.lastName,
    displayName: `${identity.preferredName || identity.firstName} ${identity.lastName}`.trim(),
    dateOfBirth: identity.dateOfBirth,
    age: Number.isNaN(group) ? 0 : Math.max(0, ageOn(identity.dateOfBirth, context.asOf)),
    gender: identity.gender,
    yearGroup: group >= 0 ? group : null,
    yearGroupLabel: Number.isNaN(group) ? 'Not known' : yearGroupLabel(group),
    keyStage: stage,
    assessmentYear: isAssessmentYear(group),
  };
  if (identity.upn !== undefined) {
    child.upn = identity.upn;
    child.upnValid = upnCheck?.valid ?? false;
  }
  if (identity.ethnicity !== undefined) child.ethnicity = identity.ethnicity;
  if (identity.responsibleLa !== undefined) child.responsibleLa = identity.responsibleLa;
  return { section: child, flags, facts: { yearGroup: group, stage, compulsorySchoolAge: group >= 1 && group <= 11, schoolAge, upnUsable: upnCheck?.valid === true } };
}

/** The enrolment covering `asOf` (the latest started, if several), or null; red for a child of compulsory school age without one. */
export function deriveSchool(record: ChildEducationRecord, asOf: string, facts: ChildFacts, language: Language): AreaResult<z.infer<typeof StatusSchool> | null> {
  let best: ChildEducationRecord['school']['enrolments'][number] | null = null;
  for (const enrolment of record.school.enrolments) {
    if ((enrolment.start !== undefined && enrolment.start > asOf) || (enrolment.end !== undefined && enrolment.end < asOf)) continue;
    if (!best || (enrolment.start ?? '') >= (best.start ?? '')) best = enrolment;
  }
  if (!best) {
    return { section: null, flags: facts.compulsorySchoolAge ? [flag('no-current-school', 'school', 'red', {}, language)] : [] };
  }
  return {
    section: {
      urn: best.urn,
      name: best.name,
      ...(best.phase !== undefined ? { phase: best.phase } : {}),
      ...(best.inArea !== undefined ? { inArea: best.inArea } : {}),
      ...(best.start !== undefined ? { start: best.start } : {}),
      ...(best.designatedTeacher ? { designatedTeacher: best.designatedTeacher } : {}),
    },
    flags: [],
  };
}

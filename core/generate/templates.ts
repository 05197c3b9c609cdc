/**
 * Writing child education records as the EduBridge CSV templates (docs/data-formats.md), plus an
 * SSDA903 episodes table for the care history (placements, legal status, changes) the templates have
 * no columns for. Pure: yields lines; core/node/generate writes them to files.
 */
import type { ChildEducationRecord } from '../model/index.ts';

export const TEMPLATE_HEADERS = {
  'children.csv': ['child_id', 'upn', 'first_name', 'last_name', 'date_of_birth', 'gender', 'ethnicity', 'looked_after', 'care_start_date', 'la_code', 'school_urn', 'school_name', 'sen_provision', 'sen_primary_need', 'social_worker', 'social_worker_email', 'placement_in_area'],
  'attendance.csv': ['upn', 'date', 'session', 'code'],
  'attendance_summaries.csv': ['upn', 'from_date', 'to_date', 'possible_sessions', 'attended_sessions', 'authorised_absence_sessions', 'unauthorised_absence_sessions'],
  'assessments.csv': ['upn', 'date', 'measure', 'subject', 'result', 'target'],
  'peps.csv': ['child_id', 'meeting_date', 'status', 'quality_rating', 'pp_plus_amount', 'child_views_recorded'],
  'pep_actions.csv': ['child_id', 'meeting_date', 'action', 'owner', 'due_date', 'completed'],
  'exclusions.csv': ['upn', 'start_date', 'type', 'sessions', 'reason_code'],
  'contacts.csv': ['child_id', 'designated_teacher', 'designated_teacher_email', 'designated_teacher_phone', 'virtual_school_caseworker', 'virtual_school_caseworker_email', 'virtual_school_caseworker_phone', 'school_contact', 'school_contact_email', 'school_contact_phone', 'pep_url'],
  'ssda903_episodes.csv': ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
} as const;
export type TemplateFile = keyof typeof TEMPLATE_HEADERS;

type Cell = string | number | boolean | undefined;

/** One CSV field: quoted when it holds a comma, quote, line break or edge spaces. */
export function csvField(value: Cell): string {
  if (value === undefined) return '';
  const text = typeof value === 'boolean' ? (value ? 'Y' : 'N') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => cells.map(csvField).join(',') + '\r\n';

function* rows(file: TemplateFile, records: readonly ChildEducationRecord[]): Generator<Cell[]> {
  for (const r of records) {
    const { identity, care } = r;
    const upn = identity.upn;
    const school = r.school.enrolments.find((e) => e.end === undefined) ?? r.school.enrolments[r.school.enrolments.length - 1];
    const period = care.periods[care.periods.length - 1];
    switch (file) {
      case 'children.csv':
        yield [identity.personId, upn, identity.firstName, identity.lastName, identity.dateOfBirth, identity.gender, identity.ethnicity, care.lookedAfter, period?.start, identity.responsibleLa, school?.urn, school?.name, r.sen?.provision, r.sen?.primaryNeed, care.socialWorker?.name, care.socialWorker?.email, care.placementArea === undefined ? undefined : care.placementArea !== 'out-of-area'];
        break;
      case 'attendance.csv':
        if (upn) for (const m of r.attendance.marks) yield [upn, m.date, m.session, m.code];
        break;
      case 'attendance_summaries.csv':
        if (upn) for (const f of r.attendance.summaries) yield [upn, f.from, f.to, f.possibleSessions, f.attendedSessions, f.authorisedAbsenceSessions, f.unauthorisedAbsenceSessions];
        break;
      case 'assessments.csv':
        if (upn) {
          for (const a of r.attainment.assessments) yield [upn, a.date, a.measure, a.subject, a.result, a.target];
          for (const t of r.attainment.termly) yield [upn, t.date, 'TERMLY', t.subject, t.judgement ?? t.predictedGrade, t.target];
        }
        break;
      case 'peps.csv':
        for (const m of r.pep.meetings) yield [identity.personId, m.date, m.status, m.qualityRating, m.ppPlusRequested, m.childViewsRecorded];
        break;
      case 'pep_actions.csv':
        for (const a of r.pep.actions) yield [identity.personId, a.meetingDate, a.description, a.owner, a.due, a.completed];
        break;
      case 'exclusions.csv':
        if (upn) for (const e of r.exclusions) yield [upn, e.start, e.type, e.sessions, e.reasonCode];
        break;
      case 'contacts.csv': {
        // The designated teacher is the child's own if named, else the current school's.
        const contacts = r.contacts;
        const teacher = contacts?.designatedTeacher ?? school?.designatedTeacher;
        const caseworker = contacts?.virtualSchoolCaseworker;
        const office = contacts?.schoolContact;
        if (teacher || caseworker || office || contacts?.pepDocument) {
          yield [identity.personId, teacher?.name, teacher?.email, teacher?.phone, caseworker?.name, caseworker?.email, caseworker?.phone, office?.name, office?.email, office?.phone, contacts?.pepDocument?.url];
        }
        break;
      }
      case 'ssda903_episodes.csv':
        for (const p of care.periods) {
          for (const e of p.episodes) {
            const dmy = (d: string | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : undefined);
            yield [identity.personId, dmy(e.start), e.reasonNewEpisode, e.legalStatus, undefined, e.placementType, e.placementProvider, dmy(e.end), e.reasonEnded, e.reasonPlaceChange, e.homePostcode, e.placementPostcode, undefined];
          }
        }
        break;
    }
  }
}

/** The lines of one template file (header first, CRLF line ends), in batches for fast writing. */
export function* templateLines(file: TemplateFile, records: readonly ChildEducationRecord[], batch = 2000): Generator<string> {
  yield csvLine(TEMPLATE_HEADERS[file]);
  let buffer = '';
  let count = 0;
  for (const row of rows(file, records)) {
    buffer += csvLine(row);
    if (++count >= batch) {
      yield buffer;
      buffer = '';
      count = 0;
    }
  }
  if (buffer) yield buffer;
}

export const TEMPLATE_FILES = Object.keys(TEMPLATE_HEADERS) as TemplateFile[];

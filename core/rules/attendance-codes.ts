import type { AttendanceCategory } from '../model/status.ts';

/**
 * National school attendance codes, current and historical, as data.
 *
 * Source: DOMAIN.md §1 — the code table in force since 19 August 2024 ([S: council and MIS-vendor code
 * tables], DfE "Working together to improve school attendance" 2024) and the codes in use before it.
 * A mark counts by the code set in force on its date, so history matches the statistics published for
 * its year: `J` (interview) was an approved educational activity before 19 August 2024 and counts as
 * attendance; its successor `J1` is an authorised absence.
 *
 * Facts marked [U] are unconfirmed: the labels of `Q`, `X` and `Y1`–`Y7`, and their "not a possible
 * session" treatment; when `F` was withdrawn. Correct them here: nothing else holds a code list.
 */

/** The date the current national code set came into force. */
export const CURRENT_CODE_SET_FROM = '2024-08-19';
const PREVIOUS_CODE_SET_TO = '2024-08-18';

export interface AttendanceCodeDefinition {
  /** The code as a register shows it, e.g. "/", "C2", "#". */
  code: string;
  /** What the code means, in plain English. */
  label: string;
  category: AttendanceCategory;
  /** First date this meaning applies; absent when it applies to all history EduBridge reads. */
  validFrom?: string;
  /** Last date this meaning applies; absent while it is current. */
  validTo?: string;
  /** The current code that replaced a withdrawn one, where the mapping is known. */
  successor?: string;
  /** How sure the entry is: P official text, S secondary sources, U unconfirmed (see DOMAIN.md). */
  confidence: 'P' | 'S' | 'U';
}

type Entry = Omit<AttendanceCodeDefinition, 'validFrom' | 'validTo'>;

const current = (entries: Entry[]): AttendanceCodeDefinition[] =>
  entries.map((entry) => ({ ...entry, validFrom: CURRENT_CODE_SET_FROM }));
const previous = (entries: Entry[]): AttendanceCodeDefinition[] =>
  entries.map((entry) => ({ ...entry, validTo: PREVIOUS_CODE_SET_TO }));

/** The national attendance codes, each meaning with the dates it applies. */
export const ATTENDANCE_CODES: readonly AttendanceCodeDefinition[] = [
  // ----- In force from 19 August 2024 [S] -----
  ...current([
    { code: '/', label: 'Present (morning)', category: 'present', confidence: 'S' },
    { code: '\\', label: 'Present (afternoon)', category: 'present', confidence: 'S' },
    { code: 'L', label: 'Late, arrived before the register closed', category: 'present', confidence: 'S' },
    { code: 'K', label: 'Attending education provision arranged by the local authority', category: 'approved-activity', confidence: 'S' },
    { code: 'V', label: 'Attending an educational visit or trip', category: 'approved-activity', confidence: 'S' },
    { code: 'P', label: 'Taking part in an approved sporting activity', category: 'approved-activity', confidence: 'S' },
    { code: 'W', label: 'Attending work experience', category: 'approved-activity', confidence: 'S' },
    { code: 'B', label: 'Attending another approved educational activity', category: 'approved-activity', confidence: 'S' },
    { code: 'C1', label: 'Leave for a regulated performance or licensed employment', category: 'authorised', confidence: 'S' },
    { code: 'M', label: 'Leave for a medical or dental appointment', category: 'authorised', confidence: 'S' },
    { code: 'J1', label: 'Leave for an interview (job or school place)', category: 'authorised', confidence: 'S' },
    { code: 'S', label: 'Study leave', category: 'authorised', confidence: 'S' },
    { code: 'C2', label: 'Leave for a part-time timetable', category: 'authorised', confidence: 'S' },
    { code: 'C', label: 'Leave for exceptional circumstances', category: 'authorised', confidence: 'S' },
    { code: 'T', label: 'Parent travelling for work', category: 'authorised', confidence: 'S' },
    { code: 'R', label: 'Religious observance', category: 'authorised', confidence: 'S' },
    { code: 'I', label: 'Illness', category: 'authorised', confidence: 'S' },
    { code: 'E', label: 'Suspended or excluded, with no alternative provision', category: 'authorised', confidence: 'S' },
    { code: 'G', label: 'Holiday not agreed by the school', category: 'unauthorised', confidence: 'S' },
    { code: 'N', label: 'Reason for absence not yet provided', category: 'unauthorised', confidence: 'S' },
    { code: 'O', label: 'Absent for another or unknown reason', category: 'unauthorised', confidence: 'S' },
    { code: 'U', label: 'Arrived after the register closed', category: 'unauthorised', confidence: 'S' },
    { code: 'D', label: 'Attending another school (dual registered)', category: 'not-possible', confidence: 'S' },
    // [U] labels and "not a possible session" treatment of X, Q and Y1–Y7.
    { code: 'X', label: 'Not of compulsory school age and not required to attend', category: 'not-possible', confidence: 'U' },
    { code: 'Q', label: 'The local authority has not arranged access to education', category: 'not-possible', confidence: 'U' },
    { code: 'Y1', label: 'Unable to attend: school transport not available', category: 'not-possible', confidence: 'U' },
    { code: 'Y2', label: 'Unable to attend: widespread travel disruption', category: 'not-possible', confidence: 'U' },
    { code: 'Y3', label: 'Unable to attend: part of the school site closed', category: 'not-possible', confidence: 'U' },
    { code: 'Y4', label: 'Unable to attend: whole school site unexpectedly closed', category: 'not-possible', confidence: 'U' },
    { code: 'Y5', label: 'Unable to attend: in criminal justice detention', category: 'not-possible', confidence: 'U' },
    { code: 'Y6', label: 'Unable to attend: public health guidance or law', category: 'not-possible', confidence: 'U' },
    { code: 'Y7', label: 'Unable to attend: another unavoidable cause', category: 'not-possible', confidence: 'U' },
    { code: 'Z', label: 'Not yet on the school roll', category: 'not-a-session', confidence: 'S' },
    { code: '#', label: 'Planned whole-school closure', category: 'not-a-session', confidence: 'S' },
  ]),
  // ----- In force until 18 August 2024 [S] -----
  ...previous([
    { code: '/', label: 'Present (morning)', category: 'present', confidence: 'S' },
    { code: '\\', label: 'Present (afternoon)', category: 'present', confidence: 'S' },
    { code: 'L', label: 'Late, arrived before the register closed', category: 'present', confidence: 'S' },
    { code: 'B', label: 'Educated off site', category: 'approved-activity', confidence: 'S' },
    { code: 'J', label: 'At an interview', category: 'approved-activity', successor: 'J1', confidence: 'S' },
    { code: 'P', label: 'Taking part in an approved sporting activity', category: 'approved-activity', confidence: 'S' },
    { code: 'V', label: 'Attending an educational visit or trip', category: 'approved-activity', confidence: 'S' },
    { code: 'W', label: 'Attending work experience', category: 'approved-activity', confidence: 'S' },
    { code: 'C', label: 'Other authorised circumstances', category: 'authorised', confidence: 'S' },
    { code: 'E', label: 'Excluded, with no alternative provision', category: 'authorised', confidence: 'S' },
    { code: 'H', label: 'Holiday agreed by the school', category: 'authorised', successor: 'C', confidence: 'S' },
    { code: 'I', label: 'Illness', category: 'authorised', confidence: 'S' },
    { code: 'M', label: 'Medical or dental appointment', category: 'authorised', confidence: 'S' },
    { code: 'R', label: 'Religious observance', category: 'authorised', confidence: 'S' },
    { code: 'S', label: 'Study leave', category: 'authorised', confidence: 'S' },
    { code: 'T', label: 'Traveller absence', category: 'authorised', successor: 'T', confidence: 'S' },
    { code: 'G', label: 'Holiday not agreed, or days beyond those agreed', category: 'unauthorised', confidence: 'S' },
    { code: 'N', label: 'Reason for absence not yet provided', category: 'unauthorised', confidence: 'S' },
    { code: 'O', label: 'Absent for another or unknown reason', category: 'unauthorised', confidence: 'S' },
    { code: 'U', label: 'Arrived after the register closed', category: 'unauthorised', confidence: 'S' },
    { code: 'D', label: 'Dual registered, at another school', category: 'not-possible', confidence: 'S' },
    { code: 'X', label: 'Not of compulsory school age, not required to attend', category: 'not-possible', confidence: 'S' },
    // Y covered every enforced closure; it cannot be split into Y1–Y7, so it has no successor.
    { code: 'Y', label: 'Unable to attend: enforced closure', category: 'not-possible', confidence: 'S' },
    { code: 'Z', label: 'Not yet on the school roll', category: 'not-a-session', confidence: 'S' },
    { code: '#', label: 'Planned whole-school closure', category: 'not-a-session', confidence: 'S' },
  ]),
  // ----- Older still: withdrawn before the codes above [U: withdrawal date] -----
  {
    code: 'F',
    label: 'Extended family holiday (agreed)',
    category: 'authorised',
    validTo: '2013-08-31',
    confidence: 'U',
  },
];

const definitionsByCode = new Map<string, AttendanceCodeDefinition[]>();
for (const definition of ATTENDANCE_CODES) {
  const list = definitionsByCode.get(definition.code) ?? [];
  list.push(definition);
  definitionsByCode.set(definition.code, list);
}
// Latest meaning first, so a lookup without a date finds the newest one.
for (const list of definitionsByCode.values()) {
  list.sort((a, b) => (b.validTo ?? '9999-12-31').localeCompare(a.validTo ?? '9999-12-31'));
}

const currentByCode = new Map(
  ATTENDANCE_CODES.filter((definition) => definition.validFrom === CURRENT_CODE_SET_FROM && definition.validTo === undefined).map((definition) => [
    definition.code,
    definition,
  ]),
);

/** Current one-character codes by character code: the commonest lookup, without hashing. */
const currentSingleCharacter: (AttendanceCodeDefinition | undefined)[] = [];
for (const [code, definition] of currentByCode) if (code.length === 1) currentSingleCharacter[code.charCodeAt(0)] = definition;

/** Codes as registers write them: upper case, no surrounding spaces ("c2 " → "C2"). */
export function normaliseAttendanceCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * The meaning of a code: on a date, the one in force then (undefined when the code was not a national
 * code on that date, e.g. `J` after 18 August 2024 or `C2` before 19 August 2024); without a date, the
 * newest meaning the code has had.
 */
export function attendanceCodeDefinition(code: unknown, on?: string): AttendanceCodeDefinition | undefined {
  if (typeof code !== 'string') return undefined;
  // Fast path for the common case, a current code on a current date (summaries read millions of marks).
  if (on !== undefined && on >= CURRENT_CODE_SET_FROM) {
    const definition = code.length === 1 ? currentSingleCharacter[code.charCodeAt(0)] : currentByCode.get(code);
    if (definition) return definition;
  }
  let definitions = definitionsByCode.get(code);
  if (!definitions) {
    definitions = definitionsByCode.get(normaliseAttendanceCode(code));
    if (!definitions) return undefined;
  }
  if (on === undefined) return definitions[0];
  for (const definition of definitions) {
    if ((definition.validFrom === undefined || definition.validFrom <= on) && (definition.validTo === undefined || on <= definition.validTo)) {
      return definition;
    }
  }
  return undefined;
}

/**
 * The category of an attendance code, by the code set in force on `on` (or the code's newest meaning
 * when no date is given). Anything that is not a national code on that date — a typo, a school's local
 * code, a withdrawn code used after it was withdrawn — is `'unknown'`: never a silent "present".
 * Never throws.
 */
export function classifyAttendanceCode(code: string, on?: string): AttendanceCategory | 'unknown' {
  return attendanceCodeDefinition(code, on)?.category ?? 'unknown';
}

/** What a code means in plain English, by the code set in force on `on`; undefined for an unknown code. */
export function attendanceCodeLabel(code: string, on?: string): string | undefined {
  return attendanceCodeDefinition(code, on)?.label;
}

/**
 * Whether a code belongs to a superseded code set: with a date, whether its meaning on that date has
 * since been replaced (`I` on 2023-05-01 is historical; `I` on 2025-05-01 is not); without one, whether
 * the code is no longer in the current set (`H`, `J`, `Y`, `F`).
 */
export function isHistoricalCode(code: string, on?: string): boolean {
  const definition = attendanceCodeDefinition(code, on);
  return definition !== undefined && definition.validTo !== undefined;
}

/**
 * The current code for a code: itself when it is in the current set, its known successor when it was
 * withdrawn (`H` → `C`, `J` → `J1`), undefined when there is none (`Y`, `F`) or the code is unknown.
 * Note that a successor can count differently: `J` was attendance, `J1` is authorised absence.
 */
export function currentEquivalent(code: string): string | undefined {
  const definition = attendanceCodeDefinition(code);
  if (!definition) return undefined;
  return definition.validTo === undefined ? definition.code : definition.successor;
}

/** The codes in force on a date, e.g. to list them in a form. */
export function attendanceCodesOn(on: string): AttendanceCodeDefinition[] {
  return ATTENDANCE_CODES.filter(
    (definition) => (definition.validFrom === undefined || definition.validFrom <= on) && (definition.validTo === undefined || on <= definition.validTo),
  );
}

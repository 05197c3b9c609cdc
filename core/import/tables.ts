/**
 * The tables EduBridge reads: the EduBridge CSV templates and the SSDA903 tables. Each has its columns,
 * a zod row schema, the checks that only warn, and how its rows are staged in the data set.
 * docs/data-formats.md describes them for users.
 */
import { z } from 'zod';
import { ActionOwner, Gender, PepStatus, StatutoryMeasure, type ChildContacts, type ChildEducationRecord, type Contact, type StatutoryAssessment, type TermlyJudgement } from '../model/index.ts';
import { attendanceCodeDefinition, classifyAttendanceCode, currentEquivalent, isHistoricalCode, attendanceCodeLabel, normaliseAttendanceCode } from '../rules/attendance-codes.ts';
import { parseAreJudgement } from '../rules/attainment.ts';
import { checkAttendanceFigures } from '../rules/attendance.ts';
import { senPrimaryNeedLabel, SEN_PRIMARY_NEEDS } from '../rules/sen.ts';
import { DEFAULT_POLICY, pepQualityRating } from '../policy.ts';
import { ETHNICITY_CODES, SCHOOL_URN } from './census-codes.ts';
import { checkUpn, normaliseUpn } from '../rules/identifiers.ts';
import { DataSet, push, type Where } from './dataset.ts';
import { KeptStrings } from './kept-strings.ts';
import { dateOfDay, dayNumberOf } from '../rules/day-numbers.ts';
import { keyOfPacked, packDay, packedOfKey } from '../rules/mark-columns.ts';
import { Int32List } from './int32-list.ts';
import { cleanIsoDate, show } from './fields.ts';
import type { ProblemCode, Severity } from './problem.ts';
import { DateField, fastFieldsOf, field, Money, oneOf, Text, WholeNumber, YesNo } from './schema.ts';
import { SSDA903_CODES, ssdaGender } from './ssda903-codes.ts';

/** Reports problems about the row being read. Identical warnings (same file, column, code and key) are
 * reported once, at their first line, with a count: see `RowContext.warnOnce`. */
export interface RowContext extends Where {
  asOf: string;
  /** The column's name as the user sees it (a CSV column or an XML element path). */
  column(name: string): string;
  warn(column: string, code: ProblemCode, message: string): void;
  /** Warn once per file for `key` (e.g. a UPN or a code); later rows with the same key only count. */
  warnOnce(column: string, code: ProblemCode, key: string, message: string): void;
  error(column: string, code: ProblemCode, message: string): void;
  /** True when `key` was seen before in this file (and remembers it): to check each value (a UPN) once. */
  seenBefore(key: string): boolean;
}

export type TableId =
  | 'children'
  | 'attendance'
  | 'attendance_summaries'
  | 'assessments'
  | 'peps'
  | 'pep_actions'
  | 'exclusions'
  | 'contacts'
  | '903-header'
  | '903-episodes'
  | '903-reviews'
  | '903-uasc'
  | '903-oc2'
  | '903-oc3'
  | '903-missing'
  | '903-sw-episodes'
  | '903-ad1'
  | '903-placed-for-adoption'
  | '903-previous-permanence';

export interface TableSpec<T = unknown> {
  id: TableId;
  /** As shown in summaries, e.g. "attendance" or "SSDA903 episodes". */
  label: string;
  kind: 'template' | 'ssda903';
  columns: readonly string[];
  /** Columns a file must have (templates); SSDA903 tables are recognised by their exact column set. */
  required: readonly string[];
  schema: z.ZodType<T, Record<string, string | undefined>>;
  /** Checks that only warn; returns false (after reporting an error) to reject the row. */
  check?(row: T, ctx: RowContext): boolean;
  /** What makes two rows duplicates of each other: a key, or a group and a key within it (cheaper for
   * big files, e.g. attendance by UPN then date and session). */
  duplicateKey?(row: T): string | readonly [string, string];
  /** What the duplicate key is, in messages: e.g. "child_id" or "UPN, date and session". */
  keyName?: string;
  /** How a later row with the same key differs from the first: each column, both values, and whether
   * the difference is a conflict (the later row is then rejected) or only worth a warning. */
  differences?(first: T, later: T): Difference[];
  /** Stages the accepted rows of one file. */
  commit(rows: readonly T[], at: (index: number) => Where, data: DataSet): void;
  /** Holds the accepted rows of one file another way than as an array of row objects (a table with
   * millions of rows), and commits them itself; without it, rows are kept in an array for `commit`. */
  staging?(data: DataSet): Staging<T>;
  /** A fast path for clean rows (the common case in large files): the parsed row, or undefined to
   * fall back to the schema, which explains what is wrong. Must agree with the schema. */
  fast?(input: Record<string, string | undefined>): T | undefined;
  /** The same fast path for a CSV row read straight from its fields: `at[i]` is the index in `fields`
   * of `columns[i]`, or -1 when the file lacks that column. */
  fastFields?(fields: readonly string[], at: readonly number[]): T | undefined;
  /**
   * For a table of millions of rows (attendance), with a file whose columns are the template's, in its
   * order: a plain CSV line (no quotes) read straight from the text, `text[start, end)`, without making
   * its fields, when it needs no check to report anything (otherwise undefined, and the line is read the
   * usual way). `group` and `order` place it among its group's rows: rows come in their group's order when
   * each has a greater `order` than the one before, which then orders as the duplicate key's item does.
   * The row may be one object reused for every line: it is staged before the next line is read.
   */
  plainRow?(text: string, start: number, end: number, asOf: string): PlainRow<T> | undefined;
  /** The `order` of a group's item (the second part of a duplicate key), for `plainRow`; NaN if none. */
  itemOrder?(item: string): number;
}

/** A row `plainRow` read: the row, its group (the first part of its duplicate key) and its order there. */
export interface PlainRow<T> {
  row: T;
  group: string;
  order: number;
}

/** The accepted rows of one file until the file has been read to the end (a file rejected on the way
 * commits nothing). */
export interface Staging<T> {
  readonly length: number;
  push(row: T): void;
  /** The row at `index`, as it was pushed. */
  at(index: number): T;
  /** Stages the rows in the data set, then forgets them. */
  commit(at: (index: number) => Where, data: DataSet): void;
}

export interface Difference {
  column: string;
  first: string;
  later: string;
  conflict: boolean;
}

/** The columns in which two rows differ; those in `conflicting` make it a conflict. */
function differingColumns<T extends object>(first: T, later: T, columns: readonly (keyof T & string)[], conflicting: readonly (keyof T & string)[]): Difference[] {
  const out: Difference[] = [];
  for (const column of columns) {
    const a = first[column];
    const b = later[column];
    if (a !== b) out.push({ column, first: a === undefined ? '' : String(a), later: b === undefined ? '' : String(b), conflict: conflicting.includes(column) });
  }
  return out;
}

/** The file a commit's rows come from (every row of one commit is from one file). */
const fileOf = (rows: readonly unknown[], at: (index: number) => Where): string => (rows.length > 0 ? at(0).file : '');

/** A table as specified; one without its own fast path for CSV rows gets the one its row schema gives
 * (`fastFieldsOf`), when the schema is made only of plain fields. */
function table<T>(spec: TableSpec<T>): TableSpec<T> {
  if (spec.fastFields !== undefined) return spec;
  const fastFields = fastFieldsOf(spec.schema, spec.columns);
  return fastFields === undefined ? spec : { ...spec, fastFields };
}

/** Ethnicity against the DfE main codes (census-codes.ts): unknown ones warn, once per code. */
function ethnicityCheck(ctx: RowContext, column: string, code: string | undefined): void {
  if (code === undefined || ETHNICITY_CODES.has(code.toUpperCase())) return;
  ctx.warnOnce(column, 'unknown-code', code.toUpperCase(), `${show(code)} is not a DfE ethnicity code (a main code such as WBRI or OOTH, or an extended one); kept as given`);
}

const futureCheck = (ctx: RowContext, column: string, date: string | undefined, what: string): void => {
  if (date !== undefined && date > ctx.asOf) ctx.warn(column, 'future-date', `${what} ${date} is after the data's "as of" date ${ctx.asOf}`);
};

function upnCheck(ctx: RowContext, column: string, upn: string | undefined): void {
  if (upn === undefined || ctx.seenBefore(upn)) return;
  const result = checkUpn(upn);
  if (!result.valid) ctx.warnOnce(column, 'upn-check', upn, `UPN ${show(upn)} looks wrong: ${result.problem ?? 'invalid'} The row is kept; please correct it at source.`);
}

/** A UPN as keyed: normalised (spaces removed, upper case). */
const Upn = field<string>((raw) => ({ ok: true, value: normaliseUpn(raw.trim()) }), 'bad-value');

/** What a clean attendance row looks like (anything else goes through the schema). */
const CLEAN_UPN = /^[A-Z0-9]{13}$/;
const CLEAN_CODE = /^[^\s]{1,2}$/;

/** The last UPN a clean attendance row had: files come sorted by pupil, so rows share the one string.
 * It always passes CLEAN_UPN (hence the placeholder before the first row). */
let lastCleanUpn = 'A000000000000';

/** An attendance row already in canonical form, as the schema would give it; undefined otherwise. The
 * UPN and date are the strings earlier rows had where they are equal, so staged rows hold few strings. */
function cleanAttendanceRow(upn: string, date: string, session: string, code: string): AttendanceRowValue | undefined {
  if (upn !== lastCleanUpn) {
    if (!CLEAN_UPN.test(upn)) return undefined;
    lastCleanUpn = upn;
  }
  const cleanDate = cleanIsoDate(date);
  if (cleanDate === undefined || !CLEAN_CODE.test(code)) return undefined;
  if (session === 'AM') return { upn: lastCleanUpn, date: cleanDate, session: 'AM', code };
  if (session === 'PM') return { upn: lastCleanUpn, date: cleanDate, session: 'PM', code };
  return undefined;
}

/**
 * Attendance rows read straight from a file's text (`TableSpec.plainRow`): `upn,date,session,code` with a
 * clean UPN and date, AM or PM, and a national code as the code table writes it, current on its date and
 * not retired, on or before the "as of" date, so that the row's check has nothing to say. The UPN and date
 * are the strings the row before had when the text is the same, so most lines make no string at all.
 */
class PlainAttendance {
  private readonly read: PlainRow<AttendanceRowValue> = { row: { upn: '', date: '', session: 'AM', code: '' }, group: '', order: 0 };
  private upn = '';
  private date = '';
  private day = 0;
  /** Codes as the code table writes them, by their text, with whether they may be read this way. */
  private readonly codes = new Map<string, boolean>();

  row(text: string, start: number, end: number, asOf: string): PlainRow<AttendanceRowValue> | undefined {
    const read = this.read;
    const upnEnd = start + 13;
    if (upnEnd >= end || text.charCodeAt(upnEnd) !== 44) return undefined;
    const upn = text.slice(start, upnEnd);
    if (upn !== this.upn) {
      if (!CLEAN_UPN.test(upn)) return undefined;
      this.upn = upn;
    }
    const dateEnd = upnEnd + 11;
    if (dateEnd >= end || text.charCodeAt(dateEnd) !== 44) return undefined;
    const dateText = text.slice(upnEnd + 1, dateEnd);
    if (dateText !== this.date) {
      const date = cleanIsoDate(dateText);
      if (date === undefined) return undefined;
      this.date = date;
      this.day = dayNumberOf(date);
    }
    if (this.date > asOf) return undefined;
    const s0 = text.charCodeAt(dateEnd + 1);
    if ((s0 !== 65 && s0 !== 80) || text.charCodeAt(dateEnd + 2) !== 77 || text.charCodeAt(dateEnd + 3) !== 44) return undefined;
    const codeStart = dateEnd + 4;
    if (end - codeStart < 1 || end - codeStart > 2) return undefined;
    const code = text.slice(codeStart, end);
    const definition = attendanceCodeDefinition(code, this.date);
    if (definition === undefined || definition.code !== code || !this.plainCode(code)) return undefined;
    const row = read.row;
    row.upn = this.upn;
    row.date = this.date;
    row.session = s0 === 65 ? 'AM' : 'PM';
    row.code = definition.code;
    read.group = this.upn;
    read.order = this.day * 2 + (s0 === 65 ? 0 : 1);
    return read;
  }

  /** Whether rows with this code need no warning: not a retired code. */
  private plainCode(code: string): boolean {
    let plain = this.codes.get(code);
    if (plain === undefined) {
      plain = !isHistoricalCode(code);
      this.codes.set(code, plain);
    }
    return plain;
  }
}

const plainAttendance = new PlainAttendance();

const GenderField = oneOf(Gender.options, { F: 'female', M: 'male', U: 'not-known', '1': 'male', '2': 'female', 'NOT KNOWN': 'not-known', OTHER: 'other' });

// ---------------------------------------------------------------------------------------------------
// EduBridge CSV templates

const ChildrenRow = z.object({
  child_id: Text.required,
  upn: Upn.optional,
  first_name: Text.required,
  last_name: Text.required,
  date_of_birth: DateField.required,
  gender: GenderField.optional,
  ethnicity: Text.optional,
  looked_after: YesNo.optional,
  care_start_date: DateField.optional,
  la_code: Text.optional,
  school_urn: Text.optional,
  school_name: Text.optional,
  sen_provision: oneOf(['E', 'K', 'N'] as const).optional,
  sen_primary_need: Text.optional,
  social_worker: Text.optional,
  social_worker_email: Text.optional,
  placement_in_area: YesNo.optional,
});

type ChildrenRowValue = z.output<typeof ChildrenRow>;
const CHILD_COLUMNS = Object.keys(ChildrenRow.shape) as (keyof ChildrenRowValue & string)[];
/** The columns that say who the child is: rows for one child_id that differ in these are a conflict. */
const CHILD_IDENTITY: readonly ('first_name' | 'last_name' | 'date_of_birth' | 'upn')[] = ['first_name', 'last_name', 'date_of_birth', 'upn'];

export const CHILDREN = table({
  id: 'children',
  label: 'children',
  kind: 'template',
  columns: ['child_id', 'upn', 'first_name', 'last_name', 'date_of_birth', 'gender', 'ethnicity', 'looked_after', 'care_start_date', 'la_code', 'school_urn', 'school_name', 'sen_provision', 'sen_primary_need', 'social_worker', 'social_worker_email', 'placement_in_area'],
  required: ['child_id', 'first_name', 'last_name', 'date_of_birth'],
  schema: ChildrenRow,
  check(row, ctx) {
    upnCheck(ctx, 'upn', row.upn);
    futureCheck(ctx, 'date_of_birth', row.date_of_birth, 'Date of birth');
    futureCheck(ctx, 'care_start_date', row.care_start_date, 'Care start date');
    if (row.la_code !== undefined && !/^\d{3}$/.test(row.la_code)) ctx.warn('la_code', 'bad-value', `${show(row.la_code)} is not a 3-digit LA number`);
    if (row.school_name !== undefined && row.school_urn === undefined) ctx.warn('school_urn', 'missing-field', 'school_name is given without school_urn, so the school is not recorded');
    ethnicityCheck(ctx, 'ethnicity', row.ethnicity);
    if (row.school_urn !== undefined && !SCHOOL_URN.test(row.school_urn)) ctx.warnOnce('school_urn', 'bad-value', row.school_urn, `${show(row.school_urn)} is not a school URN (six digits, as Get Information About Schools gives it); kept as given`);
    if (row.sen_primary_need !== undefined && senPrimaryNeedLabel(row.sen_primary_need) === undefined) ctx.warnOnce('sen_primary_need', 'unknown-code', row.sen_primary_need.toUpperCase(), `${show(row.sen_primary_need)} is not a school census SEN primary need (${Object.keys(SEN_PRIMARY_NEEDS).join(', ')}); kept as given`);
    return true;
  },
  duplicateKey: (row) => row.child_id,
  keyName: 'child_id',
  differences: (first, later) => differingColumns(first, later, CHILD_COLUMNS, CHILD_IDENTITY),
  commit(rows, at, data) {
    rows.forEach((row, i) => {
      const here = at(i);
      const existing = data.children.get(row.child_id);
      if (existing) {
        const earlier = { first_name: existing.firstName, last_name: existing.lastName, date_of_birth: existing.dateOfBirth, upn: existing.upn };
        const changed = differingColumns(earlier, row, CHILD_IDENTITY, CHILD_IDENTITY);
        if (changed.length > 0) {
          // A later file must not quietly make the child someone else: the first identity stands.
          data.reject(here.file);
          data.report({ ...here, column: (changed[0] as Difference).column, severity: 'error', code: 'conflict', message: `child_id ${show(row.child_id)} is at ${existing.file}:${existing.line} with a different identity: ${changed.map((d) => `${d.column} ${show(d.first)} there, ${show(d.later)} here`).join('; ')}. ${existing.file}:${existing.line} is used; correct one of them. Row not imported.` });
          return;
        }
        data.report({ ...here, column: 'child_id', severity: 'warning', code: 'duplicate-child', message: `child_id ${show(row.child_id)} is also at ${existing.file}:${existing.line}; this later row is used` });
      }
      data.children.set(row.child_id, {
        file: here.file,
        line: here.line,
        path: here.path,
        childId: row.child_id,
        upn: row.upn,
        firstName: row.first_name,
        lastName: row.last_name,
        dateOfBirth: row.date_of_birth,
        gender: row.gender,
        ethnicity: row.ethnicity,
        lookedAfter: row.looked_after,
        careStartDate: row.care_start_date,
        laCode: row.la_code,
        schoolUrn: row.school_urn,
        schoolName: row.school_name,
        senProvision: row.sen_provision,
        senPrimaryNeed: row.sen_primary_need,
        socialWorker: row.social_worker,
        socialWorkerEmail: row.social_worker_email,
        placementInArea: row.placement_in_area,
      });
    });
  },
});

const AttendanceRow = z.object({
  upn: Upn.required,
  date: DateField.required,
  session: oneOf(['AM', 'PM'] as const).required,
  code: Text.required,
});
type AttendanceRowValue = z.output<typeof AttendanceRow>;

export const ATTENDANCE = table({
  id: 'attendance',
  label: 'attendance',
  kind: 'template',
  columns: ['upn', 'date', 'session', 'code'],
  required: ['upn', 'date', 'session', 'code'],
  schema: AttendanceRow,
  fast(input) {
    return cleanAttendanceRow(input.upn ?? '', input.date ?? '', input.session ?? '', input.code ?? '');
  },
  fastFields(fields, at) {
    // The template's columns are all required, so a recognised file has every one.
    return cleanAttendanceRow(fields[at[0]!]!, fields[at[1]!]!, fields[at[2]!]!, fields[at[3]!]!);
  },
  check(row, ctx) {
    // A code as the code table writes it needs no normalising (the usual case in big files).
    let definition = attendanceCodeDefinition(row.code, row.date);
    let code = row.code;
    if (definition === undefined || definition.code !== code) {
      code = normaliseAttendanceCode(row.code);
      definition = attendanceCodeDefinition(code, row.date);
    }
    if (definition === undefined) {
      const other = classifyAttendanceCode(code) !== 'unknown';
      ctx.error(
        'code',
        'unknown-code',
        other
          ? `${show(row.code)} was not a national attendance code on ${row.date} (${attendanceCodeLabel(code) ?? ''}; it belongs to another code set)`
          : `${show(row.code)} is not a national attendance code`,
      );
      return false;
    }
    // The code table's own string where it is the same code, so staged rows share it.
    row.code = definition.code === code ? definition.code : code;
    if (isHistoricalCode(code)) {
      const successor = currentEquivalent(code);
      ctx.warnOnce('code', 'retired-code', code, `${show(code)} (${attendanceCodeLabel(code, row.date) ?? ''}) is a retired code${successor ? `, now ${show(successor)}` : ''}; counted as it was on its date`);
    }
    upnCheck(ctx, 'upn', row.upn);
    if (row.date > ctx.asOf) ctx.warnOnce('date', 'future-date', 'future', `Attendance dated after the data's "as of" date ${ctx.asOf}, e.g. ${row.date}`);
    return true;
  },
  duplicateKey: (row) => [row.upn, row.date + row.session] as const,
  keyName: 'UPN, date and session',
  plainRow: (text, start, end, asOf) => plainAttendance.row(text, start, end, asOf),
  itemOrder(item) {
    const date = cleanIsoDate(item.slice(0, 10));
    const session = item.slice(10);
    return date === undefined || (session !== 'AM' && session !== 'PM') ? Number.NaN : dayNumberOf(date) * 2 + (session === 'AM' ? 0 : 1);
  },
  differences: (first, later) => differingColumns(first, later, ['code'], ['code']),
  commit(rows, at, data) {
    const staging = new AttendanceStaging(data);
    for (const row of rows) staging.push(row);
    staging.commit(at, data);
  },
  staging: (data) => new AttendanceStaging(data),
});

const AttendanceSummaryRow = z.object({
  upn: Upn.required,
  from_date: DateField.required,
  to_date: DateField.required,
  possible_sessions: WholeNumber.required,
  attended_sessions: WholeNumber.required,
  authorised_absence_sessions: WholeNumber.required,
  unauthorised_absence_sessions: WholeNumber.required,
});

const ATTENDANCE_SUMMARY_COLUMNS = ['upn', 'from_date', 'to_date', 'possible_sessions', 'attended_sessions', 'authorised_absence_sessions', 'unauthorised_absence_sessions'] as const;

/** A row of attendance figures in the record's terms. */
function attendanceFiguresOf(row: z.infer<typeof AttendanceSummaryRow>): ChildEducationRecord['attendance']['summaries'][number] {
  return {
    from: row.from_date,
    to: row.to_date,
    possibleSessions: row.possible_sessions,
    attendedSessions: row.attended_sessions,
    authorisedAbsenceSessions: row.authorised_absence_sessions,
    unauthorisedAbsenceSessions: row.unauthorised_absence_sessions,
  };
}

/** Attendance figures for a date range (a term, as the school census returns them), for schools or years
 * without session marks. */
export const ATTENDANCE_SUMMARIES = table({
  id: 'attendance_summaries',
  label: 'attendance figures',
  kind: 'template',
  columns: ATTENDANCE_SUMMARY_COLUMNS,
  required: ATTENDANCE_SUMMARY_COLUMNS,
  schema: AttendanceSummaryRow,
  check(row, ctx) {
    const problem = checkAttendanceFigures(attendanceFiguresOf(row));
    if (problem) {
      ctx.error(row.from_date > row.to_date ? 'to_date' : 'possible_sessions', 'bad-value', problem);
      return false;
    }
    upnCheck(ctx, 'upn', row.upn);
    futureCheck(ctx, 'to_date', row.to_date, 'Attendance figures ending');
    return true;
  },
  duplicateKey: (row) => [row.upn, `${row.from_date}\u0000${row.to_date}`] as const,
  commit(rows, at, data) {
    const use = data.keyRuns(data.upnUses, 'attendance', 'attendance', at);
    const file = fileOf(rows, at);
    rows.forEach((row, i) => {
      use(row.upn, i);
      data.noteDate(file, row.to_date <= data.asOf ? row.to_date : undefined);
      push(data.attendanceFigures, row.upn, attendanceFiguresOf(row));
    });
  },
});

/**
 * Attendance rows staged as numbers, not objects: a council's file has millions. Each row is its pupil
 * (an index into the UPNs seen, which come in runs) and its mark packed as one number (mark-columns.ts).
 */
class AttendanceStaging implements Staging<AttendanceRowValue> {
  /** For each staged row: its pupil (an index into `upns`) and its mark, packed. */
  private readonly pupils = new Int32List(1024);
  private readonly packed = new Int32List(1024);
  private upns: string[] = [];
  private lastDate = '';
  private lastDay = 0;
  private lastCode = '';
  private lastCodeIndex = 0;
  /** Each pupil's UPN kept as a string of its own, not a slice of the file's text (KeptStrings). */
  private readonly strings = new KeptStrings();

  constructor(private readonly data: DataSet) {}

  get length(): number {
    return this.packed.length;
  }

  push(row: AttendanceRowValue): void {
    if (this.upns[this.upns.length - 1] !== row.upn) this.upns.push(this.strings.of(row.upn));
    if (row.date !== this.lastDate) {
      this.lastDay = dayNumberOf(row.date);
      this.lastDate = row.date;
    }
    if (row.code !== this.lastCode) {
      this.lastCodeIndex = this.data.markCodes.of(row.code);
      this.lastCode = row.code;
    }
    this.pupils.push(this.upns.length - 1);
    this.packed.push(packDay(this.lastDay, row.session, this.lastCodeIndex));
  }

  at(index: number): AttendanceRowValue {
    const packed = this.packed.at(index);
    const key = keyOfPacked(packed);
    return {
      upn: this.upns[this.pupils.at(index)] as string,
      date: dateOfDay(Math.floor(key / 2)),
      session: key % 2 === 0 ? 'AM' : 'PM',
      code: this.data.markCodes.table[packed - packedOfKey(key)] as string,
    };
  }

  commit(at: (index: number) => Where, data: DataSet): void {
    // Files are usually sorted by pupil: look the pupil up once per run of rows.
    let lastPupil = -1;
    let marks = new Int32List();
    let use: { rows: number } = { rows: 0 };
    let latest = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.length; i++) {
      const pupil = this.pupils.at(i);
      const upn = this.upns[pupil] as string;
      if (pupil !== lastPupil) {
        const where = at(i);
        DataSet.useKey(data.upnUses, upn, where, 'attendance');
        use = data.upnUses.get(`${where.file}\u0000${upn}`) as { rows: number };
        data.noteSource('attendance', upn, where.file);
        let existing = data.marks.get(upn);
        if (existing === undefined) data.marks.set(upn, (existing = new Int32List()));
        marks = existing;
        lastPupil = pupil;
      } else use.rows++;
      const packed = this.packed.at(i);
      marks.push(packed);
      const day = Math.floor(keyOfPacked(packed) / 2);
      if (day > latest && dateOfDay(day) <= data.asOf) latest = day;
    }
    if (this.length > 0) data.noteDate(at(0).file, latest === Number.NEGATIVE_INFINITY ? undefined : dateOfDay(latest));
    this.pupils.clear();
    this.packed.clear();
    this.upns = [];
  }
}

const AssessmentRow = z.object({
  upn: Upn.required,
  date: DateField.required,
  measure: oneOf([...StatutoryMeasure.options, 'TERMLY'] as const).required,
  subject: Text.required,
  result: Text.required,
  target: Text.optional,
});

const GRADE = /^([1-9]|U)$/i;

type AssessmentRowValue = z.output<typeof AssessmentRow>;

/**
 * Assessment rows staged as what the record keeps: each row becomes its statutory result or termly
 * judgement as it is staged, with only its pupil (an index into the UPNs seen, which come in runs) and
 * the text of its result and target beside it. A council's file has hundreds of thousands of rows, and an
 * object for each row as read, kept until the file is done, would be one more for the garbage collector to
 * move as it grows old.
 */
class AssessmentStaging implements Staging<AssessmentRowValue> {
  private readonly pupils = new Int32List(1024);
  private upns: string[] = [];
  private kept: (StatutoryAssessment | TermlyJudgement)[] = [];
  /** Each row's result and target as read (a termly row keeps them parsed). */
  private results: string[] = [];
  private targets: (string | undefined)[] = [];

  get length(): number {
    return this.kept.length;
  }

  push(row: AssessmentRowValue): void {
    if (this.upns[this.upns.length - 1] !== row.upn) this.upns.push(row.upn);
    this.pupils.push(this.upns.length - 1);
    this.kept.push(assessmentOf(row));
    this.results.push(row.result);
    this.targets.push(row.target);
  }

  at(index: number): AssessmentRowValue {
    const kept = this.kept[index] as StatutoryAssessment | TermlyJudgement;
    return {
      upn: this.upns[this.pupils.at(index)] as string,
      date: kept.date,
      measure: 'measure' in kept ? kept.measure : 'TERMLY',
      subject: kept.subject,
      result: this.results[index] as string,
      target: this.targets[index],
    };
  }

  commit(at: (index: number) => Where, data: DataSet): void {
    const use = data.keyRuns(data.upnUses, 'assessments', 'attainment', at);
    const file = fileOf(this.kept, at);
    for (let i = 0; i < this.length; i++) {
      const upn = this.upns[this.pupils.at(i)] as string;
      const kept = this.kept[i] as StatutoryAssessment | TermlyJudgement;
      use(upn, i);
      data.noteDate(file, kept.date);
      if ('measure' in kept) push(data.assessments, upn, kept);
      else push(data.termly, upn, kept);
    }
    this.pupils.clear();
    this.upns = [];
    this.kept = [];
    this.results = [];
    this.targets = [];
  }
}

/** What the record keeps of an assessment row: a statutory result, or a termly judgement (or predicted
 * grade) against its target. */
function assessmentOf(row: AssessmentRowValue): StatutoryAssessment | TermlyJudgement {
  if (row.measure !== 'TERMLY') return { measure: row.measure, subject: row.subject, date: row.date, result: row.result, target: row.target };
  const judgement = parseAreJudgement(row.result) ?? undefined;
  const target = row.target === undefined ? undefined : (parseAreJudgement(row.target) ?? row.target.toUpperCase());
  return { subject: row.subject, date: row.date, judgement, predictedGrade: judgement ? undefined : row.result.toUpperCase(), target };
}

export const ASSESSMENTS = table({
  id: 'assessments',
  label: 'assessments',
  kind: 'template',
  columns: ['upn', 'date', 'measure', 'subject', 'result', 'target'],
  required: ['upn', 'date', 'measure', 'subject', 'result'],
  schema: AssessmentRow,
  check(row, ctx) {
    if (row.measure === 'TERMLY' && parseAreJudgement(row.result) === null && !GRADE.test(row.result)) {
      ctx.error('result', 'bad-value', `${show(row.result)} is not a judgement (below, working-towards, expected, greater-depth) or a GCSE grade (9–1, U)`);
      return false;
    }
    upnCheck(ctx, 'upn', row.upn);
    futureCheck(ctx, 'date', row.date, 'Assessment date');
    return true;
  },
  duplicateKey: (row) => [row.upn, `${row.date}\u0000${row.measure}\u0000${row.subject.toLowerCase()}`] as const,
  commit(rows, at, data) {
    const staging = new AssessmentStaging();
    for (const row of rows) staging.push(row);
    staging.commit(at, data);
  },
  staging: () => new AssessmentStaging(),
});

const PepRow = z.object({
  child_id: Text.required,
  meeting_date: DateField.required,
  status: oneOf(PepStatus.options).required,
  quality_rating: Text.optional,
  pp_plus_amount: Money.optional,
  child_views_recorded: YesNo.optional,
});

export const PEPS = table({
  id: 'peps',
  label: 'peps',
  kind: 'template',
  columns: ['child_id', 'meeting_date', 'status', 'quality_rating', 'pp_plus_amount', 'child_views_recorded'],
  required: ['child_id', 'meeting_date', 'status'],
  schema: PepRow,
  check(row, ctx) {
    if (row.status !== 'scheduled' && row.status !== 'cancelled') futureCheck(ctx, 'meeting_date', row.meeting_date, `A ${row.status} PEP meeting on`);
    if (row.quality_rating !== undefined && pepQualityRating(row.quality_rating) === undefined) {
      ctx.warnOnce('quality_rating', 'unknown-code', row.quality_rating.toLowerCase(), `${show(row.quality_rating)} is not on the PEP quality scale (${DEFAULT_POLICY.pep.qualityScale.map((g) => g.value).join(', ')}); kept, but it cannot rate the PEP`);
    }
    return true;
  },
  duplicateKey: (row) => [row.child_id, row.meeting_date] as const,
  commit(rows, at, data) {
    const use = data.keyRuns(data.childIdUses, 'peps', 'pep', at);
    const file = fileOf(rows, at);
    rows.forEach((row, i) => {
      use(row.child_id, i);
      if (row.status !== 'scheduled' && row.status !== 'cancelled') data.noteDate(file, row.meeting_date);
      push(data.meetings, row.child_id, {
        date: row.meeting_date,
        status: row.status,
        qualityRating: row.quality_rating?.toLowerCase(),
        childViewsRecorded: row.child_views_recorded,
        targets: [],
        // The template's one amount is PP+ requested; approved when the PEP is approved.
        ppPlusRequested: row.pp_plus_amount,
        ppPlusApproved: row.status === 'approved' ? row.pp_plus_amount : undefined,
      });
    });
  },
});

const PepActionRow = z.object({
  child_id: Text.required,
  meeting_date: DateField.required,
  action: Text.required,
  owner: oneOf(ActionOwner.options, { 'SOCIAL WORKER': 'social-worker', 'VIRTUAL SCHOOL': 'virtual-school', VSH: 'virtual-school', SW: 'social-worker' }).required,
  due_date: DateField.optional,
  completed: YesNo.optional,
});

export const PEP_ACTIONS = table({
  id: 'pep_actions',
  label: 'pep_actions',
  kind: 'template',
  columns: ['child_id', 'meeting_date', 'action', 'owner', 'due_date', 'completed'],
  required: ['child_id', 'meeting_date', 'action', 'owner'],
  schema: PepActionRow,
  duplicateKey: (row) => [row.child_id, `${row.meeting_date}\u0000${row.action}\u0000${row.owner}`] as const,
  commit(rows, at, data) {
    const use = data.keyRuns(data.childIdUses, 'pep_actions', 'pep', at);
    const file = fileOf(rows, at);
    rows.forEach((row, i) => {
      use(row.child_id, i);
      data.noteDate(file, row.meeting_date);
      push(data.actions, row.child_id, { meetingDate: row.meeting_date, description: row.action, owner: row.owner, due: row.due_date, completed: row.completed ?? false });
    });
  },
});

const ExclusionRow = z.object({
  upn: Upn.required,
  start_date: DateField.required,
  type: oneOf(['suspension', 'permanent'] as const, { 'FIXED PERIOD': 'suspension', FIXED: 'suspension' }).required,
  sessions: WholeNumber.optional,
  reason_code: Text.optional,
});

export const EXCLUSIONS = table({
  id: 'exclusions',
  label: 'exclusions',
  kind: 'template',
  columns: ['upn', 'start_date', 'type', 'sessions', 'reason_code'],
  required: ['upn', 'start_date', 'type'],
  schema: ExclusionRow,
  check(row, ctx) {
    upnCheck(ctx, 'upn', row.upn);
    futureCheck(ctx, 'start_date', row.start_date, 'Exclusion start date');
    return true;
  },
  duplicateKey: (row) => [row.upn, `${row.start_date}\u0000${row.type}`] as const,
  commit(rows, at, data) {
    const use = data.keyRuns(data.upnUses, 'exclusions', 'exclusions', at);
    const file = fileOf(rows, at);
    rows.forEach((row, i) => {
      use(row.upn, i);
      data.noteDate(file, row.start_date);
      push(data.exclusions, row.upn, { type: row.type, start: row.start_date, sessions: row.sessions, reasonCode: row.reason_code?.toUpperCase() });
    });
  },
});

// ---------------------------------------------------------------------------------------------------
// SSDA903 tables (DOMAIN.md §5): recognised by their exact column sets; dates dd/mm/yyyy.

/**
 * How current an SSDA903 file is: the return covers a collection year, 1 April to 31 March, and is
 * "as at" its 31 March [P: DfE SSDA903 guidance]. The 31 March closing the year of `date`, or `asOf` when
 * that year has not ended (an in-year extract is as current as the day it is read).
 */
export function collectionYearEnd(date: string, asOf: string): string {
  const year = Number(date.slice(0, 4));
  const end = `${date.slice(5) >= '04-01' ? year + 1 : year}-03-31`;
  return end < asOf ? end : asOf;
}

function codeCheck(ctx: RowContext, column: string, list: keyof typeof SSDA903_CODES, value: string | undefined): void {
  if (value === undefined) return;
  if (!(SSDA903_CODES[list] as readonly string[]).includes(value)) ctx.warnOnce(column, 'unknown-code', value, `${show(value)} is not a known SSDA903 ${column} code; kept as given`);
}

const Ssda903Header = z.object({
  CHILD: Text.required,
  SEX: Text.optional,
  DOB: DateField.optional,
  ETHNIC: Text.optional,
  UPN: Text.optional,
  MOTHER: Text.optional,
  MC_DOB: DateField.optional,
});

/** SSDA903 codes for "no UPN" (UN1–UN5 and similar) are reasons, not UPNs. */
const NO_UPN = /^UN\d$/i;

export const SSDA903_HEADER = table({
  id: '903-header',
  label: 'SSDA903 header',
  kind: 'ssda903',
  columns: ['CHILD', 'SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'],
  required: [],
  schema: Ssda903Header,
  check(row, ctx) {
    if (row.SEX !== undefined && ssdaGender(row.SEX) === undefined) ctx.warnOnce('SEX', 'unknown-code', row.SEX, `SEX ${show(row.SEX)} is not 1/2 (to 2023/24) or M/F/U (from 2024/25); recorded as not known`);
    if (row.UPN !== undefined && !NO_UPN.test(row.UPN)) upnCheck(ctx, 'UPN', normaliseUpn(row.UPN));
    ethnicityCheck(ctx, 'ETHNIC', row.ETHNIC);
    futureCheck(ctx, 'DOB', row.DOB, 'Date of birth');
    return true;
  },
  duplicateKey: (row) => row.CHILD,
  keyName: 'CHILD',
  differences: (first, later) => differingColumns(first, later, ['SEX', 'DOB', 'ETHNIC', 'UPN', 'MOTHER', 'MC_DOB'], ['SEX', 'DOB', 'UPN']),
  commit(rows, at, data) {
    rows.forEach((row, i) => {
      const here = at(i);
      const existing = data.ssdaHeaders.get(row.CHILD);
      if (existing) {
        const upn = row.UPN === undefined || NO_UPN.test(row.UPN) ? undefined : normaliseUpn(row.UPN);
        const changed = differingColumns({ DOB: existing.dateOfBirth, UPN: existing.upn }, { DOB: row.DOB, UPN: upn }, ['DOB', 'UPN'], ['DOB', 'UPN']);
        if (changed.length > 0) {
          data.reject(here.file);
          data.report({ ...here, column: (changed[0] as Difference).column, severity: 'error', code: 'conflict', message: `CHILD ${show(row.CHILD)} is at ${existing.file}:${existing.line} with a different identity: ${changed.map((d) => `${d.column} ${show(d.first)} there, ${show(d.later)} here`).join('; ')}. ${existing.file}:${existing.line} is used; correct one of them. Row not imported.` });
          return;
        }
        data.report({ ...here, column: 'CHILD', severity: 'warning', code: 'duplicate-child', message: `CHILD ${show(row.CHILD)} is also at ${existing.file}:${existing.line}; this later row is used` });
      }
      data.ssdaHeaders.set(row.CHILD, {
        file: here.file,
        line: here.line,
        path: here.path,
        child: row.CHILD,
        gender: row.SEX === undefined ? undefined : (ssdaGender(row.SEX) ?? 'not-known'),
        dateOfBirth: row.DOB,
        ethnicity: row.ETHNIC,
        upn: row.UPN === undefined || NO_UPN.test(row.UPN) ? undefined : normaliseUpn(row.UPN),
      });
    });
  },
});

const Ssda903Episode = z.object({
  CHILD: Text.required,
  DECOM: DateField.required,
  RNE: oneOf(SSDA903_CODES.RNE).required,
  LS: Text.optional,
  CIN: Text.optional,
  PLACE: Text.optional,
  PLACE_PROVIDER: Text.optional,
  DEC: DateField.optional,
  REC: Text.optional,
  REASON_PLACE_CHANGE: Text.optional,
  HOME_POST: Text.optional,
  PL_POST: Text.optional,
  URN: Text.optional,
});

export const SSDA903_EPISODES = table({
  id: '903-episodes',
  label: 'SSDA903 episodes',
  kind: 'ssda903',
  columns: ['CHILD', 'DECOM', 'RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'],
  required: [],
  schema: Ssda903Episode,
  check(row, ctx) {
    codeCheck(ctx, 'LS', 'LS', row.LS);
    codeCheck(ctx, 'PLACE', 'PLACE', row.PLACE);
    codeCheck(ctx, 'PLACE_PROVIDER', 'PLACE_PROVIDER', row.PLACE_PROVIDER);
    codeCheck(ctx, 'REC', 'REC', row.REC);
    codeCheck(ctx, 'REASON_PLACE_CHANGE', 'REASON_PLACE_CHANGE', row.REASON_PLACE_CHANGE);
    if (row.DEC !== undefined && row.DEC < row.DECOM) {
      ctx.error('DEC', 'bad-date', `The episode ends (${row.DEC}) before it starts (${row.DECOM})`);
      return false;
    }
    futureCheck(ctx, 'DECOM', row.DECOM, 'Episode start');
    futureCheck(ctx, 'DEC', row.DEC, 'Episode end');
    return true;
  },
  duplicateKey: (row) => `${row.CHILD}\u0000${row.DECOM}`,
  keyName: 'CHILD and DECOM',
  differences: (first, later) => {
    const columns = ['RNE', 'LS', 'CIN', 'PLACE', 'PLACE_PROVIDER', 'DEC', 'REC', 'REASON_PLACE_CHANGE', 'HOME_POST', 'PL_POST', 'URN'] as const;
    return differingColumns(first, later, columns, columns);
  },
  commit(rows, at, data) {
    rows.forEach((row, i) => {
      const here = at(i);
      data.noteDate(here.file, collectionYearEnd(row.DEC !== undefined && row.DEC > row.DECOM ? row.DEC : row.DECOM, data.asOf));
      push(data.episodes, row.CHILD, {
        file: here.file,
        line: here.line,
        path: here.path,
        child: row.CHILD,
        start: row.DECOM,
        rne: row.RNE,
        legalStatus: row.LS,
        placement: row.PLACE,
        provider: row.PLACE_PROVIDER,
        end: row.DEC,
        reasonEnded: row.REC,
        reasonPlaceChange: row.REASON_PLACE_CHANGE,
        homePostcode: row.HOME_POST,
        placementPostcode: row.PL_POST,
      });
    });
  },
});

const Ssda903SwEpisode = z.object({
  CHILD: Text.required,
  DOB: DateField.optional,
  SW_ID: Text.required,
  SW_DECOM: DateField.optional,
  SW_DEC: DateField.optional,
  SW_REASON: Text.optional,
});

export const SSDA903_SW_EPISODES = table({
  id: '903-sw-episodes',
  label: 'SSDA903 social worker episodes',
  kind: 'ssda903',
  columns: ['CHILD', 'DOB', 'SW_ID', 'SW_DECOM', 'SW_DEC', 'SW_REASON'],
  required: [],
  schema: Ssda903SwEpisode,
  check(row, ctx) {
    futureCheck(ctx, 'SW_DECOM', row.SW_DECOM, 'Social worker episode start');
    return true;
  },
  duplicateKey: (row) => `${row.CHILD}\u0000${row.SW_ID}\u0000${row.SW_DECOM ?? ''}`,
  commit(rows, at, data) {
    rows.forEach((row, i) => {
      const last = row.SW_DEC ?? row.SW_DECOM;
      if (last !== undefined) data.noteDate(at(i).file, collectionYearEnd(last, data.asOf));
      push(data.socialWorkerEpisodes, row.CHILD, { ...at(i), child: row.CHILD, id: row.SW_ID, start: row.SW_DECOM, end: row.SW_DEC });
    });
  },
});

/**
 * 903 tables EduBridge checks (CHILD present, dates real) and counts, but whose content the education
 * record has no place for: reviews, UASC, OC2, OC3, missing, adoption and previous permanence.
 */
function referenceOnly(id: TableId, label: string, columns: readonly string[], dates: readonly string[]): TableSpec<Record<string, string | undefined>> {
  const shape: Record<string, z.ZodType<string | undefined, string | undefined>> = {};
  for (const column of columns) shape[column] = column === 'CHILD' ? Text.required : dates.includes(column) ? DateField.optional : Text.optional;
  return table({
    id,
    label,
    kind: 'ssda903',
    columns,
    required: [],
    schema: z.object(shape) as unknown as z.ZodType<Record<string, string | undefined>, Record<string, string | undefined>>,
    duplicateKey: (row) => columns.map((c) => row[c] ?? '').join('\u0000'),
    commit(_rows, at, data) {
      _rows.forEach((row, i) => DataSet.useKey(data.ssdaReferences, row.CHILD as string, at(i), label));
    },
  });
}

export const SSDA903_REVIEWS = referenceOnly('903-reviews', 'SSDA903 reviews', ['CHILD', 'DOB', 'REVIEW', 'REVIEW_CODE'], ['DOB', 'REVIEW']);
export const SSDA903_UASC = referenceOnly('903-uasc', 'SSDA903 UASC', ['CHILD', 'SEX', 'DOB', 'DUC'], ['DOB', 'DUC']);
export const SSDA903_OC2 = referenceOnly('903-oc2', 'SSDA903 OC2', ['CHILD', 'DOB', 'SDQ_SCORE', 'SDQ_REASON', 'CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'], ['DOB']);
export const SSDA903_OC3 = referenceOnly('903-oc3', 'SSDA903 OC3', ['CHILD', 'DOB', 'IN_TOUCH', 'ACTIV', 'ACCOM'], ['DOB']);
export const SSDA903_MISSING = referenceOnly('903-missing', 'SSDA903 missing', ['CHILD', 'DOB', 'MISSING', 'MIS_START', 'MIS_END'], ['DOB', 'MIS_START', 'MIS_END']);
export const SSDA903_AD1 = referenceOnly('903-ad1', 'SSDA903 AD1', ['CHILD', 'DOB', 'DATE_INT', 'DATE_MATCH', 'FOSTER_CARE', 'NB_ADOPTR', 'SEX_ADOPTR', 'LS_ADOPTR'], ['DOB', 'DATE_INT', 'DATE_MATCH']);
export const SSDA903_PLACED_FOR_ADOPTION = referenceOnly('903-placed-for-adoption', 'SSDA903 placed for adoption', ['CHILD', 'DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED', 'REASON_PLACED_CEASED'], ['DOB', 'DATE_PLACED', 'DATE_PLACED_CEASED']);
export const SSDA903_PREVIOUS_PERMANENCE = referenceOnly('903-previous-permanence', 'SSDA903 previous permanence', ['CHILD', 'DOB', 'PREV_PERM', 'LA_PERM', 'DATE_PERM'], []);

/** A web address for the PEP: http or https only (the screens also check it is the council's ePEP origin). */
function webAddress(raw: string): string | undefined {
  try {
    const url = new URL(raw);
    return (url.protocol === 'https:' || url.protocol === 'http:') && raw.length <= 2048 ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** The contacts template: one row per child (docs/data-formats.md, "contacts.csv"). */
const CONTACT_ROLES = [
  ['designatedTeacher', 'designated_teacher'],
  ['virtualSchoolCaseworker', 'virtual_school_caseworker'],
  ['schoolContact', 'school_contact'],
] as const;
const CONTACT_COLUMNS = CONTACT_ROLES.flatMap(([, column]) => [column, `${column}_email`, `${column}_phone`]);

const ContactRow = z.object({
  child_id: Text.required,
  ...Object.fromEntries(CONTACT_COLUMNS.map((column) => [column, Text.optional])),
  pep_url: Text.optional,
}) as unknown as z.ZodType<{ child_id: string; pep_url?: string } & Record<string, string | undefined>, Record<string, string | undefined>>;

export const CONTACTS = table({
  id: 'contacts',
  label: 'contacts',
  kind: 'template',
  columns: ['child_id', ...CONTACT_COLUMNS, 'pep_url'],
  required: ['child_id'],
  schema: ContactRow,
  check(row, ctx) {
    if (row.pep_url !== undefined) {
      const url = webAddress(row.pep_url);
      if (url === undefined) ctx.warn('pep_url', 'bad-value', `${show(row.pep_url)} is not a web address starting https://: the PEP link is left out, the rest of the row is kept`);
      row.pep_url = url;
    }
    for (const [, column] of CONTACT_ROLES) {
      if (row[column] === undefined && (row[`${column}_email`] !== undefined || row[`${column}_phone`] !== undefined)) {
        ctx.warn(column, 'missing-field', `An email or phone is given for the ${column.replace(/_/g, ' ')} but no name: that contact is not imported`);
      }
    }
    return true;
  },
  duplicateKey: (row) => row.child_id,
  commit(rows, at, data) {
    rows.forEach((row, i) => {
      DataSet.useKey(data.childIdUses, row.child_id, at(i), 'contacts');
      const contacts: ChildContacts = {};
      for (const [field, column] of CONTACT_ROLES) {
        const name = row[column];
        if (name === undefined) continue;
        const email = row[`${column}_email`];
        const phone = row[`${column}_phone`];
        const contact: Contact = { name, ...(email !== undefined ? { email } : {}), ...(phone !== undefined ? { phone } : {}) };
        contacts[field] = contact;
      }
      if (row.pep_url !== undefined) contacts.pepDocument = { url: row.pep_url };
      data.contacts.set(row.child_id, contacts);
    });
  },
});

export const TEMPLATES: readonly TableSpec[] = [CHILDREN, ATTENDANCE, ATTENDANCE_SUMMARIES, ASSESSMENTS, PEPS, PEP_ACTIONS, EXCLUSIONS, CONTACTS] as unknown as TableSpec[];
export const SSDA903_TABLES: readonly TableSpec[] = [
  SSDA903_HEADER,
  SSDA903_EPISODES,
  SSDA903_REVIEWS,
  SSDA903_UASC,
  SSDA903_OC2,
  SSDA903_OC3,
  SSDA903_MISSING,
  SSDA903_SW_EPISODES,
  SSDA903_AD1,
  SSDA903_PLACED_FOR_ADOPTION,
  SSDA903_PREVIOUS_PERMANENCE,
] as unknown as TableSpec[];
export const ALL_TABLES: readonly TableSpec[] = [...TEMPLATES, ...SSDA903_TABLES];

export type { Severity };

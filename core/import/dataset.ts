/**
 * What the importers have read so far, staged by the key each file uses (child_id, UPN or 903 CHILD),
 * before `buildRecords` joins it into child education records.
 */
import type {
  ChildContacts,
  ChildEducationRecord,
  Exclusion,
  Gender,
  PepAction,
  PepMeeting,
  StatutoryAssessment,
  TermlyJudgement,
} from '../model/index.ts';
import { keyOfPacked, MarkCodes, packedOfKey } from '../rules/mark-columns.ts';
import { Int32List } from './int32-list.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import type { FileSummary, Problem } from './problem.ts';

/** The parts of a record whose source files are noted (`DataSet.noteSource`). */
export type SourcePart = 'attendance' | 'attainment' | 'exclusions' | 'pep';

/** No source files (`DataSet.sourcesOf` for a child without a key). */
const NO_FILES: ReadonlySet<string> = new Set();

export interface Where {
  file: string;
  line: number;
  /** For XML rows: the element path the row came from, e.g. `CHILD[3]/EPISODE[2]/`. */
  path?: string;
}

export interface ChildRow extends Where {
  childId: string;
  upn?: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  gender?: Gender;
  ethnicity?: string;
  lookedAfter?: boolean;
  careStartDate?: string;
  laCode?: string;
  schoolUrn?: string;
  schoolName?: string;
  senProvision?: 'E' | 'K' | 'N';
  senPrimaryNeed?: string;
  socialWorker?: string;
  /** The allocated social worker's email: how the server knows their caseload when they sign in. */
  socialWorkerEmail?: string;
  placementInArea?: boolean;
}

export interface Ssda903Header extends Where {
  child: string;
  gender?: Gender;
  dateOfBirth?: string;
  ethnicity?: string;
  upn?: string;
}

export interface Ssda903Episode extends Where {
  child: string;
  start: string;
  rne: string;
  legalStatus?: string;
  placement?: string;
  provider?: string;
  end?: string;
  reasonEnded?: string;
  reasonPlaceChange?: string;
  homePostcode?: string;
  placementPostcode?: string;
}

export interface SocialWorkerEpisode extends Where {
  child: string;
  id: string;
  start?: string;
  end?: string;
}

/** A reference to a child by a key, remembered to report keys no child has. */
export interface KeyUse extends Where {
  table: string;
  rows: number;
}

/**
 * What reading one attendance file put in a data set of its own (read on another thread), to be joined
 * into the data set of the rest: its summary and problems, and its marks by UPN.
 */
export interface AttendancePart {
  file: string;
  summary: FileSummary;
  problems: Problem[];
  listed: { listed: number; errors: number; warnings: number } | undefined;
  upns: string[];
  /** UPN i's marks are packed[offsets[i]] to packed[offsets[i + 1]] (exclusive). */
  offsets: Int32Array;
  packed: Int32Array;
  codes: string[];
  upnUses: [string, KeyUse][];
  sources: string[];
  fileDate: string | undefined;
}

export class DataSet {
  readonly children = new Map<string, ChildRow>();
  readonly ssdaHeaders = new Map<string, Ssda903Header>();
  /** The 903 CHILD of every row of the 903 tables that only refer to a child (reviews, OC2, …). */
  readonly ssdaReferences = new Map<string, KeyUse>();
  readonly episodes = new Map<string, Ssda903Episode[]>();
  readonly socialWorkerEpisodes = new Map<string, SocialWorkerEpisode[]>();
  /** Attendance marks by UPN, packed (core/rules/mark-columns.ts), in the order read. */
  readonly marks = new Map<string, Int32List>();
  /** The attendance codes the packed marks number. */
  readonly markCodes = new MarkCodes();
  /** Attendance figures for date ranges, by UPN. */
  readonly attendanceFigures = new Map<string, ChildEducationRecord['attendance']['summaries']>();
  readonly assessments = new Map<string, StatutoryAssessment[]>();
  readonly termly = new Map<string, TermlyJudgement[]>();
  readonly exclusions = new Map<string, Exclusion[]>();
  readonly meetings = new Map<string, PepMeeting[]>();
  readonly actions = new Map<string, PepAction[]>();
  /** contacts.csv, by child_id. */
  readonly contacts = new Map<string, ChildContacts>();
  /** First use of each UPN / child_id by the tables keyed by them, per file, for "no such child". */
  readonly upnUses = new Map<string, KeyUse>();
  readonly childIdUses = new Map<string, KeyUse>();
  readonly jsonRecords: { record: ChildEducationRecord; where: Where }[] = [];
  /** How current each file's data is: the latest date its rows speak of (see `noteDate`). */
  readonly fileDates = new Map<string, string>();
  /** Which files gave each keyed part: `${part}\u0000${key}` → file names. */
  readonly partFiles = new Map<string, Set<string>>();
  /** The problems listed so far (at most `limits.problemsPerFile` for each file: see `report`). */
  readonly problems: Problem[] = [];
  readonly summaries = new Map<string, FileSummary>();
  readonly limits: Readonly<ImportLimits>;
  /** Per file: problems listed, and those only counted (beyond the limit) by severity. */
  private readonly listed = new Map<string, { listed: number; errors: number; warnings: number }>();

  constructor(
    readonly asOf: string,
    limits: Partial<ImportLimits> = {},
  ) {
    this.limits = { ...DEFAULT_IMPORT_LIMITS, ...limits };
  }

  /** Adds a problem and counts it against its file. Given a row's location (which may carry an XML
   * element path and other row fields), only the problem's own fields are kept. Beyond
   * `limits.problemsPerFile` problems in one file, later ones are counted but not kept, so a file of
   * bad rows costs bounded memory; `closeProblems` then adds one line saying how many were left out.
   * Returns whether the problem was kept. */
  report(given: Problem & { path?: string }): boolean {
    const summary = this.summaries.get(given.file);
    if (summary) {
      if (given.severity === 'warning') summary.warnings++;
      else summary.errors++;
    }
    let count = this.listed.get(given.file);
    if (count === undefined) this.listed.set(given.file, (count = { listed: 0, errors: 0, warnings: 0 }));
    if (count.listed >= this.limits.problemsPerFile) {
      if (given.severity === 'warning') count.warnings++;
      else count.errors++;
      return false;
    }
    count.listed++;
    const problem: Problem =
      Object.keys(given).length === 6 && given.path === undefined
        ? given
        : { file: given.file, line: given.line, column: (given.path ?? '') + given.column, severity: given.severity, message: given.message, code: given.code };
    this.problems.push(problem);
    return true;
  }

  /** Moves one accepted row of `file` to rejected (a conflict found when joining rows). */
  reject(file: string): void {
    const summary = this.summaries.get(file);
    if (summary) {
      summary.accepted--;
      summary.rejected++;
    }
  }

  /** Rejects a whole file: drops what was reported about its rows and records the one reason. */
  rejectFile(problem: Problem): void {
    let kept = 0;
    for (const p of this.problems) if (p.file !== problem.file) this.problems[kept++] = p;
    this.problems.length = kept;
    this.listed.delete(problem.file);
    const summary = this.summaries.get(problem.file);
    if (summary) Object.assign(summary, { accepted: 0, rejected: summary.rowsRead, warnings: 0, errors: 0, rejectedWhole: true });
    this.report(problem);
  }

  /** Adds, for each file with more problems than were listed, one line saying how many more there
   * are (an error when any of them is). Call once, after the last file. */
  closeProblems(): void {
    for (const [file, count] of this.listed) {
      const more = count.errors + count.warnings;
      if (more === 0) continue;
      const parts = [count.errors > 0 ? `${count.errors.toLocaleString('en-GB')} error${count.errors === 1 ? '' : 's'}` : '', count.warnings > 0 ? `${count.warnings.toLocaleString('en-GB')} warning${count.warnings === 1 ? '' : 's'}` : ''].filter(Boolean);
      this.problems.push({
        file,
        line: 1,
        column: '-',
        severity: count.errors > 0 ? 'error' : 'warning',
        code: 'too-many-problems',
        message: `${parts.join(' and ')} more in this file are not listed (only the first ${this.limits.problemsPerFile.toLocaleString('en-GB')} are); correct those and validate again`,
      });
      count.errors = 0;
      count.warnings = 0;
    }
  }

  /**
   * This data set's content as one attendance file's part (see `adoptAttendance`), or undefined when it
   * holds anything else (another table, another file).
   */
  exportAttendance(file: string): AttendancePart | undefined {
    const others = [this.children, this.ssdaHeaders, this.ssdaReferences, this.episodes, this.socialWorkerEpisodes, this.assessments, this.termly, this.exclusions, this.meetings, this.actions, this.contacts, this.childIdUses];
    if (others.some((map) => map.size > 0) || this.jsonRecords.length > 0) return undefined;
    if ([...this.summaries.keys()].some((f) => f !== file) || [...this.listed.keys()].some((f) => f !== file) || [...this.fileDates.keys()].some((f) => f !== file)) return undefined;
    if ([...this.upnUses.values()].some((use) => use.file !== file)) return undefined;
    const sources: string[] = [];
    for (const [key, files] of this.partFiles) {
      if (!key.startsWith('attendance\u0000') || files.size !== 1 || !files.has(file)) return undefined;
      sources.push(key.slice('attendance\u0000'.length));
    }
    const summary = this.summaries.get(file);
    if (summary === undefined) return undefined;
    const upns = [...this.marks.keys()];
    const offsets = new Int32Array(upns.length + 1);
    let total = 0;
    upns.forEach((upn, i) => {
      offsets[i] = total;
      total += (this.marks.get(upn) as Int32List).length;
    });
    offsets[upns.length] = total;
    const packed = new Int32Array(total);
    upns.forEach((upn, i) => packed.set((this.marks.get(upn) as Int32List).view(), offsets[i] as number));
    return { file, summary, problems: this.problems, listed: this.listed.get(file), upns, offsets, packed, codes: this.markCodes.table, upnUses: [...this.upnUses], sources, fileDate: this.fileDates.get(file) };
  }

  /**
   * Joins an attendance file read on its own (`exportAttendance`) as if it had been read here last: its
   * marks follow any the data set has for the same pupils.
   */
  adoptAttendance(part: AttendancePart): void {
    this.summaries.set(part.file, part.summary);
    for (const problem of part.problems) this.problems.push(problem);
    if (part.listed) this.listed.set(part.file, part.listed);
    const codes = part.codes.map((code) => this.markCodes.of(code));
    if (codes.some((code, i) => code !== i)) {
      // Numbered differently here: renumbered, in place (the part is this data set's now).
      for (let m = 0; m < part.packed.length; m++) {
        const value = part.packed[m] as number;
        const key = keyOfPacked(value);
        part.packed[m] = packedOfKey(key) + (codes[value - packedOfKey(key)] as number);
      }
    }
    part.upns.forEach((upn, i) => {
      const own = part.packed.subarray(part.offsets[i] as number, part.offsets[i + 1] as number);
      const marks = this.marks.get(upn);
      // A pupil with no marks yet takes the part's as they are; else they follow the marks read before.
      if (marks === undefined) this.marks.set(upn, Int32List.of(own));
      else for (const value of own) marks.push(value);
    });
    for (const [key, use] of part.upnUses) this.upnUses.set(key, use);
    for (const upn of part.sources) this.noteSource('attendance', upn, part.file);
    if (part.fileDate !== undefined) this.fileDates.set(part.file, part.fileDate);
  }

  /** Notes that `file` has data up to `date` (the latest mark, assessment, meeting, or the end of the
   * SSDA903 collection year). Dates after the "as of" date (a PEP meeting booked ahead) say nothing about
   * how current the data is and are passed over. */
  noteDate(file: string, date: string | undefined): void {
    if (date === undefined || date > this.asOf) return;
    const known = this.fileDates.get(file);
    if (known === undefined || date > known) this.fileDates.set(file, date);
  }

  /** The latest date any file's data speaks of: the extract date of files that carry no dates of their
   * own (children.csv, the SSDA903 header), undefined when no file has dates. */
  latestDate(): string | undefined {
    let latest: string | undefined;
    for (const date of this.fileDates.values()) if (latest === undefined || date > latest) latest = date;
    return latest;
  }

  /** Remembers that `file` gave data for `part` of the child with `key` (UPN or child_id). */
  noteSource(part: SourcePart, key: string, file: string): void {
    const mapKey = `${part}\u0000${key}`;
    const files = this.partFiles.get(mapKey);
    if (files) files.add(file);
    else this.partFiles.set(mapKey, new Set([file]));
  }

  /** The files `noteSource` was told gave data for `part` of the child with `key` (none without a key). */
  sourcesOf(part: SourcePart, key: string | undefined): ReadonlySet<string> {
    return (key && this.partFiles.get(`${part}\u0000${key}`)) || NO_FILES;
  }

  /**
   * For the rows of one file, in order: `use(key, index)` counts row `index` (at `at(index)`) as a use of
   * `key` in `map` (`useKey`) and, given `part`, notes the file as a source of that part for the key
   * (`noteSource`). Rows come in runs of one key, and a run costs one look-up.
   */
  keyRuns(map: Map<string, KeyUse>, table: string, part: SourcePart | undefined, at: (index: number) => Where): (key: string, index: number) => void {
    let lastKey: string | undefined;
    let lastUse: KeyUse | undefined;
    return (key, index) => {
      if (key === lastKey && lastUse !== undefined) {
        lastUse.rows++;
        return;
      }
      const where = at(index);
      DataSet.useKey(map, key, where, table);
      if (part !== undefined) this.noteSource(part, key, where.file);
      lastKey = key;
      lastUse = map.get(`${where.file}\u0000${key}`);
    };
  }

  static useKey(map: Map<string, KeyUse>, key: string, where: Where, table: string): void {
    const mapKey = `${where.file}\u0000${key}`;
    const use = map.get(mapKey);
    if (use) use.rows++;
    else map.set(mapKey, { file: where.file, line: where.line, path: where.path, table, rows: 1 });
  }
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

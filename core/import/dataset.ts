/**
 * What the importers have read so far, staged by the key each file uses (child_id, UPN or 903 CHILD),
 * before `buildRecords` joins it into child education records.
 */
import type {
  AttendanceMark,
  ChildContacts,
  ChildEducationRecord,
  Exclusion,
  Gender,
  PepAction,
  PepMeeting,
  StatutoryAssessment,
  TermlyJudgement,
} from '../model/index.ts';
import type { FileSummary, Problem } from './problem.ts';

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

export class DataSet {
  readonly children = new Map<string, ChildRow>();
  readonly ssdaHeaders = new Map<string, Ssda903Header>();
  /** The 903 CHILD of every row of the 903 tables that only refer to a child (reviews, OC2, …). */
  readonly ssdaReferences = new Map<string, KeyUse>();
  readonly episodes = new Map<string, Ssda903Episode[]>();
  readonly socialWorkerEpisodes = new Map<string, SocialWorkerEpisode[]>();
  readonly marks = new Map<string, AttendanceMark[]>();
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
  /** The sources each part of a child's record came from: file name → "as of" date. */
  readonly fileDates = new Map<string, string>();
  /** Which files gave each keyed part: `${part}\u0000${key}` → file names. */
  readonly partFiles = new Map<string, Set<string>>();
  readonly problems: Problem[] = [];
  readonly summaries = new Map<string, FileSummary>();

  constructor(readonly asOf: string) {}

  /** Adds a problem and counts it against its file. Given a row's location (which may carry an XML
   * element path and other row fields), only the problem's own fields are kept. */
  report(given: Problem & { path?: string }): void {
    const problem: Problem =
      Object.keys(given).length === 6 && given.path === undefined
        ? given
        : { file: given.file, line: given.line, column: (given.path ?? '') + given.column, severity: given.severity, message: given.message, code: given.code };
    this.problems.push(problem);
    const summary = this.summaries.get(problem.file);
    if (summary) {
      if (problem.severity === 'warning') summary.warnings++;
      else summary.errors++;
    }
  }

  /** Rejects a whole file: drops what was reported about its rows and records the one reason. */
  rejectFile(problem: Problem): void {
    for (let i = this.problems.length - 1; i >= 0; i--) if ((this.problems[i] as Problem).file === problem.file) this.problems.splice(i, 1);
    const summary = this.summaries.get(problem.file);
    if (summary) Object.assign(summary, { accepted: 0, rejected: summary.rowsRead, warnings: 0, errors: 0, rejectedWhole: true });
    this.report(problem);
  }

  /** Remembers that `file` gave data for `part` of the child with `key` (UPN or child_id). */
  noteSource(part: 'attendance' | 'attainment' | 'exclusions' | 'pep', key: string, file: string): void {
    const mapKey = `${part}\u0000${key}`;
    const files = this.partFiles.get(mapKey);
    if (files) files.add(file);
    else this.partFiles.set(mapKey, new Set([file]));
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

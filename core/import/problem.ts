/**
 * A problem found in an input file: where it is (file, line, column name), how serious, and what to do.
 * Errors reject their row (or, for whole-file problems, the file); warnings keep the row.
 */
export type Severity = 'error' | 'warning';

export type ProblemCode =
  | 'not-utf8'
  | 'unreadable'
  | 'unrecognised-file'
  | 'missing-column'
  | 'duplicate-column'
  | 'extra-column'
  | 'no-header'
  | 'field-count'
  | 'csv-syntax'
  | 'xml-syntax'
  | 'json-syntax'
  | 'missing-field'
  | 'bad-date'
  | 'bad-value'
  | 'future-date'
  | 'unknown-code'
  | 'retired-code'
  | 'upn-check'
  | 'unknown-child'
  | 'duplicate-row'
  | 'duplicate-child'
  | 'conflict'
  | 'care-period'
  | 'schema';

export interface Problem {
  /** The file's path as given (relative to the data directory when loading one). */
  file: string;
  /** 1-based line; the CSV header is line 1. For XML, the line of the child's element; for JSON, 1. */
  line: number;
  /** The column (CSV), element path (XML) or field path (JSON); "-" for the whole row or file. */
  column: string;
  severity: Severity;
  message: string;
  code: ProblemCode;
}

/** `FILE:LINE:COLUMN: severity: message`, the form editors and CI logs understand. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`;
}

/** What happened to one input file. */
export interface FileSummary {
  file: string;
  /** What the file was recognised as, e.g. "attendance" or "SSDA903 episodes"; "unrecognised" if nothing. */
  format: string;
  /** Data rows (CSV), children (XML) or records (JSON) read. */
  rowsRead: number;
  accepted: number;
  rejected: number;
  warnings: number;
  errors: number;
  /** True when the whole file was rejected (e.g. not UTF-8, a required column missing). */
  rejectedWhole: boolean;
}

/** Orders problems by file, then line, then column, for stable output. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column.localeCompare(b.column));
}

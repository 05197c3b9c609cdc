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
  | 'schema'
  | 'too-large'
  | 'too-long'
  | 'too-many-problems'
  | 'not-a-file';

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

/** `FILE:LINE:COLUMN: severity: message`, the form editors and CI logs understand. File and column
 * names come from the data, so control characters are shown as escapes (see `printable`). */
export function formatProblem(problem: Problem): string {
  return printable(`${problem.file}:${problem.line}:${problem.column}: ${problem.severity}: ${problem.message}`);
}

/**
 * Text from the data made safe to print on a terminal: every control character (C0, DEL, C1, and the
 * line and paragraph separators), and line feeds too unless `keepNewlines`, is written as `\u001b` and so
 * on, so a file, column or child's name cannot move the cursor, recolour or retitle the terminal.
 */
export function printable(text: string, { keepNewlines = false } = {}): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (keepNewlines && c === '\n' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
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

/** How many of `problems` are errors (each a row, or a whole file, not imported). */
export function errorCount(problems: readonly Problem[]): number {
  let errors = 0;
  for (const problem of problems) if (problem.severity === 'error') errors++;
  return errors;
}

/** Orders problems by file, then line, then column, for stable output. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column.localeCompare(b.column));
}

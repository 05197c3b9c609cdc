/**
 * How much the importers will read, so a hostile or broken file costs bounded time and memory: a file
 * larger than these, a field longer, or more problems in one file than are worth listing, is refused or
 * cut short with a clear problem. Every reader checks against these defaults unless a caller (a test,
 * or `LoadOptions.limits`) gives others.
 */
export interface ImportLimits {
  /** The largest CSV file read (streamed, so memory does not grow with it). */
  csvFileBytes: number;
  /** The largest XML or JSON file read (parsed whole, so memory grows with it). */
  wholeFileBytes: number;
  /** The longest single CSV field, in characters: no template or 903 column needs more than a few hundred. */
  fieldChars: number;
  /** Problems listed per file; beyond this they are counted in the file's summary and one closing line. */
  problemsPerFile: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = {
  csvFileBytes: 2 * 1024 ** 3,
  wholeFileBytes: 256 * 1024 ** 2,
  fieldChars: 10_000,
  problemsPerFile: 10_000,
};
